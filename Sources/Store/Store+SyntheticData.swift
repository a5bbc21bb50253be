import Domain
import GRDB
import Support

extension Store {
    /// Fills the store with `count` generated stage updates, for benchmarks and load tests:
    /// `members` members each following journeys at the known companies, every journey reporting
    /// its stages in funnel order (some ending in a rejection) between `from` and `until`. The same
    /// `seed` gives the same data. Written in one transaction, without messages; the rollups are
    /// filled once at the end rather than row by row.
    @_spi(Testing) public func seedSyntheticStageUpdates(count: Int, members: Int, from: Int64, until: Int64, seed: UInt64 = 42) throws {
        try pool.write { db in
            let companies = try Int64.fetchAll(db, sql: "SELECT id FROM companies ORDER BY id")
            guard !companies.isEmpty, count > 0 else { return }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO stage_updates (author_hash, company_id, stage, reported_at, created_at) VALUES (?, ?, ?, ?, ?)
                    """)
            var random = SplitMix64(seed: seed)
            func next() -> UInt64 { random.next() }
            let span = UInt64(max(1, until - from))
            var written = 0
            try RollupStore.rebuildingRollups(db) {
                while written < count {
                    let member = "synthetic-member-\(next() % UInt64(max(1, members)))"
                    // Popular companies get more journeys, as in real servers.
                    let company = companies[Int(min(next() % UInt64(companies.count), next() % UInt64(companies.count)))]
                    let furthest = Int(next() % UInt64(Stage.funnel.count))
                    var at = from + Int64(next() % span)
                    // A journey still under way at `until` has not reported its later stages yet
                    // (they used to be piled onto `until`, a spike on the last day of every trend).
                    for stage in Stage.funnel.prefix(furthest + 1) where written < count && at <= until {
                        try insert.execute(arguments: [member, company, stage.rawValue, at, at])
                        written += 1
                        at += Int64(next() % (14 * 86_400_000))
                    }
                    if next() % 3 == 0, written < count, at <= until {
                        try insert.execute(arguments: [member, company, Stage.rejected.rawValue, at, at])
                        written += 1
                    }
                }
            }
        }
    }
}
