import Domain
import Extraction
import GRDB
import HiringPulseTesting
import JSON
import Testing

@testable import Store

/// The notification outbox over a real SQLite file: each match once, retries with backoff, a
/// service's wait honoured, a refusing destination failing its whole queue.
@Suite struct OutboxTests {
    let fixture: StoreFixture
    let postingIDs: [Int64]
    let profiles: [String: Int64]

    init() throws {
        fixture = try StoreFixture()
        let store = fixture.store
        try store.ingest([
            StoreFixture.message(1, "hiring: backend engineer at Acme"), StoreFixture.message(2, "hiring: ML engineer at Globex"),
        ])
        try store.record(
            [1, 2].map { id in
                ExtractionWrite(
                    messageID: id, extractor: StoreFixture.rules,
                    outcome: ExtractionOutcome(
                        id: String(id),
                        result: .success(
                            ExtractionResult(
                                kind: .jobPosting, posting: JobPosting(company: id == 1 ? "Acme" : "Globex", title: "Engineer \(id)")))),
                    postingIdentity: PostingIdentity(canonicalURL: nil, fingerprint: "fingerprint \(id)"))
            })
        postingIDs = try fixture.store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM job_postings ORDER BY id") }
        profiles = try store.syncConfigProfiles(
            [
                (name: "remote-go", criteria: .object([("remote", .string("required"))]), destinations: ["telegram:1", "slack:abc"]),
                (name: "ml", criteria: .object([]), destinations: ["telegram:2"]),
            ], now: 0)
    }

    func entry(_ posting: Int, _ profile: String, _ destination: String) -> OutboxEntry {
        OutboxEntry(
            postingID: postingIDs[posting], profileID: profiles[profile]!, destination: destination, score: 0.8, reasons: ["remote"])
    }

    @Test func aMatchIsQueuedOnceWhateverHappensLater() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        #expect(postingIDs.count == 2)
        #expect(try store.enqueueNotifications([entry(0, "remote-go", "telegram:1"), entry(0, "remote-go", "slack:abc")], now: 0) == 2)
        // A restart that matches the same posting again queues nothing new.
        #expect(try store.enqueueNotifications([entry(0, "remote-go", "telegram:1")], now: 10) == 0)
        let due = try store.dueNotifications(limit: 10, now: 0)
        #expect(due.map(\.entry.destination) == ["telegram:1", "slack:abc"])
        #expect(due.first?.entry.reasons == ["remote"])
        try store.recordDelivery(due[0].id, .sent, now: 5)
        #expect(try store.dueNotifications(limit: 10, now: 5).map(\.entry.destination) == ["slack:abc"])
        #expect(try store.enqueueNotifications([entry(0, "remote-go", "telegram:1")], now: 20) == 0, "sent stays sent")
    }

    @Test func retriesBackOffOrWaitAsTheServiceSaidAndEndFailed() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.enqueueNotifications([entry(0, "remote-go", "telegram:1")], now: 0)
        let id = try #require(try store.dueNotifications(limit: 1, now: 0).first?.id)
        try store.recordDelivery(id, .retry(afterMilliseconds: 3_000, reason: "Telegram: Too Many Requests: retry after 3"), now: 0)
        #expect(try store.dueNotifications(limit: 1, now: 2_999).isEmpty)
        #expect(try store.dueNotifications(limit: 1, now: 3_000).first?.attempts == 0, "a 429's wait spends no attempt")
        var now: Int64 = 3_000
        for attempt in 1..<Store.maxDeliveryAttempts {
            try store.recordDelivery(id, .retry(afterMilliseconds: nil, reason: "Telegram: Bad Gateway"), now: now)
            #expect(try store.dueNotifications(limit: 1, now: now + 29_999).isEmpty)
            now += 3_600_000
            #expect(try store.dueNotifications(limit: 1, now: now).first?.attempts == attempt)
        }
        try store.recordDelivery(id, .retry(afterMilliseconds: nil, reason: "Telegram: Bad Gateway"), now: now)
        let state = try #require(try store.notificationStates().first)
        #expect(state.status == "failed" && state.attempts == Store.maxDeliveryAttempts)
        #expect(state.lastError == "gave up after 8 attempts: Telegram: Bad Gateway")
    }

    @Test func aRefusingDestinationFailsItsWholeQueueAndNoOther() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.enqueueNotifications(
            [
                entry(0, "remote-go", "telegram:1"), entry(1, "remote-go", "telegram:1"), entry(1, "ml", "telegram:2"),
            ], now: 0)
        let first = try #require(try store.dueNotifications(limit: 1, now: 0).first)
        try store.recordDelivery(first.id, .destinationRejected(reason: "Telegram: Forbidden: bot was blocked by the user"), now: 1)
        let states = try store.notificationStates()
        #expect(states.map(\.status) == ["failed", "failed", "pending"])
        #expect(states[1].lastError?.hasPrefix("not sent: the destination refused an earlier notification") == true)
        #expect(try store.dueNotifications(limit: 10, now: 1).map(\.entry.destination) == ["telegram:2"])
    }

    @Test func profilesGoneFromTheFileAreRemovedWithTheirQueue() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.enqueueNotifications([entry(1, "ml", "telegram:2")], now: 0)
        let kept = try store.syncConfigProfiles([(name: "remote-go", criteria: .object([]), destinations: ["telegram:1"])], now: 1)
        #expect(kept["remote-go"] == profiles["remote-go"], "a profile keeps its id across reloads")
        #expect(try store.dueNotifications(limit: 10, now: 1).isEmpty)
        #expect(try fixture.count("SELECT COUNT(*) FROM alert_profiles") == 1)
    }
}
