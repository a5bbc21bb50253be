public import Bot
import Hummingbird
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle
public import Store
import Synchronization

/// The operations endpoint on `http.bind`: `/healthz` (the process is up), `/readyz` (every
/// gateway shard has a session and the database takes writes) and `/metrics` (Prometheus text).
public struct OperationsServer: Service {
    let address: HTTPAddress
    let readiness: Readiness
    let store: Store
    let registry: PrometheusCollectorRegistry?
    let logger: Logger

    public init(address: HTTPAddress, readiness: Readiness, store: Store, registry: PrometheusCollectorRegistry?, logger: Logger) {
        self.address = address
        self.readiness = readiness
        self.store = store
        self.registry = registry
        self.logger = logger
    }

    public func run() async throws {
        let router = Router()
        router.get("healthz") { _, _ in Self.text(.ok, "ok") }
        router.get("readyz") { [readiness, store] _, _ in
            if let shards = readiness.shardsNotReady {
                return Self.text(
                    .serviceUnavailable, "not ready: gateway shard \(shards.map(String.init).joined(separator: ", ")) has no session")
            }
            do {
                try await store.checkWritable()
            } catch {
                return Self.text(.serviceUnavailable, "not ready: \(error)")
            }
            return Self.text(.ok, "ready")
        }
        router.get("metrics") { [registry, store, logger] _, _ in
            guard let registry else { return Self.text(.notFound, "metrics are not collected in this process") }
            do {
                try await DaemonMetrics.refresh(from: store)
            } catch {
                logger.warning("metrics: could not read the store's figures: \(error)")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        let logger = logger
        let listening = Mutex(false)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                listening.withLock { $0 = true }
                // With port 0 this is where the chosen port is learnt.
                logger.info("operations endpoint listening", metadata: ["port": "\(channel.localAddress?.port ?? -1)"])
            },
            logger: logger)
        do {
            try await app.run()
        } catch  where !listening.withLock({ $0 }) {
            // A busy port must not keep the bot off Discord: it runs on, without the endpoint.
            logger.error("operations endpoint off: cannot listen on \(address): \(error)")
            try await gracefulShutdown()
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body + "\n")))
    }
}
