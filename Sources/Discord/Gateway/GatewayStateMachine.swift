import JSON
import Support

/// The gateway protocol with no I/O and no clocks: frames received, timers fired and sockets
/// opened or closed go in, actions come out for a thin async shell to carry out. Everything about
/// heartbeats, identify and resume, close codes and reconnect backoff is decided here, so it can be
/// tested exhaustively and deterministically (randomness comes from a seeded generator).
public struct GatewayStateMachine: Sendable {
    public struct Configuration: Sendable {
        /// The bot token. Only ever sent inside IDENTIFY and RESUME.
        public var token: String
        public var intents: GatewayIntents
        public var shard: (id: Int, count: Int)
        /// From `GET /gateway/bot` (cached), or `discord.gateway_url`.
        public var gatewayURL: String
        public var reconnectBaseDelay: Duration
        public var reconnectMaxDelay: Duration

        public init(
            token: String, intents: GatewayIntents = .default, shard: (id: Int, count: Int) = (0, 1), gatewayURL: String,
            reconnectBaseDelay: Duration = .seconds(1), reconnectMaxDelay: Duration = .seconds(60)
        ) {
            self.token = token
            self.intents = intents
            self.shard = shard
            self.gatewayURL = gatewayURL
            self.reconnectBaseDelay = reconnectBaseDelay
            self.reconnectMaxDelay = reconnectMaxDelay
        }
    }

    /// What a restart needs to resume instead of identifying again.
    public struct Session: Codable, Sendable, Hashable {
        public var id: String
        public var sequence: Int64?
        public var resumeURL: String

        public init(id: String, sequence: Int64?, resumeURL: String) {
            self.id = id
            self.sequence = sequence
            self.resumeURL = resumeURL
        }
    }

    public enum Input: Sendable, Hashable {
        case socketOpened
        case frame(GatewayFrame)
        case heartbeatDue
        case identifyDue
        case reconnectDue
        /// The socket closed, by either side; `code` is the close code if one was received.
        case socketClosed(code: UInt16?)
    }

    public enum Action: Sendable, Hashable {
        case openSocket(url: String)
        case send(GatewayFrame)
        /// Fire `heartbeatDue` after this long, replacing any heartbeat timer.
        case scheduleHeartbeat(after: Duration)
        case cancelHeartbeat
        /// Fire `identifyDue` after this long.
        case scheduleIdentify(after: Duration)
        /// Fire `reconnectDue` after this long.
        case scheduleReconnect(after: Duration)
        case closeSocket(code: UInt16)
        /// An event (op 0) for the consumer, de-duplicated.
        case deliver(GatewayFrame)
        /// The session changed in a way worth saving (READY, or dropped: nil).
        case saveSession(Session?)
        /// The client must stop: reconnecting cannot help.
        case stop(GatewayError)
    }

    /// The close code this client uses for closes it starts (zombie, op 7, op 9). Not 1000 or 1001,
    /// which would end the session server-side and prevent resuming.
    public static let resumableCloseCode: UInt16 = 4900

    private enum State: Sendable, Hashable {
        case idle
        case connecting(resuming: Bool)
        case awaitingHello(resuming: Bool)
        case handshaking(resuming: Bool)
        case ready
        /// The client closed the socket and, once it is closed, reconnects.
        case closing(resume: Bool)
        case waitingToReconnect(resume: Bool)
        case stopped
    }

    public let configuration: Configuration
    public private(set) var session: Session?
    private var state = State.idle
    private var heartbeatInterval: Duration?
    private var awaitingAck = false
    private var reconnectAttempts = 0
    private var random: SplitMix64
    private var recentEvents = RecentEventKeys(capacity: 4096)

    public init(configuration: Configuration, session: Session? = nil, seed: UInt64) {
        self.configuration = configuration
        self.session = session
        self.random = SplitMix64(seed: seed)
    }

