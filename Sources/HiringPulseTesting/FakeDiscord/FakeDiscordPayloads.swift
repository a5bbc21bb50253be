public import Discord
import Foundation
public import JSON

/// Payloads shaped like Discord's v10 examples, for the fake to send and for tests to script.
public enum FakeDiscordPayloads {
    public static let botUserID = Snowflake(rawValue: 1_100_000_000_000_000_001)
    public static let applicationID = Snowflake(rawValue: 1_100_000_000_000_000_002)

    public static var botUser: JSONValue {
        .object([
            ("id", .string("\(botUserID)")), ("username", .string("HiringPulse")), ("discriminator", .string("0")),
            ("global_name", .null), ("avatar", .null), ("bot", .bool(true)),
        ])
    }

    public static func user(id: Snowflake, name: String, isBot: Bool = false) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string("\(id)")), ("username", .string(name)), ("discriminator", .string("0")), ("global_name", .string(name)),
            ("avatar", .null),
        ]
        if isBot { members.append(("bot", .bool(true))) }
        return .object(members)
    }

    /// A message as MESSAGE_CREATE and channel history carry it.
    public static func message(
        id: Snowflake, channelID: Snowflake, guildID: Snowflake? = nil,
        authorID: Snowflake = Snowflake(rawValue: 1_200_000_000_000_000_000),
        authorName: String = "member", authorIsBot: Bool = false, content: String, editedTimestamp: String? = nil
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string("\(id)")), ("type", .integer(0)), ("content", .string(content)), ("channel_id", .string("\(channelID)")),
            ("author", user(id: authorID, name: authorName, isBot: authorIsBot)), ("attachments", .array([])), ("embeds", .array([])),
            ("mentions", .array([])), ("mention_roles", .array([])), ("pinned", .bool(false)), ("mention_everyone", .bool(false)),
            ("tts", .bool(false)), ("timestamp", .string(timestamp(of: id))), ("edited_timestamp", JSONValue(editedTimestamp)),
            ("flags", .integer(0)), ("components", .array([])),
        ]
        if let guildID {
            members.append(("guild_id", .string("\(guildID)")))
            members.append(
                (
                    "member",
                    .object([
                        ("roles", .array([])), ("joined_at", .string(timestamp(of: id))), ("deaf", .bool(false)), ("mute", .bool(false)),
                    ])
                ))
        }
        return .object(members)
    }

    /// INTERACTION_CREATE for a slash command (`type` 2) or its autocomplete (4), from a member
    /// of `guildID` with the channel permissions `permissions` (Discord's decimal bitfield). An
    /// option of type 1 (a subcommand) carries `subcommandOptions` instead of a value.
    public static func interaction(
        id: Snowflake, token: String, command: String, options: [(name: String, type: Int, value: JSONValue)] = [],
        focused: String? = nil, type: Int = 2, guildID: Snowflake, channelID: Snowflake, userID: Snowflake,
        permissions: String = "0", roles: [Snowflake] = [], subcommandOptions: [(name: String, type: Int, value: JSONValue)] = []
    ) -> JSONValue {
        func values(_ options: [(name: String, type: Int, value: JSONValue)]) -> [JSONValue] {
            options.map { option in
                var members: [(key: String, value: JSONValue)] = [("name", .string(option.name)), ("type", .integer(Int64(option.type)))]
                if option.type == 1 || option.type == 2 {
                    members.append(("options", .array(values(subcommandOptions))))
                } else {
                    members.append(("value", option.value))
                }
                if option.name == focused { members.append(("focused", .bool(true))) }
                return .object(members)
            }
        }
        let optionValues = values(options)
        let data: JSONValue = .object([
            ("id", .string("\(Snowflake(rawValue: applicationID.rawValue + 100))")), ("name", .string(command)), ("type", .integer(1)),
            ("options", .array(optionValues)),
        ])
        return interaction(
            id: id, token: token, type: type, data: data, guildID: guildID, channelID: channelID, userID: userID, permissions: permissions,
            roles: roles)
    }

    /// INTERACTION_CREATE for a press on the button `customID` of one of the bot's messages.
    public static func buttonPress(
        id: Snowflake, token: String, customID: String, guildID: Snowflake, channelID: Snowflake, userID: Snowflake,
        permissions: String = "0"
    ) -> JSONValue {
        let data: JSONValue = .object([("custom_id", .string(customID)), ("component_type", .integer(2))])
        return interaction(
            id: id, token: token, type: 3, data: data, guildID: guildID, channelID: channelID, userID: userID, permissions: permissions)
    }

    /// A press on a button of a message the bot sent in a direct message, as Discord sends it:
    /// `user` instead of `member`, no guild, the DM channel, `context` 1 (BOT_DM), a guild-installed
    /// app's `authorizing_integration_owners` (`{"0": "0"}` in the bot's DM), and the message the
    /// button is on, as a Message object (Discord: Interactions › Receiving and Responding;
    /// Components › Button).
    public static func directMessageButtonPress(
        id: Snowflake, token: String, customID: String, channelID: Snowflake, userID: Snowflake, messageID: Snowflake,
        embeds: JSONValue = .array([]), components: JSONValue = .array([])
    ) -> JSONValue {
        let message: JSONValue = .object([
            ("type", .integer(0)), ("content", .string("")), ("mentions", .array([])), ("mention_roles", .array([])),
            ("attachments", .array([])), ("embeds", embeds), ("timestamp", .string(timestamp(of: messageID))),
            ("edited_timestamp", .null), ("flags", .integer(0)), ("components", components), ("id", .string("\(messageID)")),
            ("channel_id", .string("\(channelID)")), ("author", botUser), ("pinned", .bool(false)), ("mention_everyone", .bool(false)),
            ("tts", .bool(false)),
        ])
        return .object([
            ("id", .string("\(id)")), ("application_id", .string("\(applicationID)")), ("type", .integer(3)),
            ("data", .object([("custom_id", .string(customID)), ("component_type", .integer(2)), ("id", .integer(2))])),
            (
                "channel",
                .object([
                    ("id", .string("\(channelID)")), ("type", .integer(1)), ("flags", .integer(0)),
                    ("last_message_id", .string("\(messageID)")),
                    ("recipients", .array([user(id: userID, name: "member")])),
                ])
            ),
            ("channel_id", .string("\(channelID)")), ("user", user(id: userID, name: "member")), ("message", message),
            ("token", .string(token)), ("version", .integer(1)), ("app_permissions", .string("562949953601536")),
            ("locale", .string("en-US")), ("entitlements", .array([])), ("authorizing_integration_owners", .object([("0", .string("0"))])),
            ("context", .integer(1)), ("attachment_size_limit", .integer(10_485_760)),
        ])
    }

    private static func interaction(
        id: Snowflake, token: String, type: Int, data: JSONValue, guildID: Snowflake, channelID: Snowflake, userID: Snowflake,
        permissions: String = "0", roles: [Snowflake] = []
    ) -> JSONValue {
        .object([
            ("id", .string("\(id)")), ("application_id", .string("\(applicationID)")), ("type", .integer(Int64(type))), ("data", data),
            ("guild_id", .string("\(guildID)")), ("channel_id", .string("\(channelID)")),
            (
                "member",
                .object([
                    ("user", user(id: userID, name: "member")), ("roles", .array(roles.map { .string("\($0)") })),
                    ("permissions", .string(permissions)), ("joined_at", .string(timestamp(of: id))), ("deaf", .bool(false)),
                    ("mute", .bool(false)),
                ])
            ),
            ("token", .string(token)), ("version", .integer(1)), ("app_permissions", .string("562949953421311")),
            ("locale", .string("en-US")),
            ("guild_locale", .string("en-US")), ("entitlements", .array([])), ("context", .integer(0)),
        ])
    }

    /// The time inside a snowflake, written as Discord and the generated exports write it.
    public static func timestamp(of id: Snowflake) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ChatExportGenerator.iso8601(id.unixMilliseconds, formatter)
    }
}
