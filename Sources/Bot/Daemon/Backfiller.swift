import Discord
import Logging
import ServiceLifecycle
import Store

/// Catches up on what the gateway did not deliver: every watched channel is read through REST
/// from its cursor (the newest message stored) to the present, and what it finds is stored like
/// any new message. Requests for channels arrive at start and after a session that could not be
/// resumed; each is served once, however often it was asked for meanwhile.
public actor Backfiller: Service, CustomStringConvertible {
    let rest: DiscordRESTClient
    let store: Store
    let intake: MessageIntake
    let extraction: Wakeup
    let logger: Logger
    private var requested: Set<Snowflake> = []
    /// The guild of each channel, where known: REST messages do not say it.
    private var guilds: [Snowflake: Snowflake] = [:]
    private let wakeup = Wakeup()

    public init(rest: DiscordRESTClient, store: Store, intake: MessageIntake, extraction: Wakeup, logger: Logger) {
        self.rest = rest
        self.store = store
        self.intake = intake
        self.extraction = extraction
        self.logger = logger
    }

    /// Asks for channels to be backfilled (with their guild, when known).
    public func request(_ channels: [(channel: Snowflake, guild: Snowflake?)]) {
        for (channel, guild) in channels where intake.watches(channel) {
            requested.insert(channel)
            if let guild { guilds[channel] = guild }
        }
        if !channels.isEmpty { wakeup.ring() }
    }

    public nonisolated var description: String { "Backfiller" }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in self.wakeup.rings {
                await self.serveRequests()
            }
        }
    }

    private func serveRequests() async {
        while let channel = requested.first, !Task.isCancelled {
            requested.remove(channel)
            await backfill(channel, guild: guilds[channel])
        }
    }

    private func backfill(_ channel: Snowflake, guild: Snowflake?) async {
        do {
            guard let channelID = Int64(exactly: channel.rawValue) else { return }
            guard let cursor = try store.channelCursors()[channelID] else {
                // Never seen: watch it from now on rather than read its whole history.
                let now = Snowflake(unixMilliseconds: Timestamp.now())
                try await store.startCursor(channelId: channelID, guildId: guild.flatMap { Int64(exactly: $0.rawValue) }, at: Int64(now.rawValue))
                return
            }
            logger.debug("backfilling", metadata: ["channel": "\(channel)", "after": "\(cursor)"])
            var batch: [IncomingMessage] = []
            var stored = 0
            for try await message in rest.backfill(channelID: channel, after: Snowflake(rawValue: UInt64(cursor))) {
                var message = message
                if message.guildId == nil { message.guildId = guild }
                if case .store(let incoming) = intake.decide(message, botUserID: nil, source: .backfill) { batch.append(incoming) }
                if batch.count >= 100 {
                    stored += try store.ingest(batch).inserted
                    batch.removeAll(keepingCapacity: true)
                    extraction.ring()
                }
            }
            stored += try store.ingest(batch).inserted
            extraction.ring()
            if stored > 0 { logger.info("backfilled \(stored) messages", metadata: ["channel": "\(channel)"]) }
        } catch is CancellationError {
            return
        } catch {
            // A channel the bot cannot read (403), or Discord down: the next start tries again.
            logger.warning("backfill of channel \(channel) failed: \(error)")
        }
    }
}