    public var isStopped: Bool { state == .stopped }
    /// Whether READY or RESUMED was received on the current connection.
    public var isReady: Bool { state == .ready }

    /// Opens the first connection: resuming when a saved session was handed in.
    public mutating func start() -> [Action] {
        guard state == .idle else { return [] }
        return connect(resuming: session != nil)
    }

    public mutating func handle(_ input: Input) -> [Action] {
        guard state != .stopped else { return [] }
        switch input {
        case .socketOpened:
            if case .connecting(let resuming) = state { state = .awaitingHello(resuming: resuming) }
            return []
        case .frame(let frame):
            return receive(frame)
        case .heartbeatDue:
            return heartbeatDue()
        case .identifyDue:
            guard case .handshaking(resuming: false) = state else { return [] }
            return [.send(identify)]
        case .reconnectDue:
            guard case .waitingToReconnect(let resume) = state else { return [] }
            return connect(resuming: resume && session != nil)
        case .socketClosed(let code):
            return socketClosed(code: code)
        }
    }

    // MARK: - Receiving

    private mutating func receive(_ frame: GatewayFrame) -> [Action] {
        switch GatewayOpcode(rawValue: frame.opcode) {
        case .hello:
            guard case .awaitingHello(let resuming) = state else { return [] }
            guard let milliseconds = frame.data["heartbeat_interval"]?.numericValue, milliseconds > 0 else {
                return closeAndReconnect(resume: resuming)
            }
            let interval = Duration.milliseconds(Int64(milliseconds))
            heartbeatInterval = interval
            awaitingAck = false
            state = .handshaking(resuming: resuming)
            // The first heartbeat is jittered so that many clients reconnecting at once do not beat
            // in step.
            let first = interval * random.fraction()
            return [.scheduleHeartbeat(after: first), .send(resuming ? resume : identify)]
        case .heartbeat:
            guard isConnected else { return [] }
            awaitingAck = true
            return [.send(heartbeat)]
        case .heartbeatAck:
            awaitingAck = false
            return []
        case .dispatch:
            return dispatch(frame)
        case .reconnect:
            guard isConnected else { return [] }
            return closeAndReconnect(resume: true)
        case .invalidSession:
            guard isConnected else { return [] }
            if frame.data == .bool(true) { return closeAndReconnect(resume: true) }
            // Not resumable: a fresh IDENTIFY on this connection after 1–5 s, as Discord asks.
            session = nil
            state = .handshaking(resuming: false)
            let wait = Duration.seconds(1) + .seconds(4) * random.fraction()
            return [.saveSession(nil), .scheduleIdentify(after: wait)]
        default:
            // Opcodes a client only sends, and unknown ones: nothing to do.
            return []
        }
    }

    private mutating func dispatch(_ frame: GatewayFrame) -> [Action] {
        guard isConnected else { return [] }
        if let sequence = frame.sequence, var current = session {
            current.sequence = max(current.sequence ?? 0, sequence)
            session = current
        }
        switch frame.type {
        case "READY":
            guard let id = frame.data["session_id"]?.stringValue,
                let resumeURL = frame.data["resume_gateway_url"]?.stringValue
            else {
                return [.deliver(frame)]
            }
            session = Session(id: id, sequence: frame.sequence, resumeURL: resumeURL)
            recentEvents.removeAll()
            state = .ready
            reconnectAttempts = 0
            return [.saveSession(session), .deliver(frame)]
        case "RESUMED":
            state = .ready
            reconnectAttempts = 0
            return [.deliver(frame)]
        default:
            // Events replayed after RESUME can repeat ones already handed on.
            if let key = RecentEventKeys.key(of: frame), !recentEvents.insert(key) { return [] }
            return [.deliver(frame)]
        }
    }

    // MARK: - Heartbeats

    private mutating func heartbeatDue() -> [Action] {
        guard isConnected, let interval = heartbeatInterval else { return [] }
        if awaitingAck {
            // No ACK since the last heartbeat: a zombie connection. Drop it and resume.
            return closeAndReconnect(resume: true)
        }
        awaitingAck = true
        return [.send(heartbeat), .scheduleHeartbeat(after: interval)]
    }

