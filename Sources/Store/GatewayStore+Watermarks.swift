import GRDB

/// How far the store is known to hold every message of a watched channel.
public struct ChannelWatermark: Sendable, Hashable {
    public var channelID: Int64
    public var guildID: Int64?
    /// Every message of the channel up to this id is stored: a backfill starts after it.
    public var completeThrough: Int64
    /// The gateway session that continues the channel without a gap since the watermark was last
    /// set by a backfill: its live messages move the watermark, nobody else's do.
    public var liveSession: String?

    public init(channelID: Int64, guildID: Int64?, completeThrough: Int64, liveSession: String?) {
        self.channelID = channelID
        self.guildID = guildID
        self.completeThrough = completeThrough
        self.liveSession = liveSession
    }
}

extension GatewayStore {
    /// Every channel's watermark, by channel id.
    public func watermarks() async throws -> [Int64: ChannelWatermark] {
        try await pool.read { db in
            var watermarks: [Int64: ChannelWatermark] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel_id, guild_id, complete_through, live_session FROM channel_watermarks") {
                watermarks[row[0]] = ChannelWatermark(channelID: row[0], guildID: row[1], completeThrough: row[2], liveSession: row[3])
            }
            return watermarks
        }
    }

    /// Records that the store holds every message of `channelID` up to `messageID` (a backfill
    /// reached the present, or a channel is watched from now on), and that `liveSession`, when
    /// given, continues it. The watermark never moves back; a channel not known yet gets one.
    public func closeGap(
        channelID: Int64, guildID: Int64?, through messageID: Int64, liveSession: String?, now: Int64 = Timestamp.now()
    ) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO channel_watermarks (channel_id, guild_id, complete_through, live_session, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(channel_id) DO UPDATE SET
                        complete_through = MAX(complete_through, excluded.complete_through),
                        guild_id = COALESCE(excluded.guild_id, guild_id),
                        live_session = COALESCE(excluded.live_session, live_session),
                        updated_at = excluded.updated_at
                    """,
                arguments: [channelID, guildID, messageID, liveSession, now])
        }
    }

    /// Moves watermarks over live messages, each only if the session it came in continues its
    /// channel; a message after a gap leaves its channel's watermark where it is.
    static func extendWatermarks(over messages: [(message: IncomingMessage, session: String)], in db: Database, now: Int64) throws {
        struct Key: Hashable {
            var channelID: Int64
            var session: String
        }
        var newest: [Key: Int64] = [:]
        for (message, session) in messages {
            let key = Key(channelID: message.channelID, session: session)
            newest[key] = max(newest[key] ?? .min, message.id)
        }
        let extend = try db.cachedStatement(
            sql: """
                UPDATE channel_watermarks SET complete_through = MAX(complete_through, ?), updated_at = ?
                WHERE channel_id = ? AND live_session = ?
                """)
        for (key, id) in newest {
            try extend.execute(arguments: [id, now, key.channelID, key.session])
        }
    }
}
