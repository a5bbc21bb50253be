import Analytics
import Domain
import Extraction
import Store
import Testing

@Suite struct TrendTests {
    static let day = Timestamp.millisecondsPerDay

    static func reports(_ days: [Int64], _ stage: Stage = .oa) -> [(stage: Stage, at: Int64)] {
        days.map { (stage: stage, at: $0 * day + 3_600_000) }
    }

    @Test func movingAverageReadsTheDaysBeforeTheWindow() throws {
        // Window: days 10...12. Day 3 is outside every 7-day window; day 4 is inside day 10's only.
        // Day 13 is after the window.
        let firstReports = Self.reports([3, 3, 3, 3, 3, 4, 9, 9, 10, 12, 13])
        let points = Trend.daily(firstReports: firstReports, firstDay: 10, lastDay: 12)
        #expect(points.map(\.day) == [10, 11, 12])
        #expect(points.map(\.count) == [1, 0, 1])
        // Day 10: days 4...10 hold 1 + 2 + 1 = 4. Day 11: days 5...11 hold 3. Day 12: days 6...12 hold 4.
        let expected: [Double] = [4.0 / 7, 3.0 / 7, 4.0 / 7]
        #expect(points.map(\.average7) == expected)
    }

    @Test func daysWithNothingInTheirWindowAreLeftOut() {
        let points = Trend.daily(firstReports: Self.reports([1]), firstDay: 1, lastDay: 10)
        // Day 1's report is in the windows of days 1...7, not of days 8...10.
        #expect(points.map(\.day) == [1, 2, 3, 4, 5, 6, 7])
        #expect(points.allSatisfy { $0.average7 == 1.0 / 7 })
        #expect(points.first?.count == 1)
        #expect(points.dropFirst().allSatisfy { $0.count == 0 })
    }

    @Test func stagesAreCountedSeparately() {
        let firstReports = Self.reports([5, 5], .oa) + Self.reports([5], .offer)
        let points = Trend.daily(firstReports: firstReports, firstDay: 5, lastDay: 5)
        #expect(points.map(\.stage) == [.oa, .offer])
        #expect(points.map(\.count) == [2, 1])
    }

    @Test func anEmptyOrReversedWindowHasNoPoints() {
        #expect(Trend.daily(firstReports: Self.reports([1]), firstDay: 5, lastDay: 4).isEmpty)
        #expect(Trend.daily(firstReports: [], firstDay: 1, lastDay: 30).isEmpty)
    }
}

@Suite struct StatisticsReportTests {
    static let day = Timestamp.millisecondsPerDay

    static func journey(_ author: String, company: Int64, _ stages: [Stage: Int64]) -> Journey {
        Journey(authorHash: author, companyID: company, firstReported: stages.mapValues { $0 * day })
    }

    @Test func aWindowCountsStagesFirstReportedInsideIt() throws {
        let journeys = [
            Self.journey("a", company: 1, [.oa: 1, .phone: 12]),
            Self.journey("b", company: 1, [.oa: 11]),
            Self.journey("c", company: 2, [.offer: 15]),
            Self.journey("d", company: 2, [.oa: 25]),
        ]
        let query = StatisticsQuery(since: 10 * Self.day, until: 20 * Self.day + Self.day - 1)
        let report = Statistics.compute(query, journeys: journeys, companyNames: [1: "Google", 2: "Stripe"], now: 0)
        // a's OA (day 1) is before the window, so inside it a's journey only reports a phone screen.
        #expect(report.funnel.journeys == 3)
        #expect(report.funnel.stages[.oa] == StageCount(reported: 1, implied: 2))
        #expect(report.funnel.stages[.phone] == StageCount(reported: 1, implied: 1))
        #expect(
            report.topCompanies == [
                CompanyActivity(company: "Google", updates: 2), CompanyActivity(company: "Stripe", updates: 1),
            ])
        #expect(report.trendFirstDay == 10)
        #expect(report.trendLastDay == 20)
        #expect(report.trend.map(\.day).allSatisfy { (10...20).contains($0) })
    }

    @Test func withoutAWindowTheTrendEndsOnTheNewestReport() {
        let journeys = [Self.journey("a", company: 1, [.oa: 100, .phone: 104])]
        let report = Statistics.compute(
            StatisticsQuery(trendDays: 7), journeys: journeys, companyNames: [1: "Google"], now: 0)
        #expect(report.trendLastDay == 104)
        #expect(report.trendFirstDay == 98)
        #expect(report.trend.first { $0.stage == .phone }?.count == 1)
    }

    @Test func topCompaniesAreOrderedByActivityThenName() {
        let journeys = [
            Self.journey("a", company: 3, [.oa: 1]), Self.journey("b", company: 3, [.oa: 1]),
            Self.journey("a", company: 1, [.oa: 1]), Self.journey("a", company: 2, [.oa: 1]),
        ]
        let report = Statistics.compute(
            StatisticsQuery(topLimit: 2), journeys: journeys, companyNames: [1: "Meta", 2: "Apple", 3: "Zillow"], now: 0)
        #expect(report.topCompanies.map(\.company) == ["Zillow", "Apple"])
    }
}
