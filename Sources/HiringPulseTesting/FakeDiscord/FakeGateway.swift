public import Discord
public import JSON

/// The gateway half of the fake Discord: sessions with their event logs, the live connections,
/// and what tests script (withheld ACKs, closes, op 7 and op 9, replay overlap). Each connection
/// writes what this actor queues for it, in order.
public actor FakeGateway {
    public struct Options: Sendable {
        public var token: String
        public var heartbeatInterval: Duration
        /// When false, HELLO is never sent (a connect timeout).
        public var sendsHello: Bool

        public init(token: String = FakeDiscord.defaultToken, heartbeatInterval: Duration = .milliseconds(41_250), sendsHello: Bool = true)
        {
            self.token = token
            self.heartbeatInterval = heartbeatInterval
            self.sendsHello = sendsHello
        }
    }

    /// What the fake writes to one connection.
    enum Outgoing: Sendable {
        case frame(GatewayFrame)
        /// Sent as is: garbage, truncated JSON, oversized payloads.
        case rawText(String)
        case close(code: UInt16)
        /// The TCP connection is cut without a close frame; the session stays resumable.
        case drop
    }

    /// A frame a client sent, with the connection it came on.
    public struct Received: Sendable {
        public var connection: Int
        public var frame: GatewayFrame
    }

    struct Connection {
        let id: Int
        let outgoing: AsyncStream<Outgoing>.Continuation
        var sessionID: String?
    }

    struct Session {
        let id: String
        let shard: [Int]
        var events: [GatewayFrame] = []
        var sequence: Int64 = 0
        var connection: Int?
    }

    /// Events kept per session for RESUME to replay.
    static let replayBufferSize = 20_000

    public var options: Options
    private let address: AddressBox
    private var resumeURL: String { "ws://127.0.0.1:\(address.port)/resume" }
    /// The path each connection was opened on, in order: "/gateway" or "/resume".
    public private(set) var connectionPaths: [String] = []
    private var connections: [Int: Connection] = [:]
    private var nextConnection = 0
    private var sessions: [String: Session] = [:]
    private var sessionOrder: [String] = []
    public private(set) var received: [Received] = []
    public private(set) var connectionCount = 0
    /// Heartbeats are not acknowledged while set: the client should call the connection a zombie.
    public var withholdsAcks = false
    /// Already-delivered events replayed on RESUME as well, to check the client drops duplicates.
    public var replayOverlap = 0
    /// Compressed payloads are sent in two WebSocket messages, to check the client buffers.
    public var splitsCompressedPayloads = false
    /// Closes the connection with this code on the next IDENTIFY (4004, 4010–4014, …).
    public var closeCodeOnIdentify: UInt16?

    private let interactions: FakeInteractions

    init(options: Options, address: AddressBox, interactions: FakeInteractions) {
        self.options = options
        self.address = address
        self.interactions = interactions
    }

    // MARK: - Scripting, for tests

    public func setWithholdsAcks(_ value: Bool) { withholdsAcks = value }
    public func setReplayOverlap(_ value: Int) { replayOverlap = value }
    public func setSplitsCompressedPayloads(_ value: Bool) { splitsCompressedPayloads = value }
    public func setCloseCodeOnIdentify(_ code: UInt16?) { closeCodeOnIdentify = code }
    public func setSendsHello(_ value: Bool) { options.sendsHello = value }
    public func setHeartbeatInterval(_ value: Duration) { options.heartbeatInterval = value }

    /// Dispatches an event on the newest session (of `shard` when given): numbered, logged for
    /// replay, and sent at once if a connection is attached. Returns its sequence number.
    @discardableResult
    public func dispatch(_ type: String, _ data: JSONValue, shard: Int? = nil) -> Int64? {
        guard let id = sessionOrder.last(where: { shard == nil || sessions[$0]?.shard.first == shard }) else { return nil }
        return dispatch(type, data, session: id)
    }

    /// Dispatches `count` MESSAGE_CREATE events as fast as the connection takes them, built by
    /// splicing ids into pre-serialized text and not kept for replay: the load for benchmarks and
    /// load tests. Ids run up from `firstID`, written by `authors` members in turn.
    public func dispatchMessageBurst(
        count: Int, channelID: Snowflake, content: String, guildID: Snowflake? = nil, firstID: UInt64? = nil, authors: Int = 1
    ) {
        guard let id = sessionOrder.last, var session = sessions[id], let connection = session.connection.flatMap({ connections[$0] })
        else { return }
        let authorJSON = (0..<max(1, authors)).map {
            FakeDiscordPayloads.user(id: Snowflake(rawValue: 1_200_000_000_000_000_000 + UInt64($0)), name: "member\($0)").serialized
        }
        let guild = guildID.map { ",\"guild_id\":\"\($0)\"" } ?? ""
        let body =
            ",\"type\":0,\"channel_id\":\"\(channelID)\"\(guild),\"content\":\(JSONValue.string(content).serialized),\"attachments\":[],\"embeds\":[],\"mentions\":[],\"pinned\":false,\"tts\":false,\"timestamp\":\"2026-11-23T10:00:00.000+00:00\",\"edited_timestamp\":null,\"flags\":0}"
        let first = firstID ?? Snowflake(unixMilliseconds: 1_795_000_000_000).rawValue
        for index in 0..<count {
            session.sequence += 1
            connection.outgoing.yield(
                .rawText(
                    "{\"op\":0,\"s\":\(session.sequence),\"t\":\"MESSAGE_CREATE\",\"d\":{\"id\":\"\(first + UInt64(index))\",\"author\":\(authorJSON[index % authorJSON.count])"
                        + body + "}"
                ))
        }
        sessions[id] = session
    }

    /// Writes raw text to every live connection: garbage, truncated JSON, oversized payloads.
    public func sendRaw(_ text: String) {
        for connection in connections.values { connection.outgoing.yield(.rawText(text)) }
    }

    /// Sends a frame (any opcode) to every live connection.
    public func send(_ frame: GatewayFrame) {
        for connection in connections.values { connection.outgoing.yield(.frame(frame)) }
    }

    /// Closes every live connection with `code`; 4007 and 4009 also end their sessions.
    public func closeConnections(code: UInt16) {
        for connection in connections.values {
            if code == 4007 || code == 4009, let session = connection.sessionID { sessions[session] = nil }
            connection.outgoing.yield(.close(code: code))
        }
    }

    /// Cuts every live connection without a close frame, as a network failure does.
    public func dropConnections() {
        for connection in connections.values { connection.outgoing.yield(.drop) }
    }

    public func requestReconnect() { send(GatewayFrame(.reconnect)) }

    public func invalidateSession(resumable: Bool) {
        if !resumable {
            for (id, connection) in connections {
                if let session = connection.sessionID { sessions[session] = nil }
                connections[id]?.sessionID = nil
            }
        }
        send(GatewayFrame(.invalidSession, data: .bool(resumable)))
    }

    public var liveConnections: Int { connections.count }
    public var identifies: [GatewayFrame] { received.filter { $0.frame.opcode == GatewayOpcode.identify.rawValue }.map(\.frame) }
    public var resumes: [GatewayFrame] { received.filter { $0.frame.opcode == GatewayOpcode.resume.rawValue }.map(\.frame) }
    public var heartbeats: Int { received.count { $0.frame.opcode == GatewayOpcode.heartbeat.rawValue } }
    public var sessionIDs: [String] { sessionOrder }

    // MARK: - Connections

    /// Registers a connection and queues HELLO; `splits` is whether its compressed payloads go in
    /// two messages (fixed when it opens).
    func open(path: String) -> (id: Int, outgoing: AsyncStream<Outgoing>, splits: Bool) {
        nextConnection += 1
        connectionPaths.append(path)
        connectionCount += 1
        let (stream, continuation) = AsyncStream.makeStream(of: Outgoing.self)
        connections[nextConnection] = Connection(id: nextConnection, outgoing: continuation)
        if options.sendsHello {
            let interval = Int64(options.heartbeatInterval / .milliseconds(1))
            continuation.yield(.frame(GatewayFrame(.hello, data: .object([("heartbeat_interval", .integer(interval))]))))
        }
        return (nextConnection, stream, splitsCompressedPayloads)
    }

    func closed(_ connection: Int) {
        guard let closed = connections.removeValue(forKey: connection) else { return }
        closed.outgoing.finish()
        if let id = closed.sessionID, sessions[id]?.connection == connection { sessions[id]?.connection = nil }
    }

    func receive(_ frame: GatewayFrame, on connection: Int) {
        guard let link = connections[connection] else { return }
        received.append(Received(connection: connection, frame: frame))
        switch GatewayOpcode(rawValue: frame.opcode) {
        case .heartbeat:
            if !withholdsAcks { link.outgoing.yield(.frame(GatewayFrame(.heartbeatAck))) }
        case .identify:
            identify(frame, on: link)
        case .resume:
            resume(frame, on: link)
        case .presenceUpdate, .voiceStateUpdate, .requestGuildMembers, .requestSoundboardSounds:
            break
        default:
            // Discord: 4001 Unknown opcode; 4002 for what it cannot decode.
            link.outgoing.yield(.close(code: 4001))
        }
    }

    private func identify(_ frame: GatewayFrame, on link: Connection) {
        guard link.sessionID == nil else {
            link.outgoing.yield(.close(code: 4005))
            return
        }
        guard frame.data["token"]?.stringValue == options.token else {
            link.outgoing.yield(.close(code: 4004))
            return
        }
        if let code = closeCodeOnIdentify {
            link.outgoing.yield(.close(code: code))
            return
        }
        var shard = [0, 1]
        if case .array(let values)? = frame.data["shard"] {
            shard = values.compactMap { $0.numericValue.map { Int($0) } }
        }
        let id = "fake-session-\(sessionOrder.count + 1)"
        sessions[id] = Session(id: id, shard: shard, connection: link.id)
        sessionOrder.append(id)
        connections[link.id]?.sessionID = id
        let ready = JSONValue.object([
            ("v", .integer(10)), ("user", FakeDiscordPayloads.botUser), ("guilds", .array([])), ("session_id", .string(id)),
            ("resume_gateway_url", .string(resumeURL)), ("shard", .array(shard.map { .integer(Int64($0)) })),
            ("application", .object([("id", .string("\(FakeDiscordPayloads.applicationID)")), ("flags", .integer(0))])),
        ])
        dispatch("READY", ready, session: id)
    }

    private func resume(_ frame: GatewayFrame, on link: Connection) {
        guard frame.data["token"]?.stringValue == options.token else {
            link.outgoing.yield(.close(code: 4004))
            return
        }
        guard let id = frame.data["session_id"]?.stringValue, var session = sessions[id] else {
            link.outgoing.yield(.frame(GatewayFrame(.invalidSession, data: .bool(false))))
            return
        }
        var seen: Int64 = 0
        if case .integer(let value)? = frame.data["seq"] { seen = value }
        session.connection = link.id
        sessions[id] = session
        connections[link.id]?.sessionID = id
        let from = max(0, seen - Int64(replayOverlap))
        // Like Discord, a session whose missed events have left the buffer cannot be resumed.
        if let oldest = session.events.first?.sequence, oldest > from + 1, session.sequence > seen {
            link.outgoing.yield(.frame(GatewayFrame(.invalidSession, data: .bool(false))))
            return
        }
        for event in session.events where (event.sequence ?? 0) > from && event.type != "READY" && event.type != "RESUMED" {
            link.outgoing.yield(.frame(event))
        }
        dispatch("RESUMED", .object([]), session: id)
    }

    @discardableResult
    private func dispatch(_ type: String, _ data: JSONValue, session id: String) -> Int64? {
        guard var session = sessions[id] else { return nil }
        session.sequence += 1
        let frame = GatewayFrame(opcode: GatewayOpcode.dispatch.rawValue, data: data, sequence: session.sequence, type: type)
        session.events.append(frame)
        if session.events.count > Self.replayBufferSize { session.events.removeFirst(session.events.count - Self.replayBufferSize / 2) }
        sessions[id] = session
        // The answer's 3 seconds run from now, whether or not a connection takes the event.
        if type == "INTERACTION_CREATE" { interactions.delivered(data) }
        if let connection = session.connection { connections[connection]?.outgoing.yield(.frame(frame)) }
        return session.sequence
    }
}
