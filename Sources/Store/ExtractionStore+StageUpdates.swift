public import Domain
import GRDB

extension ExtractionStore {
    /// The stage updates that count (not retracted), optionally for one company, ordered by
    /// journey and time. The statistics read the rollups; this is the record they are checked against.
    public func stageEvents(companyID: Int64? = nil) async throws -> [StageEvent] {
        try await pool.read { db in
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

    public func stageUpdateCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_updates WHERE retracted = 0") ?? 0 }
    }

    /// "Company: stage" for each stage update a message contributes, in funnel order.
    public func stageUpdates(messageID: Int64) async throws -> [(company: String, stage: Stage)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT companies.name, stage_updates.stage FROM stage_updates JOIN companies ON companies.id = stage_updates.company_id
                    WHERE stage_updates.message_id = ? AND stage_updates.retracted = 0
                    """, arguments: [messageID]
            ).compactMap { row in Stage(rawValue: row[1]).map { (company: row[0] as String, stage: $0) } }
                .sorted { ($0.company, $0.stage.precedence) < ($1.company, $1.stage.precedence) }
        }
    }
}
