import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP listener that accepts connections and never answers, nor closes them: a server
/// that hangs. For tests of what a client does when nothing comes back.
public final class SilentServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let accepted: Accepted

    private init(port: Int, channel: any Channel, accepted: Accepted) {
        self.port = port
        self.channel = channel
        self.accepted = accepted
    }

    /// `http://127.0.0.1:PORT` and `path`.
    public func url(_ path: String = "") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Connections accepted so far.
    public var connections: Int { accepted.channels.withLock { $0.count } }

    /// Runs a silent server on a free port for the length of `body`.
    public static func withRunning<T: Sendable>(_ body: (SilentServer) async throws -> T) async throws -> T {
        let accepted = Accepted()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Reads nothing, so the peer's bytes sit in the socket buffer: it is never answered.
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { child in
                accepted.channels.withLock { $0.append(child) }
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = SilentServer(port: channel.localAddress?.port ?? 0, channel: channel, accepted: accepted)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try? await channel.close()
        for child in accepted.channels.withLock({ $0 }) { try? await child.close() }
        return try result.get()
    }

    /// A loopback port with nothing listening on it: connecting is refused at once. Found by
    /// binding a free port and closing it again.
    public static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// The connections accepted, kept open until the server stops.
    private final class Accepted: Sendable {
        let channels = Mutex<[any Channel]>([])
    }
}
