public import Domain
import Extraction
public import Store

/// One day's count of first reports of a stage, with the trailing 7-day moving average.
public struct TrendPoint: Sendable, Hashable {
    /// UTC day number (days since 1970-01-01).
    public var day: Int64
    public var stage: Stage
    public var count: Int
    /// Mean of the daily counts over this day and the six before it. Days before the window are
    /// read from the data, not assumed empty, so the first days of a window are not understated.
    public var average7: Double

    public init(day: Int64, stage: Stage, count: Int, average7: Double) {
        self.day = day
        self.stage = stage
        self.count = count
        self.average7 = average7
    }
}

public enum Trend {
    public static let averageWindow: Int64 = 7

    /// Daily points for the days `firstDay...lastDay`, from first reports that must cover at least
    /// `firstDay - 6 ... lastDay`. Days on which a stage has neither reports nor a non-zero average
    /// are left out.
    public static func daily(firstReports: [(stage: Stage, at: Int64)], firstDay: Int64, lastDay: Int64) -> [TrendPoint] {
        daily(
            counts: firstReports.map { DailyReports(stage: $0.stage, day: Timestamp.day(of: $0.at), reports: 1) }, firstDay: firstDay,
            lastDay: lastDay)
    }

    /// The same from counts per stage and day (the rollups), covering `firstDay - 6 ... lastDay`.
    public static func daily(counts daily: [DailyReports], firstDay: Int64, lastDay: Int64) -> [TrendPoint] {
        guard firstDay <= lastDay else { return [] }
        let start = firstDay - (averageWindow - 1)
        var counts: [Stage: [Int]] = [:]
        let width = Int(lastDay - start + 1)
        for entry in daily {
            guard entry.day >= start && entry.day <= lastDay else { continue }
            counts[entry.stage, default: Array(repeating: 0, count: width)][Int(entry.day - start)] += entry.reports
        }
        var points: [TrendPoint] = []
        for day in firstDay...lastDay {
            for stage in Stage.allCases {
                guard let series = counts[stage] else { continue }
                let index = Int(day - start)
                let window = series[(index - Int(averageWindow) + 1)...index]
                let sum = window.reduce(0, +)
                guard sum > 0 else { continue }
                points.append(TrendPoint(day: day, stage: stage, count: series[index], average7: Double(sum) / Double(averageWindow)))
            }
        }
        return points
    }
}
