import Analytics
import Domain
import Extraction
import Foundation
import Store

/// The readable form of a statistics report, for a terminal.
enum StatsTable {
    static func render(_ report: StatisticsReport) -> String {
        var out = ""
        let scope = report.company ?? "all companies"
        let window: String
        switch (report.since, report.until) {
        case (nil, nil): window = "all time"
        case (let since?, nil): window = "since \(Timestamp.date(day: Timestamp.day(of: since)))"
        case (nil, let until?): window = "until \(Timestamp.date(day: Timestamp.day(of: until)))"
        case (let since?, let until?):
            window = "\(Timestamp.date(day: Timestamp.day(of: since))) to \(Timestamp.date(day: Timestamp.day(of: until)))"
        }
        out += "Recruiting statistics: \(scope), \(window)\n"
        out += "Journeys (member × company): \(report.funnel.journeys)\n\n"

        out += row(["Stage", "Reported", "Implied", "Total"], widths: [14, 9, 8, 6]) + "\n"
        for stage in Stage.allCases {
            let count = report.funnel.stages[stage] ?? StageCount()
            out += row([stage.displayName, "\(count.reported)", "\(count.implied)", "\(count.total)"], widths: [14, 9, 8, 6]) + "\n"
        }

        out += "\nConversion\n"
        for pair in StagePair.reported {
            let value = (report.funnel.conversion[pair] ?? nil).map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
            out += "  " + row(["\(pair.from.displayName) → \(pair.to.displayName)", value], widths: [28, 6]) + "\n"
        }

        let durations = StagePair.reported.compactMap { pair in report.funnel.daysBetween[pair].map { (pair, $0) } }
        if !durations.isEmpty {
            out += "\nDays between stages\n"
            out += "  " + row(["", "mean", "median", "n"], widths: [28, 6, 7, 5]) + "\n"
            for (pair, summary) in durations {
                out +=
                    "  "
                    + row(
                        [
                            "\(pair.from.displayName) → \(pair.to.displayName)", String(format: "%.1f", summary.mean),
                            String(format: "%.1f", summary.median), "\(summary.count)",
                        ], widths: [28, 6, 7, 5]) + "\n"
            }
        }

        out += "\nDaily reports, \(Timestamp.date(day: report.trendFirstDay)) to \(Timestamp.date(day: report.trendLastDay))\n"
        let stagesWithData = Stage.allCases.filter { stage in report.trend.contains { $0.stage == stage } }
        if stagesWithData.isEmpty {
            out += "  no reports\n"
        } else {
            out += "  " + row(["", "total", "7-day avg (last day)"], widths: [14, 6, 20]) + "\n"
            for stage in stagesWithData {
                let points = report.trend.filter { $0.stage == stage }
                let total = points.reduce(0) { $0 + $1.count }
                let last = points.last { $0.day == report.trendLastDay }?.average7 ?? 0
                out += "  " + row([stage.displayName, "\(total)", String(format: "%.2f", last)], widths: [14, 6, 20]) + "\n"
            }
        }

        if !report.topCompanies.isEmpty {
            out += "\nMost active companies\n"
            for (index, activity) in report.topCompanies.enumerated() {
                let rank = "\(index + 1).".padding(toLength: 4, withPad: " ", startingAt: 0)
                out += "  " + rank + row([activity.company, "\(activity.updates)"], widths: [28, 6]) + "\n"
            }
        }
        return out
    }

    /// Left-aligns the first column and right-aligns the others.
    private static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let padding = String(repeating: " ", count: max(0, width - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined(separator: " ")
    }
}
