import Analytics
import Charts
import Domain
import StatisticsCharts
import Store

/// `/`: the whole server at a glance.
enum OverviewPage {
    static func context(_ overview: PublicOverview, renderer: PageRenderer) -> [String: Any] {
        let report = overview.report
        let funnel = report.funnel
        let charts: [Chart] = [
            StatisticsCharts.funnel(funnel, id: "funnel"),
            StatisticsCharts.conversion(funnel, id: "conversion"),
            // Across the page, so that the two below it sit side by side.
            StatisticsCharts.trend(report, id: "trend"),
            StatisticsCharts.daysBetween(overview.spreads, id: "days"),
            StatisticsCharts.ranking(report.topCompanies, title: "Most active companies", id: "top"),
        ]
        return [
            "journeys": funnel.journeys,
            "newestDay": Timestamp.date(day: report.trendLastDay),
            "charts": ChartPanels.context(charts, wide: ["trend"]),
            "stages": Stage.allCases.map { stage in
                let count = funnel.stages[stage] ?? StageCount()
                return ["name": stage.displayName, "reported": count.reported, "implied": count.implied, "total": count.total]
                    as [String: Any]
            },
            "top": report.topCompanies.map { activity in
                var row: [String: Any] = ["company": activity.company, "updates": activity.updates]
                if activity.company != CompanyComparison.otherCompanies { row["link"] = renderer.companyLink(activity.company) }
                return row
            },
        ]
    }
}

/// Charts as the pages lay them out: the SVG, put into the page as it is, and its caption.
enum ChartPanels {
    /// A chart across the whole page is drawn wider rather than scaled up, so its text keeps its size.
    static let wideSize = ChartSize(width: 1440, height: 360, fontSize: 13, maximumTicks: 12, lineWidth: 2)

    static func context(_ charts: [Chart], wide: Set<String> = []) -> [[String: Any]] {
        charts.map { chart in
            let isWide = wide.contains(chart.id)
            let svg = SVGRenderer(size: isWide ? wideSize : .web).render(chart)
            return ["svg": svg, "caption": chart.summary, "wide": isWide] as [String: Any]
        }
    }
}
