import Domain
import Extraction
import GRDB
import HiringPulseTesting
import Testing

@_spi(Testing) @testable import Store

/// A database whose rollups were kept by v4's triggers moves to the write path's rollups intact.
@Suite struct RollupMigrationTests {
    @Test func v7KeepsWhatTheTriggersBuiltAndDropsThem() async throws {
        let old = try OldDatabase(upTo: "v5-feed-postings")
        defer { old.directory.remove() }
        let (path, pool) = (old.path, old.pool)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO companies (id, name, source, created_at) VALUES (1, 'Google', 'config', 0), (2, 'Stripe', 'config', 0)")
            var id = 0
            for (author, company, stage, at) in [
                ("a", 1, "applied", 100), ("a", 1, "oa", 5_000_000), ("a", 1, "offer", 900_000_000), ("b", 1, "oa", 300),
                ("b", 2, "rejected", 86_400_000 * 3), ("c", 2, "phone", 7), ("c", 2, "phone", 5),
            ] {
                id += 1
                try db.execute(
                    sql:
                        "INSERT INTO stage_updates (id, author_hash, company_id, stage, reported_at, created_at) VALUES (?, ?, ?, ?, ?, 0)",
                    arguments: [id, author, company, stage, at])
            }
        }
        await #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM journeys") } == 4)
        try pool.close()

        let store = try Store.open(path: path)
        let triggers = try await store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup%'")
        }
        #expect(triggers == 0)
        let migrated = try await store.rollups.dump()
        try await store.rollups.rebuild()
        #expect(migrated == (try await store.rollups.dump()))
        #expect(migrated.filter { $0.hasPrefix("journey_reports ") }.count == 6)
    }
}
