public import Analytics
import Bot
public import Discord
public import Domain
import Extraction
import Foundation
import Store

/// Statistics as Discord embeds. Pure: reports in, embeds out.
public enum StatisticsEmbeds {
    static let color = 0x5865F2

    /// `/stats`: stage counts, conversion and days between stages.
    public static func funnel(_ report: StatisticsReport) -> Embed {
        let funnel = report.funnel
        let stages = Stage.allCases.map { stage in
            let count = funnel.stages[stage] ?? StageCount()
            let implied = count.implied > 0 ? " (\(count.implied) implied)" : ""
            return "\(stage.displayName): **\(count.total)**\(implied)"
        }
        let conversion = StagePair.reported.map { pair in
            "\(pair.from.displayName) → \(pair.to.displayName): " + ((funnel.conversion[pair] ?? nil).map(percent) ?? "n/a")
        }
        let days = StagePair.reported.compactMap { pair in
            funnel.daysBetween[pair].map {
                "\(pair.from.displayName) → \(pair.to.displayName): median \(decimal($0.median)) d, mean \(decimal($0.mean)) d (n=\($0.count))"
            }
        }
        var fields = [
            Embed.Field("Stages", stages.joined(separator: "\n"), inline: true),
            Embed.Field("Conversion", conversion.joined(separator: "\n"), inline: true),
        ]
        fields.append(Embed.Field("Days between stages", days.isEmpty ? "Not enough journeys yet." : days.joined(separator: "\n")))
        return Embed(
            title: "\(report.company ?? "All companies"): recruiting funnel",
            description: "**\(funnel.journeys)** \(funnel.journeys == 1 ? "journey" : "journeys") (one member at one company)",
            fields: fields, footer: "A later stage implies the earlier ones. Days are UTC.", color: color)
    }

    /// `/trends`: per stage, the reports in the window, the latest 7-day average, and a sparkline.
    public static func trends(_ report: StatisticsReport, stage: Stage?) -> Embed {
        let stages = stage.map { [$0] } ?? Stage.allCases
        let window = "\(Timestamp.date(day: report.trendFirstDay)) to \(Timestamp.date(day: report.trendLastDay))"
        var fields: [Embed.Field] = []
        for stage in stages {
            let points = report.trend.filter { $0.stage == stage }
            let total = points.reduce(0) { $0 + $1.count }
            guard total > 0 || stages.count == 1 else { continue }
            let average = points.last?.average7 ?? 0
            fields.append(
                Embed.Field(
                    stage.displayName, "**\(total)** reports, 7-day average \(decimal(average))/day\n`\(sparkline(points.map(\.count)))`"))
        }
        return Embed(
            title: "Daily reports\(stage.map { ": \($0.displayName)" } ?? "")", description: window,
            fields: fields.isEmpty ? [Embed.Field("No reports", "Nothing was reported in this window.")] : fields,
            footer: "One report per member, company and stage, on the day it was first reported.", color: color)
    }

    /// `/top`: companies by reports, and where one company stands when asked about.
    public static func top(
        _ ranking: [CompanyActivity], stage: Stage?, days: Int?, standing: (company: String, place: CompanyStanding?)? = nil
    ) -> Embed {
        let scope = [stage.map { "\($0.displayName) reports" } ?? "Reports", days.map { "in the last \($0) days" } ?? "of all time"]
        let lines = ranking.enumerated().map { "\($0.offset + 1). **\($0.element.company)**: \($0.element.updates)" }
        var description = scope.joined(separator: " ") + "\n\n" + (lines.isEmpty ? "No reports yet." : lines.joined(separator: "\n"))
        if let standing {
            description += "\n\n"
            if let place = standing.place {
                description +=
                    "**\(place.activity.company)** is #\(place.rank) of \(place.companies) "
                    + "\(place.companies == 1 ? "company" : "companies") with \(place.activity.updates) "
                    + "\(place.activity.updates == 1 ? "report" : "reports")."
            } else {
                description += "**\(standing.company)** has no reports in this window."
            }
        }
        return Embed(title: "Most active companies", description: description, color: color)
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Daily counts as block characters, summed into at most 60 columns.
    static func sparkline(_ counts: [Int]) -> String {
        guard !counts.isEmpty else { return "" }
        let width = min(60, counts.count)
        let size = (counts.count + width - 1) / width
        let columns = stride(from: 0, to: counts.count, by: size).map { counts[$0..<min($0 + size, counts.count)].reduce(0, +) }
        let blocks = Array("▁▂▃▄▅▆▇█")
        let peak = max(1, columns.max() ?? 1)
        return String(columns.map { $0 == 0 ? " " : blocks[min(blocks.count - 1, ($0 * blocks.count - 1) / peak)] })
    }
}
