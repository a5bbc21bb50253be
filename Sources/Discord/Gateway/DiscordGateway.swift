public import Logging
import Support
import Transport

/// All of a bot's gateway shards in one process. Asks `GET /gateway/bot` once for the URL, the
/// recommended shard count and the session-start budget, then runs every shard in one task group,
/// pacing their IDENTIFYs through one `IdentifyGate`.
public struct DiscordGateway: Sendable {
    public enum ShardCount: Sendable, Hashable {
        /// As many as Discord recommends.
        case automatic
        case fixed(Int)
    }

    public struct Configuration: Sendable {
        public var token: String
        public var intents: GatewayIntents
        public var shardCount: ShardCount
        /// `discord.gateway_url`: overrides the URL from `GET /gateway/bot`.
        public var gatewayURL: String?
        public var connection: GatewayConnectionSettings

        public init(
            token: String, intents: GatewayIntents = .default, shardCount: ShardCount = .fixed(1), gatewayURL: String? = nil,
            connection: GatewayConnectionSettings = .init()
        ) {
            self.token = token
            self.intents = intents
            self.shardCount = shardCount
            self.gatewayURL = gatewayURL
            self.connection = connection
        }
    }

    public let configuration: Configuration
    let rest: DiscordRESTClient
    let logger: Logger
    /// Every timer of the gateway runs on it: heartbeats, backoff, IDENTIFY pacing, send limits.
    let clock: AnyClock

    public init(configuration: Configuration, rest: DiscordRESTClient, logger: Logger, clock: some Clock<Duration> = ContinuousClock()) {
        self.configuration = configuration
        self.rest = rest
        self.logger = logger
        self.clock = AnyClock(clock)
    }

    /// Which shard receives a guild's events: `(guild_id >> 22) % shard_count`.
    public static func shard(of guildID: Snowflake, shardCount: Int) -> Int {
        Int((guildID.rawValue >> 22) % UInt64(max(1, shardCount)))
    }

    /// Runs until a shard fails fatally (thrown, with what to do) or the task is cancelled.
    /// `sessions` are saved sessions by shard id; those shards resume instead of identifying.
    public func run(resuming sessions: [Int: GatewayStateMachine.Session] = [:], handler: some GatewayEventHandler) async throws {
        let info = try await discover()
        let gate = IdentifyGate(
            limit: info.sessionStartLimit, spacing: configuration.connection.identifySpacing, logger: logger, clock: clock)
        let count =
            switch configuration.shardCount {
            case .automatic: info.shards
            case .fixed(let count): max(1, count)
            }
        logger.info("starting \(count) gateway shard(s)", metadata: ["url": "\(info.url)"])
        try await withThrowingDiscardingTaskGroup { group in
            for id in 0..<count {
                let shard = GatewayShard(
                    configuration: GatewayStateMachine.Configuration(
                        token: configuration.token, intents: configuration.intents, shard: (id, count), gatewayURL: info.url,
                        reconnectBaseDelay: configuration.connection.reconnectBaseDelay,
                        reconnectMaxDelay: configuration.connection.reconnectMaxDelay
                    ),
                    settings: configuration.connection, identifyGate: gate, logger: logger, clock: clock
                )
                let session = sessions[id]
                group.addTask { try await shard.run(resuming: session, handler: handler) }
            }
        }
    }

    /// The URL, shard count and budget to start with. A wrong token stops here with advice; other
    /// failures fall back to the configured URL when there is one. Without one, an unreachable or
    /// failing Discord is asked again, at the pace of gateway reconnects, until it answers or the
    /// task is cancelled: a daemon started during an outage waits for the end of it.
    private func discover() async throws -> GatewayBotInfo {
        var failures = 0
        while true {
            do {
                var info = try await rest.gatewayBot()
                if let url = configuration.gatewayURL { info.url = url }
                return info
            } catch let error as DiscordRESTError where error.isInvalidToken {
                throw GatewayError(closeCode: .authenticationFailed)
            } catch let error as DiscordRESTError {
                if let url = configuration.gatewayURL {
                    logger.warning(
                        "GET /gateway/bot failed (\(error)); using discord.gateway_url with one shard and a conservative identify budget")
                    return GatewayBotInfo(url: url, shards: 1, sessionStartLimit: .conservative)
                }
                guard error.isOutage else { throw error }
                failures += 1
                let delay = Self.discoveryDelay(after: failures, configuration.connection)
                logger.warning("GET /gateway/bot failed (\(error)); asking again in \(delay.shortText)")
                try await clock.sleep(for: delay)
            }
        }
    }

    /// The reconnect base delay, doubled after each failure up to the longest reconnect delay.
    static func discoveryDelay(after failures: Int, _ settings: GatewayConnectionSettings) -> Duration {
        min(settings.reconnectBaseDelay * (1 << min(max(0, failures - 1), 16)), settings.reconnectMaxDelay)
    }
}
