import Foundation
public import Logging
import Support
import Transport

/// What the gateway hands on: events, and the session to save so a restart can resume.
public protocol GatewayEventHandler: Sendable {
    /// Called in order, one event at a time per shard, with the event's sequence number. Keep it
    /// quick: heartbeats of the shard wait behind it.
    func handle(_ event: GatewayEvent, shard: Int, sequence: Int64?) async
    /// The session changed (READY, dropped, or the latest sequence when the shard stops).
    func sessionChanged(_ session: GatewayStateMachine.Session?, shard: Int) async
}

/// Timeouts and limits of gateway connections.
public struct GatewayConnectionSettings: Sendable {
    /// `compress=zlib-stream` transport compression.
    public var compress: Bool
    /// From opening a socket to receiving HELLO; past it the attempt counts as failed.
    public var helloTimeout: Duration
    /// How long to wait for the server's answer to a close.
    public var closeTimeout: Duration
    /// The largest payload accepted (READY and GUILD_CREATE of large guilds run to megabytes).
    public var maxPayloadSize: Int
    public var reconnectBaseDelay: Duration
    public var reconnectMaxDelay: Duration
    /// Between two IDENTIFYs of one `max_concurrency` key, across the process's shards. Discord
    /// requires 5 s (`IdentifyBudget.discordSpacing`); shorter only against a fake (tests).
    public var identifySpacing: Duration

    public init(
        compress: Bool = true, helloTimeout: Duration = .seconds(20), closeTimeout: Duration = .seconds(5),
        maxPayloadSize: Int = 8 << 20, reconnectBaseDelay: Duration = .seconds(1), reconnectMaxDelay: Duration = .seconds(60),
        identifySpacing: Duration = IdentifyBudget.discordSpacing
    ) {
        self.compress = compress
        self.helloTimeout = helloTimeout
        self.closeTimeout = closeTimeout
        self.maxPayloadSize = maxPayloadSize
        self.reconnectBaseDelay = reconnectBaseDelay
        self.reconnectMaxDelay = reconnectMaxDelay
        self.identifySpacing = identifySpacing
    }
}

/// One shard's connection to the gateway: the thin async shell around `GatewayStateMachine`.
///
/// Everything that happens (a frame read, a timer fired, a socket opened or closed) becomes an
/// input on one stream, consumed by one loop that owns the state machine and carries out its
/// actions. Sockets, timers and IDENTIFY pacing run as child tasks that only feed that stream, so
/// no state is shared and nothing needs a lock.
public struct GatewayShard: Sendable {
    public let id: Int
    let machineConfiguration: GatewayStateMachine.Configuration
    let settings: GatewayConnectionSettings
    let identifyGate: IdentifyGate
    let logger: Logger
    /// Heartbeats, reconnect backoff, the HELLO timeout and the send limit run on it.
    let clock: AnyClock

    public init(
        configuration: GatewayStateMachine.Configuration, settings: GatewayConnectionSettings, identifyGate: IdentifyGate,
        logger: Logger, clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        id = configuration.shard.id
        machineConfiguration = configuration
        self.settings = settings
        self.identifyGate = identifyGate
        var logger = logger
        logger[metadataKey: "shard"] = "\(configuration.shard.id)"
        self.logger = logger
    }

    /// Runs until a fatal close code (thrown as `GatewayError`) or cancellation. On the way out
    /// the socket is closed with a resumable code and the latest session handed to `handler`.
    public func run(resuming session: GatewayStateMachine.Session?, handler: some GatewayEventHandler) async throws {
        let (inputs, continuation) = AsyncStream.makeStream(of: ShellInput.self)
        var loop = Loop(
            shard: self,
            machine: GatewayStateMachine(configuration: machineConfiguration, session: session, seed: .random(in: .min ... .max)),
            inputs: continuation
        )
        defer { continuation.finish() }
        try await withThrowingDiscardingTaskGroup { group in
            try await loop.run(inputs, group: &group, handler: handler)
            group.cancelAll()
        }
    }
}

