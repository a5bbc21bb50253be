import Discord
import Logging
import Store

/// Routes gateway events: new and edited messages become pending in the store (and wake the
/// extraction worker), deletions retract, interactions go to the responder, sessions are saved
/// for the next start. Every write is
/// idempotent on the message id, so a replayed or duplicated event changes nothing.
public actor GatewayIngest: GatewayEventHandler {
    let store: Store
    let intake: MessageIntake
    let extraction: Wakeup
    let backfiller: Backfiller
    let interactions: InteractionService
    let readiness: Readiness
    let logger: Logger
    private var botUserID: Snowflake?
    /// Shards that have had a session: a later READY or RESUMED on them is a reconnection.
    private var connectedBefore: Set<Int> = []
    /// READY came since the last GUILD_CREATEs: the session is new, so what happened while there
    /// was none is only to be had by backfilling.
    private var freshSession = false

    public init(
        store: Store, intake: MessageIntake, extraction: Wakeup, backfiller: Backfiller, interactions: InteractionService,
        readiness: Readiness = Readiness(), logger: Logger
    ) {
        self.store = store
        self.intake = intake
        self.extraction = extraction
        self.backfiller = backfiller
        self.interactions = interactions
        self.readiness = readiness
        self.logger = logger
    }

    public func handle(_ event: GatewayEvent, shard: Int) async {
        DaemonMetrics.gatewayEvent(event.typeName)
        do {
            switch event {
            case .ready(let ready):
                sessionStarted(shard: shard, resumed: false)
                botUserID = ready.user.id
                freshSession = true
                logger.info("gateway ready", metadata: ["shard": "\(shard)", "guilds": "\(ready.guildIds.count)"])
                // Configured channels are known now; discovered ones come with GUILD_CREATE.
                await backfiller.request(intake.configuredChannels.map { ($0, nil) })
            case .guildCreate(let guild):
                guard freshSession, !guild.isUnavailable else { return }
                await backfiller.request(guild.channels.filter(\.isText).map { ($0.id, guild.id) })
            case .messageCreate(let message), .messageUpdate(let message):
                try await store(message, event: event)
            case .messageDelete(let deletion):
                try await retract([deletion.id])
            case .messageDeleteBulk(let deletion):
                try await retract(deletion.ids)
            case .interactionCreate(let interaction):
                interactions.post(interaction)
            case .resumed:
                sessionStarted(shard: shard, resumed: true)
            case .other:
                break
            }
        } catch {
            // The database refused the write; the gateway will not send it again, but the next
            // backfill will, since the channel's cursor did not move.
            logger.error("could not store a gateway event: \(error)", metadata: ["shard": "\(shard)"])
        }
    }

    private func sessionStarted(shard: Int, resumed: Bool) {
        readiness.shardReady(shard)
        DaemonMetrics.gatewaySession(shard: shard, ready: true)
        if !connectedBefore.insert(shard).inserted { DaemonMetrics.gatewayReconnect(shard: shard, resumed: resumed) }
    }

    public func sessionChanged(_ session: GatewayStateMachine.Session?, shard: Int) async {
        if session == nil {
            readiness.shardDown(shard)
            DaemonMetrics.gatewaySession(shard: shard, ready: false)
        }
        let stored = session.map {
            StoredGatewaySession(shardId: shard, sessionId: $0.id, sequence: $0.sequence, resumeURL: $0.resumeURL, updatedAt: Timestamp.now())
        }
        do {
            try store.saveGatewaySession(stored, shardId: shard)
        } catch {
            logger.error("could not save the gateway session: \(error)", metadata: ["shard": "\(shard)"])
        }
    }

    private func store(_ message: DiscordMessage, event: GatewayEvent) async throws {
        switch intake.decide(message, botUserID: botUserID, source: .gateway) {
        case .store(let incoming):
            let summary = try store.ingest([incoming])
            if summary.inserted + summary.changed > 0 { extraction.ring() }
            logger.debug("stored message", metadata: ["message": "\(message.id)", "new": "\(summary.inserted > 0)"])
        case .ignore(let reason):
            logger.trace("ignored message", metadata: ["message": "\(message.id)", "reason": "\(reason)"])
        }
    }

    private func retract(_ ids: [Snowflake]) async throws {
        let retracted = try store.retract(messageIds: ids.compactMap { Int64(exactly: $0.rawValue) })
        logger.debug("retracted deleted messages", metadata: ["messages": "\(ids.count)", "updates": "\(retracted)"])
    }
}
