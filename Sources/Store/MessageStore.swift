import Domain
import GRDB

/// Messages as they came from Discord or an export: ingesting, pending work, retraction.
public struct MessageStore: Sendable {
    let pool: DatabasePool

    /// Stores messages as pending, keyed by Discord id. A message seen before with the same content
    /// changes nothing; with other content (an edit) it becomes pending again. Committed before any
    /// extraction runs, so a crash after this point loses nothing.
    @discardableResult
    public func ingest(_ messages: [IncomingMessage], now: Int64 = Timestamp.now()) async throws -> IngestSummary {
        try await pool.write { db in
            try Self.ingest(try MemberStore.withoutForgottenAuthors(messages, in: db), in: db, now: now)
        }
    }

    /// Stores messages and what extracting them produced in one transaction: for imports, where
    /// the file itself is the durable copy and the extractor has already run. `outcomes` are for the
    /// messages that `unchangedMessageIDs` did not report; a message without one stays pending. A new
    /// message with a successful outcome is written done at once, which spares the write of it as
    /// pending and its update afterwards: most of the cost of a large import. It waits for the
    /// database without holding a thread, so the caller can prepare the next batch meanwhile.
    public func ingest(
        _ messages: [IncomingMessage], outcomes: [ExtractionWrite], retry: ExtractionStore.RetryPolicy = ExtractionStore.RetryPolicy(),
        now: Int64 = Timestamp.now()
    ) async throws -> (ingested: IngestSummary, extracted: ExtractionSummary) {
        // The outcome of each message, the last one given where there are several.
        let byID: [Int64: Int] = {
            var byID: [Int64: Int] = [:]
            byID.reserveCapacity(outcomes.count)
            for (index, write) in outcomes.enumerated() { byID[write.messageID] = index }
            return byID
        }()
        return try await pool.write { db in
            try Self.ingest(messages, outcome: { byID[$0].map { outcomes[$0] } }, in: db, retry: retry, now: now)
        }
    }