/// Everything that can happen to a shard, as one stream the loop consumes.
enum ShellInput: Sendable {
    case connected(connection: Int, writer: AsyncStream<GatewayConnection.Command>.Continuation)
    case frame(connection: Int, GatewayFrame)
    /// The connection is unusable (corrupt compression, oversized payload): close it and resume.
    case broken(connection: Int, reason: String)
    case closed(connection: Int, code: UInt16?, reason: String?)
    case timer(GatewayShard.Timer, generation: Int)
    /// IDENTIFY was let through by the identify gate.
    case identifyCleared(connection: Int, GatewayFrame)
}

extension GatewayShard {
    enum Timer: Sendable {
        case heartbeat, identify, reconnect, hello
    }

    /// The state of one `run`: the machine, the current connection, and which timers still count.
    struct Loop {
        typealias Group = ThrowingDiscardingTaskGroup<any Error>

        let shard: GatewayShard
        var machine: GatewayStateMachine
        let inputs: AsyncStream<ShellInput>.Continuation
        var connection = 0
        var writer: AsyncStream<GatewayConnection.Command>.Continuation?
        var helloReceived = false
        /// A timer fires only if its generation is still the latest: rescheduling or cancelling
        /// bumps it, so stale sleeps are ignored instead of tracked.
        var generations: [Timer: Int] = [:]

        mutating func run(
            _ stream: AsyncStream<ShellInput>, group: inout Group, handler: some GatewayEventHandler
        ) async throws {
            try await perform(machine.start(), group: &group, handler: handler)
            for await input in stream {
                try await handle(input, group: &group, handler: handler)
            }
            // Cancelled: leave the session resumable for the next start.
            writer?.yield(.close(code: GatewayStateMachine.resumableCloseCode))
            await handler.sessionChanged(machine.session, shard: shard.id)
        }

        private mutating func handle(
            _ input: ShellInput, group: inout Group, handler: some GatewayEventHandler
        ) async throws {
            switch input {
            case .connected(let id, let newWriter):
                guard id == connection else {
                    // An attempt given up on (no HELLO in time) that connected after all.
                    newWriter.yield(.close(code: GatewayStateMachine.resumableCloseCode))
                    return
                }
                writer = newWriter
                try await perform(machine.handle(.socketOpened), group: &group, handler: handler)
            case .frame(let id, let frame):
                guard id == connection else { return }
                if frame.opcode == GatewayOpcode.hello.rawValue { helloReceived = true }
                if GatewayOpcode(rawValue: frame.opcode) == nil {
                    shard.logger.warning("ignoring gateway frame with unknown opcode", metadata: ["frame": "\(frame)"])
                }
                try await perform(machine.handle(.frame(frame)), group: &group, handler: handler)
            case .broken(let id, let reason):
                guard id == connection else { return }
                shard.logger.warning("gateway connection unusable, reconnecting: \(reason)")
                writer?.yield(.close(code: GatewayStateMachine.resumableCloseCode))
            case .closed(let id, let code, let reason):
                guard id == connection else { return }
                writer = nil
                shard.logger.info(
                    "gateway connection closed",
                    metadata: ["code": "\(code.map(String.init) ?? "none")", "reason": "\(reason ?? "")"]
                )
                try await perform(machine.handle(.socketClosed(code: code)), group: &group, handler: handler)
            case .timer(let timer, let generation):
                guard generations[timer] == generation else { return }
                try await fire(timer, group: &group, handler: handler)
            case .identifyCleared(let id, let frame):
                guard id == connection else { return }
                send(frame)
            }
        }

