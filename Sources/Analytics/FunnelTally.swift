import Domain
import Extraction
import Store

/// The funnel counted journey by journey from plain first-report times: the same figures as
/// `FunnelStatistics(journeys:)`, without a `Journey` (and its dictionary) per journey, for a
/// window over hundreds of thousands of them.
struct FunnelTally {
    private(set) var journeys = 0
    private var reported = Array(repeating: 0, count: Stage.allCases.count)
    private var implied = Array(repeating: 0, count: Stage.allCases.count)
    private var days: [[Double]] = Array(repeating: [], count: StagePair.reported.count)

    private static let pairs = StagePair.reported.map {
        (from: FirstReportTimes.position(of: $0.from), to: FirstReportTimes.position(of: $0.to))
    }
    private static let rejected = FirstReportTimes.position(of: .rejected)

    mutating func add(_ journey: FirstReportTimes) {
        journeys += 1
        let furthest = journey.furthestFunnelPosition
        for position in 0..<Stage.funnel.count {
            if journey[position] != nil {
                reported[position] += 1
            } else if furthest >= position {
                implied[position] += 1
            }
        }
        if journey[Self.rejected] != nil { reported[Self.rejected] += 1 }
        for (index, pair) in Self.pairs.enumerated() {
            guard journey[pair.from] != nil, journey[pair.to] != nil,
                let start = journey.effectiveTime(pair.from), let end = journey.effectiveTime(pair.to)
            else { continue }
            days[index].append(Double(end - start) / 86_400_000)
        }
    }

    var statistics: FunnelStatistics {
        var stages: [Stage: StageCount] = [:]
        for (position, stage) in Stage.allCases.enumerated() {
            stages[stage] = StageCount(reported: reported[position], implied: implied[position])
        }
        var daysBetween: [StagePair: DaysSummary] = [:]
        for (index, pair) in StagePair.reported.enumerated() { daysBetween[pair] = DaysSummary(days[index]) }
        return FunnelStatistics(journeys: journeys, stages: stages, daysBetween: daysBetween)
    }
}
