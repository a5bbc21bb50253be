import Domain
import Store

/// How spread out the days between two stages are, over the journeys that reported both stages:
/// the 10th percentile, the quartiles, the median and the 90th percentile. What a box-and-whisker
/// chart draws; whiskers at the 10th and 90th keep one journey that took a year from flattening
/// the boxes of everyone else.
public struct DaysSpread: Sendable, Hashable {
    public var pair: StagePair
    public var lowDecile: Double
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
    public var highDecile: Double
    public var count: Int

    public init(
        pair: StagePair, lowDecile: Double, lowerQuartile: Double, median: Double, upperQuartile: Double, highDecile: Double, count: Int
    ) {
        self.pair = pair
        self.lowDecile = lowDecile
        self.lowerQuartile = lowerQuartile
        self.median = median
        self.upperQuartile = upperQuartile
        self.highDecile = highDecile
        self.count = count
    }

    static let fractions = [0.1, 0.25, 0.5, 0.75, 0.9]

    /// The spread of every reported pair of stages, from the rollups; pairs no journey reported
    /// both stages of are left out. The median is the same figure `/stats` shows.
    static func all(companyID: Int64?, rollups: RollupReader) throws -> [DaysSpread] {
        try StagePair.reported.compactMap { pair in
            guard let durations = try rollups.durations(companyID: companyID, from: pair.from, to: pair.to, atFractions: fractions)
            else { return nil }
            let days = durations.values.map { Double($0) / Statistics.millisecondsPerDay }
            return DaysSpread(
                pair: pair, lowDecile: days[0], lowerQuartile: days[1],
                median: durations.medianMilliseconds / Statistics.millisecondsPerDay,
                upperQuartile: days[3], highDecile: days[4], count: durations.count)
        }
    }
}