        private mutating func fire(
            _ timer: Timer, group: inout Group, handler: some GatewayEventHandler
        ) async throws {
            switch timer {
            case .heartbeat: try await perform(machine.handle(.heartbeatDue), group: &group, handler: handler)
            case .identify: try await perform(machine.handle(.identifyDue), group: &group, handler: handler)
            case .reconnect: try await perform(machine.handle(.reconnectDue), group: &group, handler: handler)
            case .hello:
                guard !helloReceived else { return }
                shard.logger.warning("no HELLO within \(shard.settings.helloTimeout.shortText): dropping the connection")
                if let writer {
                    writer.yield(.close(code: GatewayStateMachine.resumableCloseCode))
                } else {
                    // Still connecting: give up on this attempt; whatever it yields later is ignored.
                    connection += 1
                    try await perform(machine.handle(.socketClosed(code: nil)), group: &group, handler: handler)
                }
            }
        }

        private mutating func perform(
            _ actions: [GatewayStateMachine.Action], group: inout Group, handler: some GatewayEventHandler
        ) async throws {
            for action in actions {
                switch action {
                case .openSocket(let url):
                    open(url, group: &group)
                case .send(let frame):
                    if frame.opcode == GatewayOpcode.identify.rawValue {
                        waitForIdentifyTurn(frame, group: &group)
                    } else {
                        send(frame)
                    }
                case .scheduleHeartbeat(let delay): schedule(.heartbeat, after: delay, group: &group)
                case .cancelHeartbeat: generations[.heartbeat, default: 0] += 1
                case .scheduleIdentify(let delay): schedule(.identify, after: delay, group: &group)
                case .scheduleReconnect(let delay):
                    shard.logger.info("reconnecting in \(delay.shortText)")
                    schedule(.reconnect, after: delay, group: &group)
                case .closeSocket(let code):
                    writer?.yield(.close(code: code))
                case .deliver(let frame):
                    do {
                        await handler.handle(try GatewayEvent(frame: frame), shard: shard.id, sequence: frame.sequence)
                    } catch {
                        shard.logger.warning("skipping malformed gateway event: \(error)")
                    }
                case .saveSession(let session):
                    await handler.sessionChanged(session, shard: shard.id)
                case .stop(let failure):
                    shard.logger.critical("gateway stopped: \(failure)")
                    throw failure
                }
            }
        }

        private mutating func open(_ url: String, group: inout Group) {
            connection += 1
            writer = nil
            helloReceived = false
            let connection = GatewayConnection(
                id: connection, url: GatewayURL.withQuery(url, compress: shard.settings.compress), settings: shard.settings,
                logger: shard.logger, clock: shard.clock
            )
            let inputs = inputs
            group.addTask { await connection.run(reportingTo: inputs) }
            schedule(.hello, after: shard.settings.helloTimeout, group: &group)
        }

        private func send(_ frame: GatewayFrame) {
            writer?.yield(.send(frame))
        }

        /// IDENTIFY waits for the process-wide identify budget off the loop, so heartbeats go on.
        private func waitForIdentifyTurn(_ frame: GatewayFrame, group: inout Group) {
            let (gate, shardID, connection, inputs) = (shard.identifyGate, shard.id, connection, inputs)
            group.addTask {
                try await gate.waitForTurn(shard: shardID)
                inputs.yield(.identifyCleared(connection: connection, frame))
            }
        }

        private mutating func schedule(_ timer: Timer, after delay: Duration, group: inout Group) {
            let generation = generations[timer, default: 0] + 1
            generations[timer] = generation
            let (inputs, clock) = (inputs, shard.clock)
            group.addTask {
                try await clock.sleep(for: delay)
                inputs.yield(.timer(timer, generation: generation))
            }
        }
    }
}

/// Gateway URLs carry the API version, encoding and compression as query parameters.
enum GatewayURL {
    static func withQuery(_ base: String, compress: Bool) -> String {
        var query = "v=10&encoding=json"
        if compress { query += "&compress=zlib-stream" }
        if base.contains("?") { return base + "&" + query }
        // "wss://gateway.discord.gg" has no path; the query needs one.
        let afterScheme = base.range(of: "://").map { base[$0.upperBound...] } ?? base[...]
        return afterScheme.contains("/") ? base + "?" + query : base + "/?" + query
    }
}
