import GRDB

extension Store {
    /// What a script over the same database would run for an overview page: journeys per stage
    /// and per company with plain GROUP BYs over `stage_updates`, no rollups. The baseline the
    /// dashboard benchmark compares its pages with. Returns the number of rows read back.
    @_spi(Testing) public func plainOverviewCounts() throws -> Int {
        try pool.read { db in
            let perStage = try Row.fetchAll(
                db,
                sql: """
                    SELECT stage, count(*) FROM (
                        SELECT DISTINCT company_id, author_hash, stage FROM stage_updates WHERE retracted = 0
                    ) GROUP BY stage
                    """)
            let perCompany = try Row.fetchAll(
                db,
                sql: """
                    SELECT company_id, count(*) FROM (
                        SELECT DISTINCT company_id, author_hash FROM stage_updates WHERE retracted = 0
                    ) GROUP BY company_id ORDER BY 2 DESC LIMIT 10
                    """)
            return perStage.count + perCompany.count
        }
    }
}
