import GRDB

/// A gateway session as the daemon saves it, so that a restart resumes instead of identifying.
public struct StoredGatewaySession: Sendable, Hashable {
    public var shardId: Int
    public var sessionId: String
    public var sequence: Int64?
    public var resumeURL: String
    public var updatedAt: Int64

    public init(shardId: Int, sessionId: String, sequence: Int64?, resumeURL: String, updatedAt: Int64) {
        self.shardId = shardId
        self.sessionId = sessionId
        self.sequence = sequence
        self.resumeURL = resumeURL
        self.updatedAt = updatedAt
    }
}

extension Store {
    /// Saves the session of a shard, or forgets it (nil) when it can no longer be resumed. It is
    /// called as the gateway shuts down, in a cancelled task: the write deliberately ignores
    /// cancellation, or the session would be lost exactly when it matters.
    public func saveGatewaySession(_ session: StoredGatewaySession?, shardId: Int) throws {
        try pool.write { db in
            guard let session else {
                try db.execute(sql: "DELETE FROM gateway_sessions WHERE shard_id = ?", arguments: [shardId])
                return
            }
            try db.execute(
                sql: """
                    INSERT INTO gateway_sessions (shard_id, session_id, sequence, resume_gateway_url, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(shard_id) DO UPDATE SET session_id = excluded.session_id, sequence = excluded.sequence,
                        resume_gateway_url = excluded.resume_gateway_url, updated_at = excluded.updated_at
                    """,
                arguments: [shardId, session.sessionId, session.sequence, session.resumeURL, session.updatedAt])
        }
    }

    /// The saved sessions, by shard.
    public func gatewaySessions() throws -> [StoredGatewaySession] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT shard_id, session_id, sequence, resume_gateway_url, updated_at FROM gateway_sessions")
                .map { StoredGatewaySession(shardId: $0[0], sessionId: $0[1], sequence: $0[2], resumeURL: $0[3], updatedAt: $0[4]) }
        }
    }

    /// The newest message id stored per channel: where a backfill of that channel starts.
    public func channelCursors() throws -> [Int64: Int64] {
        try pool.read { db in
            var cursors: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel_id, last_message_id FROM channel_cursors") {
                cursors[row[0]] = row[1]
            }
            return cursors
        }
    }

    /// Starts a channel's cursor at `messageId` unless it has one: a channel first seen now is
    /// watched from now on, not read back to its beginning (an export import does that).
    public func startCursor(channelId: Int64, guildId: Int64?, at messageId: Int64, now: Int64 = Timestamp.now()) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO channel_cursors (channel_id, guild_id, last_message_id, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(channel_id) DO NOTHING
                    """,
                arguments: [channelId, guildId, messageId, now])
        }
    }

    /// Moves each channel's cursor forward to the newest of `messages`; never back.
    static func advanceCursors(for messages: [IncomingMessage], in db: Database, now: Int64) throws {
        var newest: [Int64: (guildId: Int64?, messageId: Int64)] = [:]
        for message in messages where message.id > (newest[message.channelId]?.messageId ?? .min) {
            newest[message.channelId] = (message.guildId, message.id)
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO channel_cursors (channel_id, guild_id, last_message_id, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(channel_id) DO UPDATE SET last_message_id = MAX(last_message_id, excluded.last_message_id),
                guild_id = COALESCE(excluded.guild_id, guild_id), updated_at = excluded.updated_at
            """)
        for (channelId, entry) in newest {
            try upsert.execute(arguments: [channelId, entry.guildId, entry.messageId, now])
        }
    }
}
