import AsyncHTTPClient
import Dashboard
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import NIOCore
import NIOHTTP1
import Store

/// A real database filled the way the pipeline fills it, and the real dashboard serving it on a
/// loopback port.
struct DashboardFixture {
    static let day = Timestamp.millisecondsPerDay
    /// 2026-09-01T00:00:00Z.
    static let september1: Int64 = 1_788_220_800_000
    /// Noon, ten days after the newest report: what the dashboard takes as now.
    static let now = september1 + 30 * day + day / 2

    struct Report {
        var author: String
        var company: String
        var stage: Stage
        var day: Int64
    }

    /// Google and Stripe with three journeys or more; Acme with two, one member's alone being
    /// `solo`'s at Initech.
    static let reports: [Report] = [
        Report(author: "a", company: "Google", stage: .oa, day: 0), Report(author: "a", company: "Google", stage: .phone, day: 4),
        Report(author: "a", company: "Google", stage: .offer, day: 20), Report(author: "b", company: "Google", stage: .oa, day: 1),
        Report(author: "b", company: "Google", stage: .rejected, day: 3), Report(author: "c", company: "Google", stage: .applied, day: 2),
        Report(author: "c", company: "Google", stage: .oa, day: 6), Report(author: "a", company: "Stripe", stage: .applied, day: 5),
        Report(author: "b", company: "Stripe", stage: .oa, day: 7), Report(author: "c", company: "Stripe", stage: .phone, day: 9),
        Report(author: "d", company: "Stripe", stage: .onsite, day: 12), Report(author: "a", company: "Acme", stage: .oa, day: 8),
        Report(author: "b", company: "Acme", stage: .oa, day: 10), Report(author: "solo", company: "Initech", stage: .offer, day: 11),
    ]

    let directory: TemporaryDirectory
    let store: Store

    init(reports: [Report] = Self.reports, postings: [JobPosting] = []) async throws {
        directory = try TemporaryDirectory()
        store = try Store.open(path: directory.file("dashboard.sqlite"))
        var messages: [IncomingMessage] = []
        var writes: [ExtractionWrite] = []
        for (index, report) in reports.enumerated() {
            let id = Int64(index + 1)
            messages.append(
                IncomingMessage(
                    id: id, guildID: 1, channelID: 2, authorHash: report.author, content: "\(report.stage) at \(report.company)",
                    createdAt: Self.september1 + report.day * Self.day + 43_200_000, source: .importFile))
            writes.append(
                ExtractionWrite(
                    messageID: id, extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(
                        id: String(id),
                        result: .success(
                            ExtractionResult(kind: .stageUpdate, updates: [StageUpdate(company: report.company, stage: report.stage)])))))
        }
        for (index, posting) in postings.enumerated() {
            let id = Int64(10_000 + index)
            messages.append(
                IncomingMessage(
                    id: id, guildID: 1, channelID: 2, authorHash: "poster", content: "[Hiring] \(id)",
                    createdAt: posting.postedAt ?? Self.september1, source: .importFile))
            writes.append(
                ExtractionWrite(
                    messageID: id, extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(id: String(id), result: .success(ExtractionResult(kind: .jobPosting, posting: posting))),
                    postingIdentity: PostingIdentity(canonicalURL: posting.url, fingerprint: "posting \(id)")))
        }
        try await store.messages.ingest(messages)
        try await store.extractions.record(writes)
    }

    func remove() {
        directory.remove()
    }

    /// Runs the dashboard on a free loopback port for the length of `body`, which gets its base URL.
    func serving<T: Sendable>(
        _ settings: DashboardSettings = DashboardSettings(), links: MailLinks? = nil, _ body: (String) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = DashboardServer(
            host: "127.0.0.1", port: 0, store: store, settings: settings, links: links, logger: Logger(label: "dashboard-test"),
            onListening: { continuation.yield($0) }, now: { Self.now })
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw DashboardTestError("the dashboard did not start") }
            let result = try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
            return result
        }
    }
}

struct DashboardTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One answer of the dashboard, as a client sees it.
struct Answer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// A request to the dashboard with any method and headers.
func fetch(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: String? = nil) async throws -> Answer {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 16 << 20)
    return Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
}
