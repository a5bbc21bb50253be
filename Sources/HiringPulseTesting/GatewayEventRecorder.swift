public import Discord

/// A `GatewayEventHandler` that keeps everything it is handed, for tests to inspect.
public actor GatewayEventRecorder: GatewayEventHandler {
    public private(set) var events: [GatewayEvent] = []
    /// Every session change, in order, with its shard.
    public private(set) var sessions: [(shard: Int, session: GatewayStateMachine.Session?)] = []

    public init() {}

    public func handle(_ event: GatewayEvent, shard: Int, sequence: Int64?) async {
        events.append(event)
    }

    public func sessionChanged(_ session: GatewayStateMachine.Session?, shard: Int) async {
        sessions.append((shard, session))
    }

    /// The contents of MESSAGE_CREATE events, in the order received.
    public var messageContents: [String] {
        events.compactMap { if case .messageCreate(let message) = $0 { message.content } else { nil } }
    }

    public var readyCount: Int { events.count { if case .ready = $0 { true } else { false } } }
    public var resumedCount: Int { events.count { if case .resumed = $0 { true } else { false } } }
    public var latestSession: GatewayStateMachine.Session? { sessions.last?.session }
}
