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

    init() async throws {
        fixture = try StoreFixture()
        let store = fixture.store
        try await store.messages.ingest([
            StoreFixture.message(1, "hiring: backend engineer at Acme"), StoreFixture.message(2, "hiring: ML engineer at Globex"),
        ])
        try await store.extractions.record(
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
        postingIDs = try await fixture.store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM job_postings ORDER BY id") }
        profiles = try await store.alertProfiles.syncConfigured(
            [
                (name: "remote-go", criteria: .object([("remote", .string("required"))]), destinations: ["telegram:1", "slack:abc"]),
                (name: "ml", criteria: .object([]), destinations: ["telegram:2"]),
            ], now: 0)
    }

    func entry(_ posting: Int, _ profile: String, _ destination: String) -> OutboxEntry {
        OutboxEntry(
            postingID: postingIDs[posting], profileID: profiles[profile]!, destination: destination, score: 0.8, reasons: ["remote"])
    }

    @Test func aMatchIsQueuedOnceWhateverHappensLater() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        #expect(postingIDs.count == 2)
        #expect(try await store.outbox.enqueue([entry(0, "remote-go", "telegram:1"), entry(0, "remote-go", "slack:abc")], now: 0) == 2)
        // A restart that matches the same posting again queues nothing new.
        #expect(try await store.outbox.enqueue([entry(0, "remote-go", "telegram:1")], now: 10) == 0)
        let due = try await store.outbox.due(limit: 10, now: 0)
        #expect(due.map(\.entry.destination) == ["telegram:1", "slack:abc"])
        #expect(due.first?.entry.reasons == ["remote"])
        try await store.outbox.recordDelivery(due[0].id, .sent, now: 5)
        #expect(try await store.outbox.due(limit: 10, now: 5).map(\.entry.destination) == ["slack:abc"])
        #expect(try await store.outbox.enqueue([entry(0, "remote-go", "telegram:1")], now: 20) == 0, "sent stays sent")
    }

    @Test func retriesBackOffOrWaitAsTheServiceSaidAndEndFailed() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.outbox.enqueue([entry(0, "remote-go", "telegram:1")], now: 0)
        let id = try #require(try await store.outbox.due(limit: 1, now: 0).first?.id)
        try await store.outbox.recordDelivery(
            id, .retry(afterMilliseconds: 3_000, reason: "Telegram: Too Many Requests: retry after 3"), now: 0)
        #expect(try await store.outbox.due(limit: 1, now: 2_999).isEmpty)
        #expect(try await store.outbox.due(limit: 1, now: 3_000).first?.attempts == 0, "a 429's wait spends no attempt")
        var now: Int64 = 3_000
        for attempt in 1..<OutboxStore.maxDeliveryAttempts {
            try await store.outbox.recordDelivery(id, .retry(afterMilliseconds: nil, reason: "Telegram: Bad Gateway"), now: now)
            #expect(try await store.outbox.due(limit: 1, now: now + 29_999).isEmpty)
            now += 3_600_000
            #expect(try await store.outbox.due(limit: 1, now: now).first?.attempts == attempt)
        }
        try await store.outbox.recordDelivery(id, .retry(afterMilliseconds: nil, reason: "Telegram: Bad Gateway"), now: now)
        let state = try #require(try await store.outbox.states().first)
        #expect(state.status == "failed" && state.attempts == OutboxStore.maxDeliveryAttempts)
        #expect(state.lastError == "gave up after 8 attempts: Telegram: Bad Gateway")
    }

    @Test func aRefusingDestinationFailsItsWholeQueueAndNoOther() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.outbox.enqueue(
            [
                entry(0, "remote-go", "telegram:1"), entry(1, "remote-go", "telegram:1"), entry(1, "ml", "telegram:2"),
            ], now: 0)
        let first = try #require(try await store.outbox.due(limit: 1, now: 0).first)
        try await store.outbox.recordDelivery(
            first.id, .destinationRejected(reason: "Telegram: Forbidden: bot was blocked by the user"), now: 1)
        let states = try await store.outbox.states()
        #expect(states.map(\.status) == ["failed", "failed", "pending"])
        #expect(states[1].lastError?.hasPrefix("not sent: the destination refused an earlier notification") == true)
        #expect(try await store.outbox.due(limit: 10, now: 1).map(\.entry.destination) == ["telegram:2"])
    }

    @Test func profilesGoneFromTheFileAreRemovedWithTheirQueue() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.outbox.enqueue([entry(1, "ml", "telegram:2")], now: 0)
        let kept = try await store.alertProfiles.syncConfigured(
            [(name: "remote-go", criteria: .object([]), destinations: ["telegram:1"])], now: 1)
        #expect(kept["remote-go"] == profiles["remote-go"], "a profile keeps its id across reloads")
        #expect(try await store.outbox.due(limit: 10, now: 1).isEmpty)
        #expect(try fixture.count("SELECT COUNT(*) FROM alert_profiles") == 1)
    }
}
