public import Domain
import GRDB

/// What `/me` shows: one member's stage updates.
public struct MemberUpdate: Sendable, Hashable {
    public var companyID: Int64
    public var stage: Stage
    public var reportedAt: Int64
}

/// What is stored about members as people: their own updates, and forgetting them.
public struct MemberStore: Sendable {
    let pool: DatabasePool

    /// The stage updates of one member that count, oldest first.
    public func updates(authorHash: String) async throws -> [MemberUpdate] {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                try db.cachedStatement(
                    sql: """
                        SELECT company_id, stage, reported_at FROM stage_updates
                        WHERE author_hash = ? AND retracted = 0 ORDER BY reported_at
                        """),
                arguments: [authorHash])
            var updates: [MemberUpdate] = []
            while let row = try rows.next() {
                if let stage = Stage(rawValue: row[1]) { updates.append(MemberUpdate(companyID: row[0], stage: stage, reportedAt: row[2])) }
            }
            return updates
        }
    }

    /// Deletes everything stored about a member (messages, their extractions and stage updates,
    /// alert profiles) and remembers the request, so nothing of theirs is stored again. Returns
    /// how many messages went.
    @discardableResult
    public func forget(authorHash: String, now: Int64 = Timestamp.now()) async throws -> Int {
        try await pool.write { db in
            // Every journey of the member goes, whether by the cascade from their messages or below.
            var changes = JourneyChanges()
            for company in try Int64.fetchAll(
                db, sql: "SELECT DISTINCT company_id FROM stage_updates WHERE author_hash = ? AND retracted = 0", arguments: [authorHash])
            {
                changes.removed(companyID: company, authorHash: authorHash)
            }
            try db.execute(sql: "DELETE FROM messages WHERE author_hash = ?", arguments: [authorHash])
            let messages = db.changesCount
            // Cascades took the updates of their messages; this takes any entered by hand.
            try db.execute(sql: "DELETE FROM stage_updates WHERE author_hash = ?", arguments: [authorHash])
            try db.execute(sql: "DELETE FROM unknown_company_mentions WHERE author_hash = ?", arguments: [authorHash])
            try db.execute(sql: "DELETE FROM alert_profiles WHERE owner_hash = ?", arguments: [authorHash])
            // Their reactions to the configuration's alerts, too (their own went with their profiles).
            try db.execute(sql: "DELETE FROM alert_feedback WHERE member_hash = ?", arguments: [authorHash])
            try db.execute(
                sql: "INSERT INTO forgotten_authors (author_hash, forgotten_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                arguments: [authorHash, now])
            try RollupStore.keepRollups(changes, in: db)
            return messages
        }
    }

    /// `messages` without those of members who asked to be forgotten.
    static func withoutForgottenAuthors(_ messages: [IncomingMessage], in db: Database) throws -> [IncomingMessage] {
        guard !messages.isEmpty else { return messages }
        // Usually no one has asked: one probe spares building and running the IN list of every batch.
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM forgotten_authors)") ?? false else { return messages }
        let authors = Set(messages.map(\.authorHash))
        let forgotten = try String.fetchSet(
            db, sql: "SELECT author_hash FROM forgotten_authors WHERE author_hash IN (\(authors.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(Array(authors)))
        return forgotten.isEmpty ? messages : messages.filter { !forgotten.contains($0.authorHash) }
    }
}
