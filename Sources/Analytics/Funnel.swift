public import Domain
import Extraction
public import Store

/// A pair of stages, written `oa->phone`.
public struct StagePair: Sendable, Hashable, CustomStringConvertible {
    public var from: Stage
    public var to: Stage

    public init(_ from: Stage, _ to: Stage) {
        self.from = from
        self.to = to
    }

    public var description: String { "\(from.rawValue)->\(to.rawValue)" }

    /// Consecutive funnel stages, then each earlier stage into offer.
    public static let reported: [StagePair] = {
        let funnel = Stage.funnel
        var pairs = zip(funnel, funnel.dropFirst()).map { StagePair($0, $1) }
        for stage in funnel.dropLast(2) { pairs.append(StagePair(stage, .offer)) }
        return pairs
    }()
}

public struct StageCount: Sendable, Hashable {
    public var reported = 0
    public var implied = 0
    public var total: Int { reported + implied }

    public init(reported: Int = 0, implied: Int = 0) {
        self.reported = reported
        self.implied = implied
    }
}

/// Mean and median of a set of durations, in days.
public struct DaysSummary: Sendable, Hashable {
    public var mean: Double
    public var median: Double
    public var count: Int

    public init(mean: Double, median: Double, count: Int) {
        self.mean = mean
        self.median = median
        self.count = count
    }

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        mean = sorted.reduce(0, +) / Double(sorted.count)
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        count = sorted.count
    }
}

/// The funnel over a set of journeys: counts per stage, conversion, and time between stages.
public struct FunnelStatistics: Sendable, Hashable {
    public var journeys: Int
    public var stages: [Stage: StageCount]
    /// Journeys that reached `to` (or a later funnel stage) ÷ journeys that reached `from`, implied
    /// stages counted; nil when no journey reached `from`.
    public var conversion: [StagePair: Double?]
    /// Days from the first report of `from` to the first report of `to`, over journeys that reported
    /// both; pairs without such a journey are absent.
    public var daysBetween: [StagePair: DaysSummary]

    public init(journeys: [Journey]) {
        var stages: [Stage: StageCount] = [:]
        for stage in Stage.allCases { stages[stage] = StageCount() }
        var durations: [StagePair: [Double]] = [:]
        for journey in journeys {
            for stage in Stage.allCases where journey.reached(stage) {
                if journey.isImplied(stage) { stages[stage]!.implied += 1 } else { stages[stage]!.reported += 1 }
            }
            let times = journey.effectiveTimes
            for pair in StagePair.reported {
                guard journey.firstReported[pair.from] != nil, journey.firstReported[pair.to] != nil,
                    let start = times[pair.from], let end = times[pair.to]
                else { continue }
                durations[pair, default: []].append(Double(end - start) / 86_400_000)
            }
        }
        self.init(journeys: journeys.count, stages: stages, daysBetween: durations.compactMapValues(DaysSummary.init))
    }

    /// From the rollups' counts.
    public init(_ totals: FunnelTotals, daysBetween: [StagePair: DaysSummary] = [:]) {
        var stages: [Stage: StageCount] = [:]
        for stage in Stage.allCases {
            stages[stage] = StageCount(reported: totals.reported[stage] ?? 0, implied: totals.implied[stage] ?? 0)
        }
        self.init(journeys: totals.journeys, stages: stages, daysBetween: daysBetween)
    }

    /// From counts already made; conversion follows from the stage counts.
    public init(journeys: Int, stages: [Stage: StageCount], daysBetween: [StagePair: DaysSummary]) {
        self.journeys = journeys
        self.stages = stages
        var conversion: [StagePair: Double?] = [:]
        for pair in StagePair.reported {
            let reachedFrom = stages[pair.from]?.total ?? 0
            conversion[pair] = reachedFrom == 0 ? nil : Double(stages[pair.to]?.total ?? 0) / Double(reachedFrom)
        }
        self.conversion = conversion
        self.daysBetween = daysBetween
    }
}
