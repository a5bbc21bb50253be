import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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
        return try await closingAfter({ try await body(server) }, listener: channel, accepted: { accepted.channels.withLock { $0 } })
    }

    /// A loopback port that refuses connections: a socket bound to it that never listens. The
    /// socket stays open for the rest of the process, so no other test's server can be given the
    /// same port meanwhile (a port merely freed was, in a full run, and answered).
    public static func closedPort() async throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClosedPortError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw ClosedPortError("bind() failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            close(descriptor)
            throw ClosedPortError("getsockname() failed: errno \(errno)")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct ClosedPortError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The connections accepted, kept open until the server stops.
    private final class Accepted: Sendable {
        let channels = Mutex<[any Channel]>([])
    }
}
