import GRDB

extension Store {
    /// Stores messages as pending, keyed by Discord id. A message seen before with the same content
    /// changes nothing; with other content (an edit) it becomes pending again. Committed before any
    /// extraction runs, so a crash after this point loses nothing.
    @discardableResult
    public func ingest(_ messages: [IncomingMessage], now: Int64 = Timestamp.now()) throws -> IngestSummary {
        try pool.write { db in
            var summary = IngestSummary()
            let insert = try db.cachedStatement(sql: """
                INSERT INTO messages (id, guild_id, channel_id, author_hash, content, created_at, edited_at, source,
                                      status, inserted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                ON CONFLICT(id) DO NOTHING
                """)
            let edit = try db.cachedStatement(sql: """
                UPDATE messages SET content = ?, edited_at = ?, status = 'pending', attempts = 0, next_attempt_at = NULL,
                                    last_error = NULL, updated_at = ?
                WHERE id = ? AND content != ? AND deleted_at IS NULL
                """)
            for message in messages {
                try insert.execute(arguments: [
                    message.id, message.guildId, message.channelId, message.authorHash, message.content,
                    message.createdAt, message.editedAt, message.source.rawValue, now, now,
                ])
                if db.changesCount > 0 {
                    summary.inserted += 1
                    continue
                }
                try edit.execute(arguments: [message.content, message.editedAt ?? now, now, message.id, message.content])
                if db.changesCount > 0 { summary.changed += 1 } else { summary.unchanged += 1 }
            }
            return summary
        }
    }

    /// Pending messages whose next attempt is due, oldest first.
    public func pendingMessages(limit: Int, now: Int64 = Timestamp.now()) throws -> [PendingMessage] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, author_hash, content, created_at, attempts FROM messages
                WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?
                """, arguments: [now, limit]
            ).map { row in
                PendingMessage(id: row[0], authorHash: row[1], content: row[2], createdAt: row[3], attempts: row[4])
            }
        }
    }

    /// Marks messages that need no extraction (no text, only attachments) as skipped.
    public func skip(messageIds: [Int64], reason: String, now: Int64 = Timestamp.now()) throws {
        guard !messageIds.isEmpty else { return }
        try pool.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE messages SET status = 'skipped', last_error = ?, updated_at = ? WHERE id = ?")
            for id in messageIds { try statement.execute(arguments: [reason, now, id]) }
        }
    }

    /// Counts of messages per status.
    public func messageCounts() throws -> [MessageStatus: Int] {
        try pool.read { db in
            var counts: [MessageStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM messages GROUP BY status") {
                if let status = MessageStatus(rawValue: row[0]) { counts[status] = row[1] }
            }
            return counts
        }
    }

    /// Retracts what deleted messages contributed: their stage updates stop counting and their
    /// postings stop matching. The messages stay, marked deleted, so that a replayed create does not
    /// bring them back.
    @discardableResult
    public func retract(messageIds: [Int64], now: Int64 = Timestamp.now()) throws -> Int {
        try pool.write { db in
            var retracted = 0
            for id in messageIds {
                try db.execute(
                    sql: "UPDATE messages SET deleted_at = COALESCE(deleted_at, ?), updated_at = ? WHERE id = ?",
                    arguments: [now, now, id])
                try db.execute(
                    sql: "UPDATE stage_updates SET retracted = 1, retracted_at = ? WHERE message_id = ? AND retracted = 0",
                    arguments: [now, id])
                retracted += db.changesCount
                try db.execute(sql: "UPDATE job_postings SET retracted = 1 WHERE message_id = ?", arguments: [id])
            }
            return retracted
        }
    }

    public func messageCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0 }
    }
}
