public import Bot
public import Discord
public import Logging
public import ServiceLifecycle
public import Store
import Support

/// Closes the gaps the gateway leaves: each watched channel is read through REST from its
/// completeness watermark (the newest id up to which the store holds every message) to the
/// present, what it finds is stored like any new message, and only then does the watermark move,
/// to the newest message the history had. Requests come at start and after every session that
/// could not be resumed; each channel is served once however often it was asked for meanwhile,
/// for the newest session asked with.
///
/// The session a request names is the one that continues the channel once the gap is closed:
/// everything said after the last page was read arrives in it live, so from then on its live
/// messages may move the watermark too.
public actor Backfiller: Service, CustomStringConvertible {
    let rest: DiscordRESTClient
    let store: Store
    let intake: MessageIntake
    let extraction: Wakeup
    let logger: Logger
    /// Retries of failed backfills come due on it.
    let clock: AnyClock
    /// Channels to serve, with the session that continues each.
    private var requested: [Snowflake: String?] = [:]
    /// The guild of each channel, where known: REST messages do not say it.
    private var guilds: [Snowflake: Snowflake] = [:]
    /// The channel of each thread asked for, which decides whether it is watched.
    private var parents: [Snowflake: Snowflake] = [:]
    /// Channels whose backfill failed for a reason that may pass (Discord down, a 5xx), to try
    /// again: until then their gap stays open, however long the session lasts.
    private var retries = BackfillRetries()
    private let wakeup = Wakeup()

    public init(
        rest: DiscordRESTClient, store: Store, intake: MessageIntake, extraction: Wakeup, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.rest = rest
        self.store = store
        self.intake = intake
        self.extraction = extraction
        self.logger = logger
    }

    /// Asks for the watched ones of `channels` to be backfilled (with their guild, when known), to
    /// be continued by `session` once caught up. `parents` are the channels of threads among them.
    public func request(
        _ channels: [(channel: Snowflake, guild: Snowflake?)], session: String?, parents: [Snowflake: Snowflake] = [:]
    ) {
        for (channel, guild) in channels where intake.watches(channel, parent: parents[channel]) {
            requested[channel] = .some(session)
            if let guild { guilds[channel] = guild }
            if let parent = parents[channel] { self.parents[channel] = parent }
        }
        if !channels.isEmpty { wakeup.ring() }
    }

    public nonisolated var description: String { "Backfiller" }

    public func run() async throws {
        // Woken by requests, and every few seconds for retries that came due.
        await cancelWhenGracefulShutdown {
            try? await PeriodicWorker(wakeup: self.wakeup, pollInterval: .seconds(5), clock: self.clock).run { await self.serveRequests() }
        }
    }

    private func serveRequests() async {
        for (channel, session) in retries.due(at: clock.now) where requested[channel] == nil { requested[channel] = .some(session) }
        while let (channel, session) = requested.first, !Task.isCancelled {
            requested[channel] = nil
            switch await backfill(channel, guild: guilds[channel], session: session) {
            case .done, .failedForGood: retries.succeeded(channel)
            case .failed: retries.failed(channel, session: session, at: clock.now)
            }
        }
    }

    enum Outcome {
        case done
        /// Worth trying again later.
        case failed
        /// The bot cannot read the channel (403, 404): a later try would fail the same way.
        case failedForGood
    }

    private func backfill(_ channel: Snowflake, guild: Snowflake?, session: String?) async -> Outcome {
        guard let channelID = Int64(exactly: channel.rawValue) else { return .failedForGood }
        let guildID = guild.flatMap { Int64(exactly: $0.rawValue) }
        do {
            let watermarks = try await store.gateway.watermarks()
            let after: Snowflake
            switch BackfillStart.decide(channel: channelID, guild: guildID, watermarks: watermarks) {
            case .after(let id):
                after = Snowflake(rawValue: UInt64(id))
            case .watchFromNow:
                let now = Int64(Snowflake(unixMilliseconds: Timestamp.now()).rawValue)
                try await store.gateway.closeGap(channelID: channelID, guildID: guildID, through: now, liveSession: session)
                return .done
            }
            logger.debug("backfilling", metadata: ["channel": "\(channel)", "after": "\(after)"])
            var batch: [IncomingMessage] = []
            var stored = 0
            var newest = after
            for try await message in rest.backfill(channelID: channel, after: after) {
                var message = message
                if message.guildID == nil { message.guildID = guild }
                newest = max(newest, message.id)
                if case .store(let incoming) = intake.decide(message, botUserID: nil, source: .backfill, parent: parents[channel]) {
                    batch.append(incoming)
                }
                if batch.count >= 100 {
                    stored += try await write(batch)
                    batch.removeAll(keepingCapacity: true)
                    extraction.ring()
                }
            }
            stored += try await write(batch)
            extraction.ring()
            // Everything up to the newest message the history had is stored now.
            try await store.gateway.closeGap(
                channelID: channelID, guildID: guildID, through: Int64(newest.rawValue), liveSession: session)
            if stored > 0 { logger.info("backfilled \(stored) messages", metadata: ["channel": "\(channel)"]) }
            return .done
        } catch is CancellationError {
            return .failed
        } catch let error as DiscordRESTError where error.status == 403 || error.status == 404 {
            // A channel the bot may not read, or one deleted: the watermark stays.
            logger.warning("backfill of channel \(channel) failed: \(error)")
            return .failedForGood
        } catch {
            // Discord down or failing: the watermark stays, and the backfill is tried again.
            logger.warning("backfill of channel \(channel) failed, will try again: \(error)")
            return .failed
        }
    }
}

