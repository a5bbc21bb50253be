import Extraction
import GRDB

extension Store {
    /// The stage updates that count (not retracted), optionally for one company and a time window
    /// (inclusive bounds, Unix milliseconds), ordered by journey and time.
    public func stageEvents(companyId: Int64? = nil, from: Int64? = nil, until: Int64? = nil) throws -> [StageEvent] {
        try pool.read { db in
            var conditions = ["retracted = 0"]
            var arguments: StatementArguments = []
            if let companyId {
                conditions.append("company_id = ?")
                _ = arguments.append(contentsOf: [companyId])
            }
            if let from {
                conditions.append("reported_at >= ?")
                _ = arguments.append(contentsOf: [from])
            }
            if let until {
                conditions.append("reported_at <= ?")
                _ = arguments.append(contentsOf: [until])
            }
            let sql = """
                SELECT author_hash, company_id, stage, reported_at FROM stage_updates
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY company_id, author_hash, reported_at
                """
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var events: [StageEvent] = []
            while let row = try cursor.next() {
                guard let stage = Stage(rawValue: row[2]) else { continue }
                events.append(StageEvent(authorHash: row[0], companyId: row[1], stage: stage, reportedAt: row[3]))
            }
            return events
        }
    }

    public func stageUpdateCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_updates WHERE retracted = 0") ?? 0 }
    }
}