    /// `ingest(_:outcomes:)` inside a transaction of the caller's (the gateway's group commit too):
    /// a new message with a successful outcome is inserted done with its result; edits, failures
    /// and messages without an outcome are written pending and their outcome recorded after. It
    /// keeps the rollups itself.
    static func ingest(
        _ messages: [IncomingMessage], outcome: (Int64) -> ExtractionWrite?, in db: Database, retry: ExtractionStore.RetryPolicy, now: Int64
    ) throws -> (ingested: IngestSummary, extracted: ExtractionSummary) {
        var ingested = IngestSummary()
        var extracted = ExtractionSummary()
        var recorder = try ExtractionRecorder(db, retry: retry, now: now)
        let insertDone = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO messages (id, guild_id, channel_id, author_hash, content, created_at, edited_at, source,
                                          status, kind, spam, attempts, inserted_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, 1, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """))
        var others: [IncomingMessage] = []
        var otherOutcomes: [ExtractionWrite] = []
        for message in try MemberStore.withoutForgottenAuthors(messages, in: db) {
            let write = outcome(message.id)
            if let write, case .success(let result) = write.outcome.result {
                insertDone.begin()
                insertDone.bindMessageColumns(of: message)
                insertDone.bind(result.kind.rawValue, at: 9)
                insertDone.bind(result.spam, at: 10)
                insertDone.bind(now, at: 11)
                insertDone.bind(now, at: 12)
                try insertDone.execute()
                if db.changesCount > 0 {
                    ingested.inserted += 1
                    try recorder.recordResult(
                        write, result, authorHash: message.authorHash, createdAt: message.createdAt, keepsUpdates: true,
                        into: &extracted)
                    continue
                }
            }
            others.append(message)
            if let write { otherOutcomes.append(write) }
        }
        // Edits, failures and messages without an outcome take the general path. An outcome
        // counts only for a text that was written: an edit older than the stored one is not.
        var written: Set<Int64> = []
        ingested.add(try Self.ingest(others, in: db, now: now) { written.insert($0.id) })
        for write in otherOutcomes where written.contains(write.messageID) { try recorder.record(write, into: &extracted) }
        try RollupStore.keepRollups(recorder.journeyChanges, in: db)
        return (ingested, extracted)
    }

    /// The ids of messages already stored with this content, deleted, or stored in a newer edit:
    /// ingesting them changes nothing, so there is no need to extract them.
    ///
    /// Synchronous, on the caller's thread, unlike the store's other reads: the import asks it of
    /// every batch between reading and extracting it, while the previous batch is being written,
    /// and the hops to GRDB's queues and back made a first import of 100,000 messages 6 % slower
    /// (median of five runs each, alternated). The read is one range check on a first import.
    public func unchangedMessageIDs(_ messages: [IncomingMessage]) throws -> Set<Int64> {
        guard let lowest = messages.min(by: { $0.id < $1.id })?.id, let highest = messages.max(by: { $0.id < $1.id })?.id
        else { return [] }
        return try pool.read { db in
            // A first import stores ids never seen: one look at their range spares a look at each.
            let anyStored =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM messages WHERE id BETWEEN ? AND ?)", arguments: [lowest, highest]) ?? true
            guard anyStored else { return [] }
            let select = BoundStatement(try db.cachedStatement(sql: "SELECT content, deleted_at, edited_at FROM messages WHERE id = ?"))
            var unchanged: Set<Int64> = []
            for message in messages {
                select.begin()
                select.bind(message.id, at: 1)
                guard try select.step() else { continue }
                let storedEdit = select.int64OrNil(at: 2)
                let older = storedEdit.map { stored in message.editedAt.map { $0 <= stored } ?? true } ?? false
                if !select.isNull(at: 1) || older || select.string(at: 0) == message.content { unchanged.insert(message.id) }
            }
            select.begin()
            return unchanged
        }
    }

    /// Inserts new messages as pending; an edit makes a stored message pending again, but only
    /// when it is newer than what is stored: an older export imported after a newer one, or a late
    /// copy of the original, never brings back old text.
    static func ingest(
        _ messages: [IncomingMessage], in db: Database, now: Int64, written: (IncomingMessage) -> Void = { _ in }
    ) throws -> IngestSummary {
        var summary = IngestSummary()
        let insert = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO messages (id, guild_id, channel_id, author_hash, content, created_at, edited_at, source,
                                          status, inserted_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """))
        // edited_at is the message's own edit time; a text with none is the original, older than
        // any edit.
        let edit = try db.cachedStatement(
            sql: """
                UPDATE messages SET content = ?1, edited_at = ?2, status = 'pending', attempts = 0, next_attempt_at = NULL,
                                    last_error = NULL, updated_at = ?3
                WHERE id = ?4 AND content != ?1 AND deleted_at IS NULL
                  AND (edited_at IS NULL OR (?2 IS NOT NULL AND ?2 > edited_at))
                """)
        for message in messages {
            insert.begin()
            insert.bindMessageColumns(of: message)
            insert.bind(now, at: 9)
            insert.bind(now, at: 10)
            try insert.execute()
            if db.changesCount > 0 {
                summary.inserted += 1
                written(message)
                continue
            }
            try edit.execute(arguments: [message.content, message.editedAt, now, message.id])
            if db.changesCount > 0 {
                summary.changed += 1
                written(message)
            } else {
                summary.unchanged += 1
            }
        }
        return summary
    }

    /// Pending messages whose next attempt is due, oldest first.
    public func pending(limit: Int, now: Int64 = Timestamp.now()) async throws -> [PendingMessage] {
        try await pool.read { db in
            let select = BoundStatement(
                try db.cachedStatement(
                    sql: """
                        SELECT id, author_hash, content, created_at, attempts FROM messages
                        WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                        ORDER BY id LIMIT ?
                        """))
            select.begin()
            select.bind(now, at: 1)
            select.bind(limit, at: 2)
            var pending: [PendingMessage] = []
            pending.reserveCapacity(min(max(limit, 0), 10_000))
            while try select.step() {
                pending.append(
                    PendingMessage(
                        id: select.int64(at: 0), authorHash: select.string(at: 1), content: select.string(at: 2),
                        createdAt: select.int64(at: 3), attempts: Int(select.int64(at: 4))))
            }
            return pending
        }
    }

    /// Marks messages that need no extraction (no text, only attachments) as skipped.
    public func skip(messageIDs: [Int64], reason: String, now: Int64 = Timestamp.now()) async throws {
        guard !messageIDs.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE messages SET status = 'skipped', last_error = ?, updated_at = ? WHERE id = ?")
            for id in messageIDs { try statement.execute(arguments: [reason, now, id]) }
        }
    }

    /// Counts of messages per status.
    public func counts() async throws -> [MessageStatus: Int] {
        try await pool.read { db in
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
    public func retract(messageIDs: [Int64], now: Int64 = Timestamp.now()) async throws -> Int {
        try await pool.write { db in try Self.retract(messageIDs, in: db, now: now) }
    }

    /// `retract`, inside a transaction of the caller's; it keeps the rollups itself.
    static func retract(_ messageIDs: [Int64], in db: Database, now: Int64) throws -> Int {
        let markDeleted = try db.cachedStatement(
            sql: "UPDATE messages SET deleted_at = COALESCE(deleted_at, ?), updated_at = ? WHERE id = ?")
        let retractUpdates = try db.cachedStatement(
            sql: """
                UPDATE stage_updates SET retracted = 1, retracted_at = ? WHERE message_id = ? AND retracted = 0
                RETURNING company_id, author_hash
                """)
        let retractPostings = try db.cachedStatement(sql: "UPDATE job_postings SET retracted = 1 WHERE message_id = ?")
        let deleteMentions = try db.cachedStatement(sql: "DELETE FROM unknown_company_mentions WHERE message_id = ?")
        var retracted = 0
        var changes = JourneyChanges()
        for id in messageIDs {
            try markDeleted.execute(arguments: [now, now, id])
            for row in try Row.fetchAll(retractUpdates, arguments: [now, id]) {
                changes.removed(companyID: row[0], authorHash: row[1])
                retracted += 1
            }
            try retractPostings.execute(arguments: [id])
            try deleteMentions.execute(arguments: [id])
        }
        try RollupStore.keepRollups(changes, in: db)
        return retracted
    }

    /// The ids of the messages stored from a channel, deleted ones included, in id order.
    public func ids(channelID: Int64) async throws -> [Int64] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE channel_id = ? ORDER BY id", arguments: [channelID])
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0 }
    }
}

