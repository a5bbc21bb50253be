/// Gateway intents (Discord: Gateway › Gateway Intents): which events the bot receives.
public struct GatewayIntents: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static let guilds = GatewayIntents(rawValue: 1 << 0)
    public static let guildMembers = GatewayIntents(rawValue: 1 << 1)
    public static let guildMessages = GatewayIntents(rawValue: 1 << 9)
    public static let directMessages = GatewayIntents(rawValue: 1 << 12)
    /// Privileged: must be enabled in the Developer Portal, or the gateway closes with 4014.
    public static let messageContent = GatewayIntents(rawValue: 1 << 15)

    /// What HiringPulse needs: guilds, their messages, and the text of those messages.
    public static let `default`: GatewayIntents = [.guilds, .guildMessages, .messageContent]

    /// The names used in configuration, as Discord's docs spell the flags, lower-cased.
    public static let names: [(name: String, intent: GatewayIntents)] = [
        ("guilds", .guilds), ("guild_members", .guildMembers), ("guild_messages", .guildMessages),
        ("direct_messages", .directMessages), ("message_content", .messageContent),
    ]

    /// The union of the named intents; unknown names are ignored (configuration validates them).
    public init(names: [String]) {
        self = names.reduce(into: []) { intents, name in
            if let match = Self.names.first(where: { $0.name == name }) { intents.insert(match.intent) }
        }
    }
}
