import GRDB

/// A gateway session as the daemon saves it, so that a restart resumes instead of identifying.
public struct StoredGatewaySession: Sendable, Hashable {
    public var shardID: Int
    public var sessionID: String
    public var sequence: Int64?
    public var resumeURL: String
    public var updatedAt: Int64

    public init(shardID: Int, sessionID: String, sequence: Int64?, resumeURL: String, updatedAt: Int64) {
        self.shardID = shardID
        self.sessionID = sessionID
        self.sequence = sequence
        self.resumeURL = resumeURL
        self.updatedAt = updatedAt
    }
}

/// The gateway's sessions, its group commit and the channels' watermarks.
public struct GatewayStore: Sendable {
    let pool: DatabasePool

    /// Saves the session of a shard, or forgets it (nil) when it can no longer be resumed. It is
    /// called as the gateway shuts down, in a cancelled task: the write deliberately ignores
    /// cancellation, or the session would be lost exactly when it matters.
    public func saveSession(_ session: StoredGatewaySession?, shardID: Int) async throws {
        try await pool.write { db in try Self.saveGatewaySession(session, shardID: shardID, in: db) }
    }

    static func saveGatewaySession(_ session: StoredGatewaySession?, shardID: Int, in db: Database) throws {
        guard let session else {
            try db.execute(sql: "DELETE FROM gateway_sessions WHERE shard_id = ?", arguments: [shardID])
            return
        }
        try db.execute(
            sql: """
                INSERT INTO gateway_sessions (shard_id, session_id, sequence, resume_gateway_url, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(shard_id) DO UPDATE SET session_id = excluded.session_id, sequence = excluded.sequence,
                    resume_gateway_url = excluded.resume_gateway_url, updated_at = excluded.updated_at
                """,
            arguments: [shardID, session.sessionID, session.sequence, session.resumeURL, session.updatedAt])
    }

    /// The saved sessions, by shard.
    public func sessions() async throws -> [StoredGatewaySession] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT shard_id, session_id, sequence, resume_gateway_url, updated_at FROM gateway_sessions")
                .map { StoredGatewaySession(shardID: $0[0], sessionID: $0[1], sequence: $0[2], resumeURL: $0[3], updatedAt: $0[4]) }
        }
    }
}
