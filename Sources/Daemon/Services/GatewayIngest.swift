import Bot
public import Discord
public import Logging
public import Store

/// Routes gateway events: new and edited messages and deletions go to the group-commit writer
/// (which wakes the extraction worker), interactions go to the responder, sessions are saved for
/// the next start with the writes they cover. Every write is idempotent on the message id, so a
/// replayed or duplicated event changes nothing.
///
/// Each message is written with the session it came in: a channel's completeness watermark moves
/// over it only if that session is the one a backfill continued the channel with. A session that
/// starts fresh (READY) has missed whatever was said while there was none, so every watched channel
/// is backfilled from its watermark, and its guilds' channels as they arrive.
public actor GatewayIngest: GatewayEventHandler {
    let intake: MessageIntake
    let writer: GatewayWriter
    let backfiller: Backfiller
    let interactions: InteractionService
    let readiness: Readiness
    let logger: Logger
    private var botUserID: Snowflake?
    /// Shards that have had a session: a later READY or RESUMED on them is a reconnection.
    private var connectedBefore: Set<Int> = []
    /// The session of each shard, as last started or resumed: the one its messages come in.
    private var sessions: [Int: String]
    private var authorHashes = AuthorHashCache()
    /// The channel of each thread seen (in GUILD_CREATE or THREAD_CREATE): a thread's messages are
    /// kept when its channel is watched, and its messages do not say which that is.
    private var threadParents: [Snowflake: Snowflake] = [:]

    public init(
        intake: MessageIntake, writer: GatewayWriter, backfiller: Backfiller, interactions: InteractionService,
        savedSessions: [StoredGatewaySession] = [], readiness: Readiness = Readiness(), logger: Logger
    ) {
        self.intake = intake
        self.writer = writer
        self.backfiller = backfiller
        self.interactions = interactions
        self.readiness = readiness
        self.logger = logger
        sessions = Dictionary(savedSessions.map { ($0.shardID, $0.sessionID) }, uniquingKeysWith: { _, last in last })
    }

    public func handle(_ event: GatewayEvent, shard: Int, sequence: Int64?) async {
        DaemonMetrics.gatewayEvent(event.typeName)
        switch event {
        case .ready(let ready):
            sessionStarted(shard: shard, resumed: false)
            botUserID = ready.user.id
            sessions[shard] = ready.sessionID
            logger.info("gateway ready", metadata: ["shard": "\(shard)", "guilds": "\(ready.guildIDs.count)"])
            // A new session: configured channels are caught up now, discovered ones with GUILD_CREATE.
            await backfiller.request(intake.configuredChannels.map { ($0, nil) }, session: ready.sessionID)
            await writer.handled(shard: shard, sequence: sequence)
        case .guildCreate(let guild):
            if !guild.isUnavailable {
                for thread in guild.threads { learnParent(of: thread) }
                let channels = (guild.channels + guild.threads).filter(\.carriesMessages).map { ($0.id, Optional(guild.id)) }
                logger.debug("guild available", metadata: ["guild": "\(guild.id)", "channels": "\(channels.count)"])
                await backfiller.request(channels, session: sessions[shard], parents: threadParents)
            }
            await writer.handled(shard: shard, sequence: sequence)
        case .messageCreate(let message), .messageUpdate(let message):
            let hasher = intake.hasher
            let parent = threadParents[message.channelID]
            switch intake.decide(
                message, botUserID: botUserID, source: .gateway, parent: parent, authorHash: { authorHashes.hash($0, with: hasher) })
            {
            case .store(let incoming):
                await writer.submit(.store(incoming, session: sessions[shard]), shard: shard, sequence: sequence)
            case .ignore(let reason):
                logger.trace("ignored message", metadata: ["message": "\(message.id)", "reason": "\(reason)"])
                await writer.handled(shard: shard, sequence: sequence)
            }
        case .messageDelete(let deletion):
            await retract([deletion.id], shard: shard, sequence: sequence)
        case .messageDeleteBulk(let deletion):
            await retract(deletion.ids, shard: shard, sequence: sequence)
        case .interactionCreate(let interaction):
            interactions.post(interaction)
            await writer.handled(shard: shard, sequence: sequence)
        case .resumed:
            sessionStarted(shard: shard, resumed: true)
            await writer.handled(shard: shard, sequence: sequence)
        case .other(let type, let data):
            if type == "THREAD_CREATE" || type == "THREAD_UPDATE", let thread = try? DiscordChannel(json: data) { learnParent(of: thread) }
            await writer.handled(shard: shard, sequence: sequence)
        }
    }

    private func learnParent(of thread: DiscordChannel) {
        if thread.isThread, let parent = thread.parentID { threadParents[thread.id] = parent }
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
        sessions[shard] = session?.id
        let stored = session.map {
            StoredGatewaySession(
                shardID: shard, sessionID: $0.id, sequence: $0.sequence, resumeURL: $0.resumeURL, updatedAt: Timestamp.now())
        }
        await writer.sessionChanged(stored, shard: shard)
    }

    private func retract(_ ids: [Snowflake], shard: Int, sequence: Int64?) async {
        let messageIDs = ids.compactMap { Int64(exactly: $0.rawValue) }
        await writer.submit(.retract(messageIDs), shard: shard, sequence: sequence)
    }
}
