import GRDB
import HiringPulseTesting
import Testing

@testable import Store

/// v9 writes the earlier migrations' `CHECK (x IN (…))` as comparisons: the same values pass and
/// fail, the rows stay, and SQLite no longer builds a temporary table for every write.
@Suite struct CheckConstraintMigrationTests {
    @Test func anInListOfLiteralsBecomesComparisons() {
        #expect(
            CheckConstraintSchema.asComparisons("kind TEXT CHECK (kind IN ('stage_update', 'job_posting', 'other')),")
                == "kind TEXT CHECK (kind = 'stage_update' OR kind = 'job_posting' OR kind = 'other'),")
        #expect(
            CheckConstraintSchema.asComparisons("a CHECK (a IN ('x')), b CHECK (b IN ('y',  'z' )))")
                == "a CHECK (a = 'x'), b CHECK (b = 'y' OR b = 'z'))")
    }

    @Test func otherChecksAreLeftAsTheyAre() {
        for sql in [
            "CHECK (a > 0)", "CHECK (a IN (1, 2))", "CHECK (a IN (SELECT x FROM t))", "CHECK (lower(a) IN ('x'))",
            "CHECK (a IN ('it''s', 'b'))", "CHECK (a IN ())", "CHECK (",
        ] {
            #expect(CheckConstraintSchema.asComparisons(sql) == sql)
        }
    }

    @Test func aVersion8DatabaseKeepsItsRowsAndTheSameRules() throws {
        let old = try OldDatabase(upTo: "v8-unknown-companies")
        defer { old.directory.remove() }
        let (path, pool) = (old.path, old.pool)
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO messages (id, channel_id, author_hash, content, created_at, source, status, kind, inserted_at, updated_at)
                    VALUES (1, 2, 'a', 'got the OA from JPMC', 0, 'gateway', 'done', 'stage_update', 0, 0);
                    INSERT INTO companies (id, name, source, created_at) VALUES (1, 'JPMorgan Chase', 'config', 0);
                    INSERT INTO stage_updates (message_id, author_hash, company_id, stage, reported_at, created_at)
                    VALUES (1, 'a', 1, 'oa', 0, 0);
                    """)
        }
        try pool.close()

        let store = try Store.open(path: path)
        try store.pool.write { db in
            let tables = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'")
            #expect(tables.count >= 8)
            #expect(tables.allSatisfy { !$0.contains(" IN (") })
            #expect(try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM stage_updates WHERE stage = 'oa'") == 1)

            // The same values pass and fail as before; NULL passes where the column allows it.
            try db.execute(
                sql: """
                    INSERT INTO messages (id, channel_id, author_hash, content, created_at, source, status, kind, inserted_at, updated_at)
                    VALUES (2, 2, 'a', 'hi', 0, 'import', 'pending', NULL, 0, 0)
                    """)
            for (column, value) in [("status", "finished"), ("source", "email"), ("kind", "Other")] {
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE messages SET \(column) = ? WHERE id = 2", arguments: [value])
                }
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE stage_updates SET stage = 'superday'")
            }
        }
    }
}
