import Bot
public import Discord
public import Store

/// Decides what a Discord message means for the store: which ones are kept, and as what. Pure:
/// no I/O, so the rules (people only, watched channels only, text only) are tested directly.
public struct MessageIntake: Sendable {
    public enum Decision: Sendable, Hashable {
        case store(IncomingMessage)
        case ignore(reason: String)
    }

    /// Channels configured to be watched; empty means every channel the bot can read.
    public let configuredChannels: Set<Snowflake>
    let hasher: AuthorHasher

    public init(configuredChannels: Set<Snowflake>, hasher: AuthorHasher) {
        self.configuredChannels = configuredChannels
        self.hasher = hasher
    }

    /// Whether messages of a channel are kept; a thread's are when its parent channel's are.
    public func watches(_ channelID: Snowflake, parent: Snowflake? = nil) -> Bool {
        configuredChannels.isEmpty || configuredChannels.contains(channelID) || parent.map(configuredChannels.contains) == true
    }

    /// A created, edited or backfilled message. `botUserID` is this bot's own user, whose
    /// messages are never data.
    /// `parent` is the channel of a thread the message is in, when known.
    public func decide(_ message: DiscordMessage, botUserID: Snowflake?, source: MessageSource, parent: Snowflake? = nil) -> Decision {
        decide(message, botUserID: botUserID, source: source, parent: parent) { hasher.hash($0.description) }
    }

    /// `decide`, with the author's hash from `authorHash` (a cache of them).
    func decide(
        _ message: DiscordMessage, botUserID: Snowflake?, source: MessageSource, parent: Snowflake?, authorHash: (Snowflake) -> String
    ) -> Decision {
        guard let author = message.author else { return .ignore(reason: "no author (a partial update)") }
        guard message.isFromPerson, author.id != botUserID else { return .ignore(reason: "not written by a member") }
        guard message.guildID != nil || source == .backfill else { return .ignore(reason: "not in a server") }
        guard watches(message.channelID, parent: parent) else { return .ignore(reason: "channel not watched") }
        guard let content = message.content, !content.allSatisfy(\.isWhitespace) else {
            return .ignore(reason: "no text")
        }
        // Ids beyond Int64 do not exist yet; a payload claiming one is not trusted with a crash.
        guard let id = Int64(exactly: message.id.rawValue), let channelID = Int64(exactly: message.channelID.rawValue) else {
            return .ignore(reason: "id out of range")
        }
        return .store(
            IncomingMessage(
                id: id, guildID: message.guildID.flatMap { Int64(exactly: $0.rawValue) }, channelID: channelID,
                authorHash: authorHash(author.id), content: content, createdAt: message.id.unixMilliseconds,
                editedAt: message.editedTimestamp.flatMap { Timestamp.parse($0) }, source: source))
    }
}