extension Backfiller {
    /// Stores a page of history as the gateway's messages are stored; it moves no watermark.
    private func write(_ messages: [IncomingMessage]) async throws -> Int {
        var batch = GatewayBatch()
        batch.operations = messages.map { .store($0, session: nil) }
        return try await store.gateway.commit(batch).ingested.inserted
    }
}

/// Where a channel's backfill starts. Pure, for the rule about channels never seen before.
enum BackfillStart: Equatable {
    /// Read the history after this message id.
    case after(Int64)
    /// A channel the bot never watched, older than its watch of the guild: its past is not news.
    case watchFromNow

    static func decide(channel: Int64, guild: Int64?, watermarks: [Int64: ChannelWatermark]) -> BackfillStart {
        if let watermark = watermarks[channel] { return .after(watermark.completeThrough) }
        // A channel (or thread) created after the guild's other channels were already complete is
        // one created while the bot was away: all of it is new. Its id is its creation time, and
        // a thread's first message can carry the thread's own id, hence the one before it.
        let covered = watermarks.values.filter { $0.guildID != nil && $0.guildID == guild }.map(\.completeThrough).min()
        if let covered, channel > covered { return .after(channel - 1) }
        return .watchFromNow
    }
}

/// When to try a failed backfill again: 5 s after the first failure, doubling to 5 minutes. Pure,
/// with the clock passed in.
struct BackfillRetries {
    private var pending: [Snowflake: (session: String?, failures: Int, due: AnyClock.Instant)] = [:]

    static func delay(afterFailures failures: Int) -> Duration {
        min(.seconds(5) * (1 << min(failures - 1, 6)), .seconds(300))
    }

    mutating func failed(_ channel: Snowflake, session: String?, at now: AnyClock.Instant) {
        let failures = (pending[channel]?.failures ?? 0) + 1
        pending[channel] = (session, failures, now + Self.delay(afterFailures: failures))
    }

    mutating func succeeded(_ channel: Snowflake) { pending[channel] = nil }

    /// The channels due for another try, with the session to continue them.
    func due(at now: AnyClock.Instant) -> [(channel: Snowflake, session: String?)] {
        pending.filter { $0.value.due <= now }.map { ($0.key, $0.value.session) }
    }
}
