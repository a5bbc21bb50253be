import Analytics
import Charts
import StatisticsCharts
import Store

/// `/companies/NAME`: one company's funnel, its reports over time, days between stages, postings.
enum CompanyPage {
    /// Days of reports the company's timeline covers: half a year, in weeks.
    static let timelineDays = 182

    static func context(
        company: String, view: PublicCompanyView, postings: [StoredPosting], renderer: PageRenderer
    ) -> [String: Any] {
        var context: [String: Any] = [
            "company": company, "postings": PostingRows.context(postings),
            "postingsLink": "\(renderer.basePath)/postings?company=\(FormQuery.escape(company))",
        ]
        switch view {
        case .shown(let report, let spreads):
            context["shown"] =
                [
                    "journeys": report.funnel.journeys, "newestDay": Timestamp.date(day: report.trendLastDay),
                    "path": FormQuery.escape(company),
                    "charts": ChartPanels.context(
                        [
                            StatisticsCharts.funnel(report.funnel, id: "funnel"),
                            StatisticsCharts.conversion(report.funnel, id: "conversion"),
                            StatisticsCharts.weeklyReports(report, id: "timeline"),
                            StatisticsCharts.daysBetween(spreads, id: "days"),
                        ], wide: ["timeline"]),
                ] as [String: Any]
        case .tooFewJourneys, .unknown:
            context["hidden"] = true
        }
        return context
    }
}