    // MARK: - Closing and reconnecting

    private mutating func closeAndReconnect(resume: Bool) -> [Action] {
        state = .closing(resume: resume)
        return [.cancelHeartbeat, .closeSocket(code: Self.resumableCloseCode)]
    }

    private mutating func socketClosed(code: UInt16?) -> [Action] {
        var resume: Bool
        switch state {
        case .idle, .waitingToReconnect, .stopped:
            return []
        case .closing(let planned):
            // A close this client started: the code is its own, and the plan stands.
            resume = planned
        default:
            let known = code.flatMap(GatewayCloseCode.init(rawValue:))
            switch known?.recovery {
            case .fatal?:
                state = .stopped
                return [.cancelHeartbeat, .stop(GatewayError(closeCode: known!))]
            case .reidentify?:
                resume = false
            case .resume?, nil:
                resume = true
            }
        }
        var actions: [Action] = [.cancelHeartbeat]
        if !resume || session == nil {
            if session != nil { actions.append(.saveSession(nil)) }
            session = nil
            resume = false
        }
        state = .waitingToReconnect(resume: resume)
        actions.append(.scheduleReconnect(after: reconnectDelay()))
        reconnectAttempts += 1
        return actions
    }

    /// Exponential, with jitter, capped: about 1 s, 2 s, 4 s … up to the maximum.
    private mutating func reconnectDelay() -> Duration {
        let base = configuration.reconnectBaseDelay
        let cap = configuration.reconnectMaxDelay
        var delay = base
        for _ in 0..<min(reconnectAttempts, 30) where delay < cap { delay = delay * 2 }
        if delay > cap { delay = cap }
        return delay * (0.5 + 0.5 * random.fraction())
    }

    private mutating func connect(resuming: Bool) -> [Action] {
        state = .connecting(resuming: resuming)
        heartbeatInterval = nil
        awaitingAck = false
        let url = resuming ? (session?.resumeURL ?? configuration.gatewayURL) : configuration.gatewayURL
        return [.openSocket(url: url)]
    }

    private var isConnected: Bool {
        switch state {
        case .handshaking, .ready: true
        default: false
        }
    }

    // MARK: - Payloads

    private var heartbeat: GatewayFrame {
        GatewayFrame(.heartbeat, data: session?.sequence.map(JSONValue.integer) ?? .null)
    }

    private var identify: GatewayFrame {
        GatewayFrame(
            .identify,
            data: .object([
                ("token", .string(configuration.token)),
                ("intents", .integer(Int64(configuration.intents.rawValue))),
                (
                    "properties",
                    .object([("os", .string("linux")), ("browser", .string("hiringpulse")), ("device", .string("hiringpulse"))])
                ),
                ("shard", .array([.integer(Int64(configuration.shard.id)), .integer(Int64(configuration.shard.count))])),
            ]))
    }

    private var resume: GatewayFrame {
        GatewayFrame(
            .resume,
            data: .object([
                ("token", .string(configuration.token)),
                ("session_id", JSONValue(session?.id)),
                ("seq", session?.sequence.map(JSONValue.integer) ?? .null),
            ]))
    }
}

extension GatewayStateMachine.Configuration: CustomStringConvertible {
    public var description: String {
        "GatewayStateMachine.Configuration(token: <redacted>, intents: \(intents.rawValue), shard: [\(shard.id), \(shard.count)], gatewayURL: \(gatewayURL))"
    }
}

/// Why the gateway client stopped for good, with what to do about it.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    public var closeCode: GatewayCloseCode?
    public var description: String

    public init(closeCode: GatewayCloseCode) {
        self.closeCode = closeCode
        description = closeCode.advice
    }

    public init(_ description: String) {
        closeCode = nil
        self.description = description
    }
}
