public import Analytics
public import Charts
public import Domain
import Store

/// The statistics as charts: what the dashboard draws as SVG and the slash commands attach as PNG.
/// Pure: reports in, chart descriptions out. Each stage keeps its colour in every chart.
public enum StatisticsCharts {
    /// Journeys per stage, reported and implied by a later stage, stacked.
    public static func funnel(_ funnel: FunnelStatistics, id: String, title: String = "Recruiting funnel") -> Chart {
        let stages = Stage.allCases
        let counts = stages.map { funnel.stages[$0] ?? StageCount() }
        let summary = zip(stages, counts).map { stage, count in
            "\(stage.displayName) \(count.total)" + (count.implied > 0 ? " (\(count.implied) implied)" : "")
        }
        return Chart(
            id: id, title: title,
            summary: "\(funnel.journeys) journeys. " + summary.joined(separator: ", ") + ".",
            xLabel: "Stage", yLabel: "Journeys",
            body: .bars(
                BarChart(
                    categories: stages.map(\.displayName),
                    series: [
                        ChartSeries(name: "Reported", values: counts.map { Double($0.reported) }, colorIndex: 4),
                        ChartSeries(name: "Implied by a later stage", values: counts.map { Double($0.implied) }, colorIndex: 1),
                    ],
                    stacked: true)))
    }

    /// The share of journeys that went on from each stage.
    public static func conversion(_ funnel: FunnelStatistics, id: String) -> Chart {
        let pairs = StagePair.reported
        let values = pairs.map { funnel.conversion[$0] ?? nil }
        let summary = zip(pairs, values).map { pair, value in "\(pairLabel(pair)) \(value.map(percent) ?? "n/a")" }
        return Chart(
            id: id, title: "Conversion between stages",
            summary: summary.joined(separator: ", ") + ".", xLabel: "From stage to stage", yLabel: "Journeys that went on",
            body: .bars(
                BarChart(
                    categories: pairs.map(shortPairLabel),
                    series: [ChartSeries(name: "Conversion", values: values.map { $0 ?? 0 }, colorIndex: 2)],
                    valueFormat: .percent)))
    }

    /// Days from the first report of one stage to the first of the next: median, quartiles, and
    /// whiskers at the 10th and 90th percentiles.
    public static func daysBetween(_ spreads: [DaysSpread], id: String) -> Chart {
        let summary = spreads.map { spread in
            "\(pairLabel(spread.pair)) median \(days(spread.median)) (middle half \(days(spread.lowerQuartile))–\(days(spread.upperQuartile)), n=\(spread.count))"
        }
        return Chart(
            id: id, title: "Days between stages (whiskers: 10th to 90th percentile)",
            summary: summary.isEmpty ? "Not enough journeys yet." : summary.joined(separator: "; ") + ".",
            xLabel: "From stage to stage", yLabel: "Days",
            body: .boxes(
                BoxPlot(
                    boxes: spreads.map { spread in
                        BoxPlot.Box(
                            label: shortPairLabel(spread.pair), minimum: spread.lowDecile, lowerQuartile: spread.lowerQuartile,
                            median: spread.median,
                            upperQuartile: spread.upperQuartile, maximum: spread.highDecile, count: spread.count)
                    }, valueFormat: .days, colorIndex: 4)))
    }

    /// Daily first reports (of one stage, or all) with the 7-day moving average over them.
    public static func trend(_ report: StatisticsReport, stage: Stage? = nil, id: String) -> Chart {
        var counts: [Int64: Int] = [:]
        var averages: [Int64: Double] = [:]
        for point in report.trend where stage == nil || point.stage == stage {
            counts[point.day, default: 0] += point.count
            averages[point.day, default: 0] += point.average7
        }
        let days = Array(report.trendFirstDay...max(report.trendFirstDay, report.trendLastDay))
        let total = counts.values.reduce(0, +)
        let latest = averages[report.trendLastDay] ?? 0
        let what = stage.map { "\($0.displayName) reports" } ?? "Reports"
        let scope = report.company.map { " at \($0)" } ?? ""
        return Chart(
            id: id, title: "\(what) per day\(scope)",
            summary:
                "\(total) \(what.lowercased()) from \(Timestamp.date(day: report.trendFirstDay)) to \(Timestamp.date(day: report.trendLastDay)); "
                + "7-day average on the last day \(ValueFormat.decimal.text(latest)) a day.",
            xLabel: "Day (UTC)", yLabel: "Reports",
            body: .lines(
                LineChart(
                    series: [
                        LineSeries(
                            name: "Reports", points: days.map { DayValue(day: $0, value: Double(counts[$0] ?? 0)) }, style: .points,
                            colorIndex: stage.map(colorIndex) ?? 4),
                        LineSeries(
                            name: "7-day average", points: days.map { DayValue(day: $0, value: averages[$0] ?? 0) }, style: .overlay,
                            colorIndex: 0),
                    ], valueFormat: .integer)))
    }

