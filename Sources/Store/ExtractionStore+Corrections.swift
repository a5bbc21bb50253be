public import Domain
import GRDB

extension ExtractionStore {
    /// Labels a message by hand: it now counts as exactly this (company, stage), whatever any
    /// extraction said or will say. Returns false when the message is not stored or was deleted.
    @discardableResult
    public func correct(messageID: Int64, company: String, stage: Stage, actorHash: String?, now: Int64 = Timestamp.now()) async throws
        -> Bool
    {
        try await pool.write { db in
            guard
                let message = try Row.fetchOne(
                    db, sql: "SELECT author_hash, created_at FROM messages WHERE id = ? AND deleted_at IS NULL", arguments: [messageID])
            else { return false }
            var companies = CompanyIDCache()
            let companyID = try companies.id(for: company, in: db, now: now)
            try db.execute(
                sql: """
                    INSERT INTO corrections (message_id, company_id, stage, actor_hash, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(message_id) DO UPDATE SET company_id = excluded.company_id, stage = excluded.stage,
                        actor_hash = excluded.actor_hash, created_at = excluded.created_at
                    """,
                arguments: [messageID, companyID, stage.rawValue, actorHash, now])
            var changes = JourneyChanges()
            for row in try Row.fetchAll(
                db, sql: "DELETE FROM stage_updates WHERE message_id = ? RETURNING company_id, author_hash, retracted",
                arguments: [messageID])
            where !(row[2] as Bool) {
                changes.removed(companyID: row[0], authorHash: row[1])
            }
            // The label says which company it is: no unknown name of the message is offered any more.
            try db.execute(sql: "DELETE FROM unknown_company_mentions WHERE message_id = ?", arguments: [messageID])
            let (authorHash, reportedAt): (String, Int64) = (message[0], message[1])
            try db.execute(
                sql: """
                    INSERT INTO stage_updates (message_id, author_hash, company_id, stage, reported_at, synthetic, created_at)
                    VALUES (?, ?, ?, ?, ?, 1, ?)
                    """,
                arguments: [messageID, authorHash, companyID, stage.rawValue, reportedAt, now])
            changes.inserted(companyID: companyID, authorHash: authorHash, stage: FirstReportTimes.position(of: stage), at: reportedAt)
            try RollupStore.keepRollups(changes, in: db)
            try db.execute(
                sql: "UPDATE messages SET status = 'done', kind = 'stage_update', last_error = NULL, updated_at = ? WHERE id = ?",
                arguments: [now, messageID])
            return true
        }
    }

    /// Every manual label with its message, for measuring an extractor against them.
    public func corrections() async throws -> [(messageID: Int64, content: String, company: String, stage: Stage)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT corrections.message_id, messages.content, companies.name, corrections.stage FROM corrections
                    JOIN messages ON messages.id = corrections.message_id JOIN companies ON companies.id = corrections.company_id
                    ORDER BY corrections.message_id
                    """
            ).compactMap { row in Stage(rawValue: row[3]).map { (row[0], row[1], row[2], $0) } }
        }
    }
}
