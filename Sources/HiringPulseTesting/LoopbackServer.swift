import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a fake's server on a free port of 127.0.0.1 for the length of `body`, which gets the port
/// and a connection pool to reach it with. The pool is closed before the server stops: a pool that
/// outlives the server (such as `HTTPClient.shared`) can hold a connection it opened but never
/// used, which the server cannot close (see `FakeDiscord.httpClient`).
///
/// Stopping is a graceful shutdown: the server stops accepting, closes idle keep-alive connections
/// and lets requests in flight finish; what outstays that is cancelled. A connection that ignores
/// cancellation too crashes the run (ServiceLifecycle's "Cancellation took longer than allowed")
/// instead of hanging it.
func withLoopbackServer<T: Sendable>(
    name: String, logger: Logger,
    makeServer: (_ onServerRunning: @escaping @Sendable (any Channel) async -> Void) throws -> any Service,
    _ body: (_ port: Int, _ httpClient: HTTPClient) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let server = try makeServer { channel in
        portContinuation.yield(channel.localAddress?.port ?? 0)
        portContinuation.finish()
    }
    var configuration = ServiceGroupConfiguration(services: [.init(service: server)], logger: logger)
    configuration.maximumGracefulShutdownDuration = .seconds(2)
    configuration.maximumCancellationDuration = .seconds(30)
    let services = ServiceGroup(configuration: configuration)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await services.triggerGracefulShutdown()
            throw FakeDiscordError("the \(name) did not start")
        }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port, httpClient))
        } catch {
            result = .failure(error)
        }
        try? await httpClient.shutdown()
        await services.triggerGracefulShutdown()
        // The body's own error says more than a shutdown that followed it.
        if case .failure = result { try? await group.waitForAll() } else { try await group.waitForAll() }
        return try result.get()
    }
}

/// `withLoopbackServer` for a fake that is a plain router: Hummingbird's `Application` on a free
/// port, with `serverName` in each answer's `Server`.
func withLoopbackRouter<T: Sendable>(
    name: String, serverName: String, router: Router<BasicRequestContext>, logger: Logger,
    _ body: (_ port: Int, _ httpClient: HTTPClient) async throws -> T
) async throws -> T {
    try await withLoopbackServer(
        name: name, logger: logger,
        makeServer: { onServerRunning in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
                onServerRunning: onServerRunning, logger: logger)
        }, body)
}
