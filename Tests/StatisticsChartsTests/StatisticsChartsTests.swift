import Analytics
import Charts
import Domain
import Foundation
import StatisticsCharts
import Store
import Testing

/// The statistics as charts: for fixed figures, each chart has the marks, labels and words a
/// reader needs.
@Suite struct StatisticsChartsTests {
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static let funnel: FunnelStatistics = {
        var totals = FunnelTotals()
        totals.journeys = 10
        totals.reported = [.applied: 6, .oa: 7, .phone: 4, .onsite: 2, .offer: 1, .rejected: 3]
        totals.implied = [.applied: 4, .oa: 1, .phone: 1, .onsite: 1, .offer: 0]
        return FunnelStatistics(totals)
    }()

    @Test func theFunnelStacksReportedAndImpliedPerStage() {
        let svg = SVGRenderer().render(StatisticsCharts.funnel(Self.funnel, id: "funnel"))
        // Six stages reported, four with implied journeys on top.
        #expect(Self.count("class=\"mark bar\"", in: svg) == 10)
        for stage in Stage.allCases { #expect(svg.contains(">\(stage.displayName)<"), "\(stage)") }
        #expect(svg.contains(">Recruiting funnel</title>"))
        #expect(svg.contains("10 journeys. Applied 10 (4 implied), OA 8 (1 implied)"))
        #expect(svg.contains("class=\"legend\""))
    }

    @Test func conversionIsAPercentPerPairAndSaysWhichHaveNone() {
        var totals = FunnelTotals()
        totals.journeys = 4
        totals.reported = [.applied: 4, .oa: 2]
        let chart = StatisticsCharts.conversion(FunnelStatistics(totals), id: "conversion")
        let svg = SVGRenderer().render(chart)
        // Applied → OA 50%, Applied → Offer 0%; nobody reached a phone screen, so nothing goes on from it.
        #expect(chart.summary.contains("Applied → OA 50%"))
        #expect(chart.summary.contains("Phone/R1 → Onsite/Final n/a"))
        #expect(Self.count("class=\"mark bar\"", in: svg) == 1)
        #expect(svg.contains("OA→Phone"))
    }

    @Test func theTrendHasADayPerPointAndTheAverageAsAnOverlay() {
        let report = StatisticsReport(
            company: "Google", since: nil, until: nil, funnel: Self.funnel, trendFirstDay: 20_000, trendLastDay: 20_006,
            trend: [
                TrendPoint(day: 20_000, stage: .oa, count: 2, average7: 1), TrendPoint(day: 20_003, stage: .oa, count: 1, average7: 0.43),
                TrendPoint(day: 20_003, stage: .offer, count: 1, average7: 0.14),
            ],
            topCompanies: [])
        let all = StatisticsCharts.trend(report, id: "trend")
        let svg = SVGRenderer().render(all)
        #expect(Self.count("class=\"mark point\"", in: svg) == 7)
        #expect(svg.contains("class=\"mark line overlay\""))
        #expect(all.title == "Reports per day at Google")
        #expect(all.summary.hasPrefix("4 reports from 2024-10-04 to 2024-10-10"))
        let offers = StatisticsCharts.trend(report, stage: .offer, id: "offers")
        #expect(offers.summary.hasPrefix("1 offer reports"))
    }

    @Test func theHeatmapHasACellPerFigureAndNamesTheFoldedRow() {
        let rows = [
            CompanyFunnel(company: "Google", companies: 1, funnel: Self.funnel),
            CompanyFunnel(company: CompanyComparison.otherCompanies, companies: 4, funnel: Self.funnel),
        ]
        let svg = SVGRenderer().render(StatisticsCharts.heatmap(rows, id: "heatmap"))
        #expect(Self.count("class=\"mark cell\"", in: svg) == 2 * StagePair.reported.count)
        #expect(svg.contains(">other companies (4)<"))
    }

    @Test func aMembersTimelineHasAnEventPerStageReported() {
        let chart = StatisticsCharts.memberTimeline(
            [
                (
                    company: "Google",
                    reports: [(stage: .oa, at: 1_788_220_800_000), (stage: .phone, at: 1_788_220_800_000 + 86_400_000 * 5)]
                ),
                (company: "Stripe", reports: [(stage: .applied, at: 1_788_220_800_000)]),
            ], id: "me")
        let svg = SVGRenderer(size: .image, theme: .discord).render(chart)
        #expect(Self.count("class=\"mark event\"", in: svg) == 3)
        #expect(chart.summary == "2 companies, 3 stages reported.")
    }

    @Test func eachStageKeepsItsColourEverywhere() {
        let colours = Stage.allCases.map { ChartPalette.color(StatisticsCharts.colorIndex($0)) }
        #expect(Set(colours).count == Stage.allCases.count)
    }
}
