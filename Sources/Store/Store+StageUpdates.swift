import Domain
import GRDB

extension Store {
    /// The stage updates that count (not retracted), optionally for one company, ordered by
    /// journey and time. The statistics read the rollups; this is the record they are checked against.
    public func stageEvents(companyID: Int64? = nil) throws -> [StageEvent] {
        try pool.read { db in
            let sql = """
                SELECT author_hash, company_id, stage, reported_at FROM stage_updates
                WHERE retracted = 0 \(companyID == nil ? "" : "AND company_id = ?")
                ORDER BY company_id, author_hash, reported_at
                """
            let arguments: StatementArguments = companyID.map { [$0] } ?? []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var events: [StageEvent] = []
            while let row = try cursor.next() {
                guard let stage = Stage(rawValue: row[2]) else { continue }
                events.append(StageEvent(authorHash: row[0], companyID: row[1], stage: stage, reportedAt: row[3]))
            }
            return events
        }
    }

    public func stageUpdateCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_updates WHERE retracted = 0") ?? 0 }
    }
}
