import Domain
import Store

/// How spread out the days between two stages are: the shortest, the quartiles, the median and
/// the longest, over the journeys that reported both stages. What a box-and-whisker chart draws.
public struct DaysSpread: Sendable, Hashable {
    public var pair: StagePair
    public var minimum: Double
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
    public var maximum: Double
    public var count: Int

    public init(
        pair: StagePair, minimum: Double, lowerQuartile: Double, median: Double, upperQuartile: Double, maximum: Double, count: Int
    ) {
        self.pair = pair
        self.minimum = minimum
        self.lowerQuartile = lowerQuartile
        self.median = median
        self.upperQuartile = upperQuartile
        self.maximum = maximum
        self.count = count
    }

    static let fractions = [0, 0.25, 0.5, 0.75, 1]

    /// The spread of every reported pair of stages, from the rollups; pairs no journey reported
    /// both stages of are left out. The median is the same figure `/stats` shows.
    static func all(companyID: Int64?, rollups: RollupReader) throws -> [DaysSpread] {
        try StagePair.reported.compactMap { pair in
            guard let durations = try rollups.durations(companyID: companyID, from: pair.from, to: pair.to, atFractions: fractions),
                let median = try rollups.durations(companyID: companyID, from: pair.from, to: pair.to)?.medianMilliseconds
            else { return nil }
            let days = durations.values.map { Double($0) / Statistics.millisecondsPerDay }
            return DaysSpread(
                pair: pair, minimum: days[0], lowerQuartile: days[1], median: median / Statistics.millisecondsPerDay,
                upperQuartile: days[3], maximum: days[4], count: durations.count)
        }
    }
}
