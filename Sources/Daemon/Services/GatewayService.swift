import Bot
public import Discord
import Logging
public import ServiceLifecycle
public import Store

/// The gateway as a service: it resumes the sessions saved by the last run and, on graceful
/// shutdown, closes with a resumable code and saves them again (through the handler).
public struct GatewayService: Service, CustomStringConvertible {
    let gateway: DiscordGateway
    let store: Store
    let handler: GatewayIngest

    public init(gateway: DiscordGateway, store: Store, handler: GatewayIngest) {
        self.gateway = gateway
        self.store = store
        self.handler = handler
    }

    public var description: String { "GatewayService" }

    public func run() async throws {
        var sessions: [Int: GatewayStateMachine.Session] = [:]
        for saved in try await store.gateway.sessions() {
            sessions[saved.shardID] = .init(id: saved.sessionID, sequence: saved.sequence, resumeURL: saved.resumeURL)
        }
        let (gateway, handler, saved) = (gateway, handler, sessions)
        // Detached on purpose: swift-websocket closes its connections with 1000 when it sees a
        // graceful shutdown, and Discord ends a session closed with 1000. Outside the group's
        // task-local shutdown signal, the gateway hears only the cancellation below, on which it
        // closes with 4900 and hands over its session, which stays resumable.
        let connection = Task.detached { try await gateway.run(resuming: saved, handler: handler) }
        do {
            try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await connection.value
                } onGracefulShutdown: {
                    connection.cancel()
                }
            } onCancel: {
                connection.cancel()
            }
        } catch is CancellationError {
            // Shut down: the shards have closed resumably and handed over their sessions.
        }
    }
}
