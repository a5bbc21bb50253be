import Domain
import Extraction
import Foundation
import GRDB
import HiringPulseTesting
import Testing

@testable import Store

@Suite struct StoreOpeningTests {
    @Test func opensWithWALForeignKeysAndEveryMigration() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let (journalMode, foreignKeys) = try fixture.store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journalMode == "wal")
        #expect(foreignKeys == 1)
        let status = try fixture.store.migrationStatus()
        #expect(status.pending.isEmpty)
        #expect(status.applied == Schema.migrator.migrations)
    }

    @Test func theSchemaHoldsWhatTheWholeProductNeeds() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let tables = try fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in [
            "messages", "extractions", "stage_updates", "companies", "company_aliases", "job_postings", "alert_profiles",
            "notification_outbox", "channel_watermarks", "gateway_sessions", "audit_log",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func reopeningAnExistingDatabaseKeepsItsData() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.messages.ingest([StoreFixture.message(1, "got the OA from JPMC")])
        let reopened = try Store.open(path: fixture.store.path)
        #expect(try await reopened.messages.count() == 1)
    }

    @Test func anUnwritableDirectoryIsAOneLineError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A regular file where the database's directory should be.
        #expect(FileManager.default.createFile(atPath: directory.file("blocked"), contents: Data()))
        #expect {
            try Store.open(path: directory.file("blocked/db.sqlite"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("blocked") && !text.contains("\n")
        }
    }
}

@Suite struct MessageStoreTests {
    @Test func ingestingTheSameMessageTwiceChangesNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let first = try await fixture.store.messages.ingest([StoreFixture.message(1, "offer from Databricks!!")])
        #expect(first.inserted == 1)
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "Databricks", stage: .offer)])])
        let second = try await fixture.store.messages.ingest([StoreFixture.message(1, "offer from Databricks!!")])
        #expect(second.inserted == 0 && second.changed == 0 && second.unchanged == 1)
        #expect(try fixture.status(of: 1) == "done")
        #expect(try await fixture.store.messages.pending(limit: 10).isEmpty)
    }

    @Test func anEditMakesTheMessagePendingAndReplacesItsUpdates() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.messages.ingest([StoreFixture.message(1, "OA from Google")])
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "Google", stage: .oa)])])
        let edit = try await fixture.store.messages.ingest([StoreFixture.message(1, "OA from Meta, not Google")])
        #expect(edit.changed == 1)
        #expect(try await fixture.store.messages.pending(limit: 10).map(\.content) == ["OA from Meta, not Google"])
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "Meta", stage: .oa)])])
        let names = try await fixture.store.companies.names()
        let companies = try await fixture.store.extractions.stageEvents().map { names[$0.companyID] }
        #expect(companies == ["Meta"])
    }

    @Test func deletingRetractsUpdatesAndAReplayDoesNotBringThemBack() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.messages.ingest([StoreFixture.message(1, "offer from Stripe"), StoreFixture.message(2, "OA from Ramp")])
        try await fixture.store.extractions.record([
            StoreFixture.success(1, [StageUpdate(company: "Stripe", stage: .offer)]),
            StoreFixture.success(2, [StageUpdate(company: "Ramp", stage: .oa)]),
        ])
        #expect(try await fixture.store.messages.retract(messageIDs: [1]) == 1)
        #expect(try await fixture.store.extractions.stageUpdateCount() == 1)
        // The gateway replays the create after a resume: nothing comes back.
        let replay = try await fixture.store.messages.ingest([StoreFixture.message(1, "offer from Stripe")])
        #expect(replay.inserted == 0)
        #expect(try await fixture.store.extractions.stageUpdateCount() == 1)
        // A late extraction of the deleted message writes nothing either.
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "Stripe", stage: .offer)])])
        #expect(try await fixture.store.extractions.stageUpdateCount() == 1)
    }

    @Test func retryableFailuresAreRetriedThenMarkedFailedWithTheReason() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.messages.ingest([StoreFixture.message(1, "superday at GS")])
        let policy = ExtractionStore.RetryPolicy(maxAttempts: 2, baseDelayMilliseconds: 1_000)
        let first = try await fixture.store.extractions.record([StoreFixture.failure(1, retryable: true)], retry: policy, now: 10_000)
        #expect(first.retrying == 1)
        #expect(try await fixture.store.messages.pending(limit: 10, now: 10_500).isEmpty)
        #expect(try await fixture.store.messages.pending(limit: 10, now: 11_000).count == 1)
        let second = try await fixture.store.extractions.record([StoreFixture.failure(1, retryable: true)], retry: policy, now: 11_000)
        #expect(second.failed == 1)
        #expect(try fixture.status(of: 1) == "failed")
        #expect(try fixture.count("SELECT COUNT(*) FROM messages WHERE last_error = 'server said 503'") == 1)
        // Every run is kept.
        #expect(try fixture.count("SELECT COUNT(*) FROM extractions WHERE message_id = 1") == 2)
    }

    @Test func aCompanyNameThatLooksLikeSQLIsStoredLiterally() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let name = "'; DROP TABLE companies; --"
        try await fixture.store.messages.ingest([StoreFixture.message(1, "OA from \(name)")])
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: name, stage: .oa)])])
        #expect(try await fixture.store.companies.id(named: name) != nil)
        #expect(try fixture.count("SELECT COUNT(*) FROM companies") == 1)
    }

    @Test func aHundredKilobyteMessageIsStoredWhole() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let content = String(repeating: "got the OA from JPMC 🎉 ", count: 4_300)
        #expect(content.utf8.count > 100_000)
        try await fixture.store.messages.ingest([StoreFixture.message(1, content)])
        #expect(try await fixture.store.messages.pending(limit: 1).first?.content == content)
    }
}

@Suite struct AuthorHasherTests {
    @Test func hashesAreStableKeyedAndHideTheID() throws {
        let id = "123456789012345678"
        let hasher = AuthorHasher(key: Array("key one".utf8))
        // Stable across processes and releases: the stored journeys are keyed by it. The value is
        // HMAC-SHA256("key one", id), its first 16 bytes in hex, as Python's hmac module computes it.
        #expect(hasher.hash(id) == "fe22af5a5f4b7748fa010fff8c5c024f")
        #expect(hasher.hash(id) != AuthorHasher(key: Array("key two".utf8)).hash(id))
        #expect(hasher.hash(id) != hasher.hash("123456789012345679"))
        #expect(!hasher.hash(id).contains(id))
        #expect(hasher.hash(id).count == 32)
    }

    @Test func withoutAKeyOneIsGeneratedIntoTheDataDirectoryAndKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try AuthorHasher.load(environmentKey: nil, dataDirectory: directory.path)
        let second = try AuthorHasher.load(environmentKey: nil, dataDirectory: directory.path)
        #expect(first.hash("42") == second.hash("42"))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("author.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let fromEnvironment = try AuthorHasher.load(environmentKey: "a secret from the environment", dataDirectory: directory.path)
        #expect(fromEnvironment.hash("42") != first.hash("42"))
    }
}