    /// Companies by reports, most first.
    public static func ranking(_ activity: [CompanyActivity], title: String, id: String) -> Chart {
        Chart(
            id: id, title: title,
            summary: activity.isEmpty
                ? "No reports yet."
                : activity.enumerated().map { "\($0.offset + 1). \($0.element.company) \($0.element.updates)" }.joined(separator: ", ")
                    + ".",
            xLabel: "Reports", yLabel: nil,
            body: .ranking(RankingChart(rows: activity.map { .init(label: $0.company, value: Double($0.updates)) }, colorIndex: 4)))
    }

    /// Companies × transitions between stages, each cell the conversion.
    public static func heatmap(_ companies: [CompanyFunnel], id: String) -> Chart {
        let pairs = StagePair.reported
        let rows = companies.map { $0.isFolded ? "\($0.company) (\($0.companies))" : $0.company }
        let cells = companies.map { company in
            pairs.map { pair -> Heatmap.Cell? in
                (company.funnel.conversion[pair] ?? nil).map { Heatmap.Cell(value: $0, label: percent($0)) }
            }
        }
        return Chart(
            id: id, title: "Conversion by company",
            summary: companies.isEmpty
                ? "No journeys yet."
                : "\(companies.count) rows of companies, each with the share of journeys that went on from one stage to the next.",
            xLabel: "From stage to stage", yLabel: "Company",
            body: .heatmap(Heatmap(rows: rows, columns: pairs.map(shortPairLabel), cells: cells)))
    }

    /// First reports per week, by stage, stacked: a company's activity over time.
    public static func weeklyReports(_ report: StatisticsReport, id: String) -> Chart {
        let first = report.trendFirstDay
        let weeks = Int((max(first, report.trendLastDay) - first) / 7) + 1
        var counts: [Stage: [Double]] = [:]
        for point in report.trend where point.day >= first {
            counts[point.stage, default: Array(repeating: 0, count: weeks)][min(weeks - 1, Int((point.day - first) / 7))] += Double(
                point.count)
        }
        let stages = Stage.allCases.filter { counts[$0] != nil }
        let total = counts.values.reduce(0) { $0 + $1.reduce(0, +) }
        return Chart(
            id: id, title: "Reports per week by stage",
            summary:
                "\(Int(total)) first reports from \(Timestamp.date(day: first)) to \(Timestamp.date(day: report.trendLastDay)), by week.",
            xLabel: "Week starting (UTC)", yLabel: "Reports",
            body: .bars(
                BarChart(
                    categories: (0..<weeks).map { Timestamp.date(day: first + Int64($0 * 7)) },
                    series: stages.map { ChartSeries(name: $0.displayName, values: counts[$0] ?? [], colorIndex: colorIndex($0)) },
                    stacked: true)))
    }

    /// One member's journeys: a lane per company, a mark per stage on the day it was first reported.
    public static func memberTimeline(_ journeys: [(company: String, reports: [(stage: Stage, at: Int64)])], id: String) -> Chart {
        let stages = Stage.allCases
        let lanes = journeys.map { journey in
            Timeline.Lane(
                label: journey.company,
                events: journey.reports.map {
                    Timeline.Event(day: Timestamp.day(of: $0.at), category: stages.firstIndex(of: $0.stage) ?? 0)
                })
        }
        let reports = journeys.reduce(0) { $0 + $1.reports.count }
        return Chart(
            id: id, title: "Your journeys",
            summary: "\(journeys.count) \(journeys.count == 1 ? "company" : "companies"), \(reports) stages reported.",
            xLabel: "Day (UTC)", yLabel: nil,
            body: .timeline(Timeline(lanes: lanes, categories: stages.map { .init(name: $0.displayName, colorIndex: colorIndex($0)) })))
    }

    // MARK: - Words and colours

    /// "Applied → OA".
    public static func pairLabel(_ pair: StagePair) -> String {
        "\(pair.from.displayName) → \(pair.to.displayName)"
    }

    /// "OA→Phone": what fits under a bar or over a column of the heatmap.
    public static func shortPairLabel(_ pair: StagePair) -> String {
        "\(shortName(pair.from))→\(shortName(pair.to))"
    }

    static func shortName(_ stage: Stage) -> String {
        switch stage {
        case .phone: "Phone"
        case .onsite: "Onsite"
        default: stage.displayName
        }
    }

    /// "42%".
    public static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }

    static func days(_ value: Double) -> String {
        ValueFormat.days.text(value)
    }

    /// Each stage's colour, the same in every chart (Okabe–Ito, safe for colour blindness).
    public static func colorIndex(_ stage: Stage) -> Int {
        switch stage {
        case .applied: 1
        case .oa: 0
        case .phone: 6
        case .onsite: 4
        case .offer: 2
        case .rejected: 5
        }
    }
}
