public import JSON

/// A Discord user (Discord: Resources › User), with what the bot uses.
public struct DiscordUser: Sendable, Hashable {
    public var id: Snowflake
    public var username: String
    public var globalName: String?
    public var isBot: Bool

    public init(id: Snowflake, username: String, globalName: String? = nil, isBot: Bool = false) {
        self.id = id
        self.username = username
        self.globalName = globalName
        self.isBot = isBot
    }

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "user")
        id = try fields.snowflake("id")
        username = fields.optionalString("username") ?? ""
        globalName = fields.optionalString("global_name")
        isBot = fields.bool("bot")
    }
}

/// A message (Discord: Resources › Message). MESSAGE_UPDATE may carry only some fields, so all but
/// the ids are optional.
public struct DiscordMessage: Sendable, Hashable {
    public var id: Snowflake
    public var channelID: Snowflake
    public var guildID: Snowflake?
    public var author: DiscordUser?
    public var content: String?
    /// ISO 8601, as Discord sends it.
    public var timestamp: String?
    public var editedTimestamp: String?
    /// 0 is a default message, 19 a reply; joins, pins and boosts have other types.
    public var type: Int
    public var webhookID: Snowflake?

    public init(
        id: Snowflake, channelID: Snowflake, guildID: Snowflake? = nil, author: DiscordUser? = nil, content: String? = nil,
        timestamp: String? = nil, editedTimestamp: String? = nil, type: Int = 0, webhookID: Snowflake? = nil
    ) {
        self.id = id
        self.channelID = channelID
        self.guildID = guildID
        self.author = author
        self.content = content
        self.timestamp = timestamp
        self.editedTimestamp = editedTimestamp
        self.type = type
        self.webhookID = webhookID
    }

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "message")
        id = try fields.snowflake("id")
        channelID = try fields.snowflake("channel_id")
        guildID = fields.optionalSnowflake("guild_id")
        if let author = fields.object("author") { self.author = try DiscordUser(json: author) }
        content = fields.optionalString("content")
        timestamp = fields.optionalString("timestamp")
        editedTimestamp = fields.optionalString("edited_timestamp")
        type = fields.int("type", default: 0)
        webhookID = fields.optionalSnowflake("webhook_id")
    }

    /// Written by a person: not a bot, not a webhook, and a default message or a reply.
    public var isFromPerson: Bool {
        !(author?.isBot ?? false) && webhookID == nil && (type == 0 || type == 19)
    }
}

/// MESSAGE_DELETE.
public struct DiscordMessageDelete: Sendable, Hashable {
    public var id: Snowflake
    public var channelID: Snowflake
    public var guildID: Snowflake?

    init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "MESSAGE_DELETE")
        id = try fields.snowflake("id")
        channelID = try fields.snowflake("channel_id")
        guildID = fields.optionalSnowflake("guild_id")
    }
}

/// MESSAGE_DELETE_BULK.
public struct DiscordMessageDeleteBulk: Sendable, Hashable {
    public var ids: [Snowflake]
    public var channelID: Snowflake
    public var guildID: Snowflake?

    init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "MESSAGE_DELETE_BULK")
        ids = fields.array("ids").compactMap { $0.stringValue.flatMap(Snowflake.init) }
        channelID = try fields.snowflake("channel_id")
        guildID = fields.optionalSnowflake("guild_id")
    }
}

/// READY: the session, the bot's own user and the guilds it is in.
public struct DiscordReady: Sendable, Hashable {
    public var sessionID: String
    public var resumeGatewayURL: String
    public var user: DiscordUser
    public var guildIDs: [Snowflake]
    public var applicationID: Snowflake?

    init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "READY")
        sessionID = try fields.string("session_id")
        resumeGatewayURL = try fields.string("resume_gateway_url")
        guard let user = fields.object("user") else { throw DiscordDecodingError("READY has no \"user\"") }
        self.user = try DiscordUser(json: user)
        guildIDs = fields.array("guilds").compactMap { $0["id"]?.stringValue.flatMap(Snowflake.init) }
        applicationID = fields.object("application").flatMap { $0["id"]?.stringValue.flatMap(Snowflake.init) }
    }
}

/// A channel of a guild (Discord: Resources › Channel), with what the bot needs to pick the ones
/// it watches.
public struct DiscordChannel: Sendable, Hashable {
    public var id: Snowflake
    public var name: String?
    /// 0 is a text channel, 5 an announcement channel, 10–12 threads, 15 a forum.
    public var type: Int
    /// The channel a thread belongs to.
    public var parentID: Snowflake?

    public var isText: Bool { type == 0 || type == 5 }
    /// A thread (announcement, public or private): its messages are read like a channel's.
    public var isThread: Bool { (10...12).contains(type) }
    /// Whether messages can be read from it: text channels and threads (a forum's posts are threads).
    public var carriesMessages: Bool { isText || isThread }

    public init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "channel")
        id = try fields.snowflake("id")
        name = fields.optionalString("name")
        type = fields.int("type", default: -1)
        parentID = fields.optionalSnowflake("parent_id")
    }
}

/// GUILD_CREATE: a guild becoming available, with its channels and active threads.
public struct DiscordGuild: Sendable, Hashable {
    public var id: Snowflake
    public var name: String?
    public var channels: [DiscordChannel]
    /// The threads active now: those started while the bot was away are found here.
    public var threads: [DiscordChannel]
    public var isUnavailable: Bool

    init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "GUILD_CREATE")
        id = try fields.snowflake("id")
        name = fields.optionalString("name")
        // One malformed channel does not lose the guild.
        channels = fields.array("channels").compactMap { try? DiscordChannel(json: $0) }
        threads = fields.array("threads").compactMap { try? DiscordChannel(json: $0) }
        isUnavailable = fields.bool("unavailable")
    }
}

/// INTERACTION_CREATE (Discord: Interactions › Receiving and Responding).
public struct DiscordInteraction: Sendable, Hashable {
    public var id: Snowflake
    public var applicationID: Snowflake
    /// 1 ping, 2 application command, 3 message component, 4 autocomplete, 5 modal submit.
    public var type: Int
    /// Valid for 15 minutes, for the callback and follow-ups. A credential: never logged.
    public var token: String
    public var guildID: Snowflake?
    public var channelID: Snowflake?
    /// The member's user in a guild, the user in a DM.
    public var user: DiscordUser?
    /// The member's permissions in the channel, as Discord's decimal string.
    public var memberPermissions: String?
    /// The member's roles in the guild.
    public var memberRoles: [Snowflake] = []
    /// The command's name and options, kept as sent.
    public var data: JSONValue?

    public var commandName: String? { data?["name"]?.stringValue }

    init(json: JSONValue) throws(DiscordDecodingError) {
        let fields = try JSONFields(json, "INTERACTION_CREATE")
        id = try fields.snowflake("id")
        applicationID = try fields.snowflake("application_id")
        type = fields.int("type", default: 0)
        token = try fields.string("token")
        guildID = fields.optionalSnowflake("guild_id")
        channelID = fields.optionalSnowflake("channel_id")
        let member = fields.object("member")
        if let user = member?["user"] ?? fields.object("user") { self.user = try DiscordUser(json: user) }
        memberPermissions = member?["permissions"]?.stringValue
        if case .array(let roles)? = member?["roles"] { memberRoles = roles.compactMap { $0.stringValue.flatMap { Snowflake($0) } } }
        data = fields.object("data")
    }
}

extension DiscordInteraction: CustomStringConvertible {
    public var description: String {
        "DiscordInteraction(id: \(id), type: \(type), command: \(commandName ?? "-"), token: <redacted>)"
    }
}
