import Analytics
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Statistics read from a real database filled the way the pipeline fills it.
@Suite struct StatisticsOverStoreTests {
    static let day = Timestamp.millisecondsPerDay
    /// 2026-09-01T00:00:00Z.
    static let september1: Int64 = 1_788_220_800_000

    struct Report {
        var author: String
        var company: String
        var stage: Stage
        var day: Int64
    }

    static func seeded(_ reports: [Report], in directory: TemporaryDirectory) async throws -> Store {
        let store = try Store.open(path: directory.file("stats.sqlite"))
        let messages = reports.enumerated().map { index, report in
            IncomingMessage(
                id: Int64(index + 1), guildID: 1, channelID: 2, authorHash: report.author,
                content: "\(report.stage) at \(report.company)", createdAt: september1 + report.day * day + 43_200_000,
                source: .importFile)
        }
        try await store.messages.ingest(messages)
        let info = ExtractorInfo(name: "rules")
        try await store.extractions.record(
            reports.enumerated().map { index, report in
                ExtractionWrite(
                    messageID: Int64(index + 1), extractor: info,
                    outcome: ExtractionOutcome(
                        id: String(index + 1),
                        result: .success(
                            ExtractionResult(
                                kind: .stageUpdate, updates: [StageUpdate(company: report.company, stage: report.stage)]))))
            })
        return store
    }

    static let reports = [
        Report(author: "a", company: "Google", stage: .oa, day: 0),
        Report(author: "a", company: "Google", stage: .phone, day: 4),
        Report(author: "a", company: "Google", stage: .offer, day: 20),
        Report(author: "b", company: "Google", stage: .oa, day: 1),
        Report(author: "b", company: "Google", stage: .rejected, day: 3),
        Report(author: "c", company: "Google", stage: .phone, day: 2),
        Report(author: "c", company: "Google", stage: .phone, day: 6),
        Report(author: "a", company: "Stripe", stage: .applied, day: 5),
    ]

    @Test func companyReportWithRetractionAsJSON() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.seeded(Self.reports, in: directory)
        // a deletes the offer message: it no longer counts.
        try await store.messages.retract(messageIDs: [3])
        let report = try await Statistics.report(StatisticsQuery(company: "Google", trendDays: 3), store: store)
        let json = report.jsonValue.serialized
        // Journeys a (oa, phone), b (oa, rejected), c (phone; its second report is a duplicate).
        // The newest first report is a's phone screen on day 4 (2026-09-05), so the 3-day trend is
        // 09-03...09-05, and each day's average reads the 7 days up to it.
        #expect(
            json == """
                {"company":"Google","since":null,"until":null,"journeys":3,\
                "stages":{"applied":{"reported":0,"implied":3},"oa":{"reported":2,"implied":1},\
                "phone":{"reported":2,"implied":0},"onsite":{"reported":0,"implied":0},\
                "offer":{"reported":0,"implied":0},"rejected":{"reported":1,"implied":0}},\
                "conversion":{"applied->oa":1,"oa->phone":0.67,"phone->onsite":0,"onsite->offer":null,\
                "applied->offer":0,"oa->offer":0,"phone->offer":0},\
                "days_between":{"oa->phone":{"mean":4,"median":4,"n":1}},\
                "trend":[{"date":"2026-09-03","stage":"oa","count":0,"avg7":0.29},\
                {"date":"2026-09-03","stage":"phone","count":1,"avg7":0.14},\
                {"date":"2026-09-04","stage":"oa","count":0,"avg7":0.29},\
                {"date":"2026-09-04","stage":"phone","count":0,"avg7":0.14},\
                {"date":"2026-09-04","stage":"rejected","count":1,"avg7":0.14},\
                {"date":"2026-09-05","stage":"oa","count":0,"avg7":0.29},\
                {"date":"2026-09-05","stage":"phone","count":1,"avg7":0.29},\
                {"date":"2026-09-05","stage":"rejected","count":0,"avg7":0.14}],\
                "top_companies":[{"company":"Google","updates":5}]}
                """)
    }

    @Test func overallReportCoversEveryCompanyAndCompanyIsNull() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.seeded(Self.reports, in: directory)
        let report = try await Statistics.report(StatisticsQuery(), store: store)
        #expect(report.company == nil)
        #expect(report.funnel.journeys == 4)
        #expect(report.funnel.stages[.offer] == StageCount(reported: 1, implied: 0))
        #expect(report.topCompanies.map(\.company) == ["Google", "Stripe"])
    }

    @Test func aCompanyNobodyMentionedHasAnEmptyFunnel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.seeded(Self.reports, in: directory)
        let report = try await Statistics.report(StatisticsQuery(company: "Jane Street"), store: store)
        #expect(report.funnel.journeys == 0)
        #expect(report.topCompanies.isEmpty)
    }
}
