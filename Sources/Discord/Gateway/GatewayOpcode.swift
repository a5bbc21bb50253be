/// Gateway opcodes (Discord: Topics › Opcodes and Status Codes › Gateway Opcodes).
public enum GatewayOpcode: Int, Sendable, Hashable, CaseIterable {
    /// Receive: an event was dispatched.
    case dispatch = 0
    /// Send and receive: keep the connection alive; the server may ask for one at once.
    case heartbeat = 1
    /// Send: start a new session.
    case identify = 2
    /// Send: update the client's presence.
    case presenceUpdate = 3
    /// Send: join, move or leave a voice channel.
    case voiceStateUpdate = 4
    /// Send: resume a previous session.
    case resume = 6
    /// Receive: reconnect and resume immediately.
    case reconnect = 7
    /// Send: request members of a large guild.
    case requestGuildMembers = 8
    /// Receive: the session is invalid; `d` says whether it can be resumed.
    case invalidSession = 9
    /// Receive: sent right after connecting, with the heartbeat interval.
    case hello = 10
    /// Receive: a heartbeat was received.
    case heartbeatAck = 11
    /// Send: request soundboard sounds.
    case requestSoundboardSounds = 31
}

/// What a gateway close code means for the client (Discord: Gateway Close Event Codes).
public enum GatewayCloseCode: UInt16, Sendable, Hashable, CaseIterable {
    case unknownError = 4000
    case unknownOpcode = 4001
    case decodeError = 4002
    case notAuthenticated = 4003
    case authenticationFailed = 4004
    case alreadyAuthenticated = 4005
    case invalidSequence = 4007
    case rateLimited = 4008
    case sessionTimedOut = 4009
    case invalidShard = 4010
    case shardingRequired = 4011
    case invalidAPIVersion = 4012
    case invalidIntents = 4013
    case disallowedIntents = 4014

    public enum Recovery: Sendable, Hashable {
        /// Reconnect and resume the session.
        case resume
        /// Reconnect with a new session (IDENTIFY).
        case reidentify
        /// Reconnecting cannot help: stop and tell the operator what to fix.
        case fatal
    }

    public var recovery: Recovery {
        switch self {
        case .unknownError, .unknownOpcode, .decodeError, .notAuthenticated, .alreadyAuthenticated, .rateLimited:
            .resume
        case .invalidSequence, .sessionTimedOut:
            .reidentify
        case .authenticationFailed, .invalidShard, .shardingRequired, .invalidAPIVersion, .invalidIntents,
            .disallowedIntents:
            .fatal
        }
    }

    /// What the operator should do about a fatal close.
    public var advice: String {
        switch self {
        case .authenticationFailed:
            "Discord rejected the bot token (close code 4004). Check DISCORD_TOKEN: copy the token again from the "
                + "Developer Portal, Applications › your app › Bot › Reset Token."
        case .invalidShard:
            "Discord rejected the shard (close code 4010): the shard id must be below the shard count."
        case .shardingRequired:
            "Discord requires sharding for this bot (close code 4011): set discord.shard_count higher, or to auto."
        case .invalidAPIVersion:
            "Discord rejected the gateway API version (close code 4012): this build speaks v10."
        case .invalidIntents:
            "Discord rejected the intents (close code 4013): discord.intents holds an invalid value."
        case .disallowedIntents:
            "Discord refused a privileged intent (close code 4014). Open the Developer Portal, Applications › "
                + "your app › Bot › Privileged Gateway Intents, and turn on Message Content Intent (HiringPulse "
                + "reads message text), then start again."
        default:
            "Discord closed the gateway with code \(rawValue)."
        }
    }
}
