public import JSON

/// `GET /gateway/bot`: where to connect, how many shards Discord recommends, and the session-start
/// budget.
public struct GatewayBotInfo: Sendable, Hashable {
    public var url: String
    public var shards: Int
    public var sessionStartLimit: SessionStartLimit

    public init(url: String, shards: Int, sessionStartLimit: SessionStartLimit) {
        self.url = url
        self.shards = shards
        self.sessionStartLimit = sessionStartLimit
    }

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "GET /gateway/bot")
        url = try fields.string("url")
        shards = max(1, fields.int("shards", default: 1))
        guard let limit = fields.object("session_start_limit") else {
            sessionStartLimit = .conservative
            return
        }
        let limitFields = try JSONFields(limit, "session_start_limit")
        sessionStartLimit = SessionStartLimit(
            total: limitFields.int("total", default: 1000),
            remaining: limitFields.int("remaining", default: 1000),
            resetAfter: .milliseconds(limitFields.int("reset_after", default: 0)),
            maxConcurrency: limitFields.int("max_concurrency", default: 1)
        )
    }
}

/// The bot's application (`GET /applications/@me`): its id is what commands are registered under.
public struct DiscordApplication: Sendable, Hashable {
    public var id: Snowflake
    public var name: String?

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "application")
        id = try fields.snowflake("id")
        name = fields.optionalString("name")
    }
}

/// A member of a guild (`GET /guilds/{guild.id}/members/{user.id}`), with the roles admin checks need.
public struct DiscordGuildMember: Sendable, Hashable {
    public var user: DiscordUser?
    public var nick: String?
    public var roles: [Snowflake]

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "guild member")
        user = try fields.object("user").map { value throws(DiscordDecodingError) in try DiscordUser(json: value) }
        nick = fields.optionalString("nick")
        roles = fields.array("roles").compactMap { $0.stringValue.flatMap(Snowflake.init) }
    }
}