extension BoundStatement {
    /// Binds a message's columns in `messages`' insert order: id, guild, channel, author,
    /// content, created, edited, source (parameters 1 to 8).
    func bindMessageColumns(of message: IncomingMessage) {
        bind(message.id, at: 1)
        bind(message.guildID, at: 2)
        bind(message.channelID, at: 3)
        bind(message.authorHash, at: 4)
        bind(message.content, at: 5)
        bind(message.createdAt, at: 6)
        bind(message.editedAt, at: 7)
        bind(message.source.rawValue, at: 8)
    }
}

/// A stored message, as an admin inspects it.
public struct StoredMessage: Sendable, Hashable {
    public var id: Int64
    public var authorHash: String
    public var content: String
    public var status: MessageStatus
    public var isDeleted: Bool
    /// The message's own last edit time, as Discord or the export gave it.
    public var editedAt: Int64?
}

extension MessageStore {
    public func message(id: Int64) async throws -> StoredMessage? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, author_hash, content, status, deleted_at, edited_at FROM messages WHERE id = ?",
                arguments: [id]
            )
            .map { row in
                StoredMessage(
                    id: row[0], authorHash: row[1], content: row[2], status: MessageStatus(rawValue: row[3]) ?? .pending,
                    isDeleted: row[4] as Int64? != nil, editedAt: row[5])
            }
        }
    }

}
