import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// A fake SMTP submission server on 127.0.0.1, for testing a mail client over real sockets: STARTTLS
/// (port 587 style), implicit TLS (port 465 style) or a server that never offers TLS; AUTH PLAIN and
/// LOGIN against one username and password; MAIL, RCPT, DATA (un-dot-stuffed), RSET, NOOP, QUIT.
/// It records the messages it accepts, each AUTH attempt, and every command line with credentials
/// redacted, and answers scripted failures (a greeting, a recipient or the end of DATA refused).
/// Its TLS certificate is `certificatePEM`, for the client to trust. The protocol itself is
/// `FakeSMTPSession`, one per connection.
public final class FakeSMTP: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Greeting in clear; EHLO offers STARTTLS, and AUTH only once TLS is up (AUTH before it answers 530).
        case startTLS
        /// TLS from the first byte; EHLO offers AUTH and no STARTTLS.
        case implicitTLS
        /// Never offers TLS, and offers AUTH in clear: a client that requires TLS must refuse to go on.
        case plaintext
    }

    public struct Credentials: Sendable, Equatable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        /// What `withRunning` expects by default.
        public static let fake = Credentials(username: "alerts@example.com", password: "fake-smtp-password")
    }

    /// One SMTP reply: a code and its lines (several lines are sent as `250-…` then `250 …`).
    public struct Reply: Sendable, Equatable {
        public var code: Int
        public var lines: [String]

        public init(_ code: Int, _ lines: [String]) {
            self.code = code
            self.lines = lines.isEmpty ? [""] : lines
        }

        public init(_ code: Int, _ text: String) {
            self.init(code, [text])
        }

        /// The reply as sent, CRLF after each line.
        public var wire: String {
            lines.enumerated().map { index, line in "\(code)\(index == lines.count - 1 ? " " : "-")\(line)\r\n" }.joined()
        }
    }

    /// How many times a scripted reply is given before the fake answers normally again.
    public enum Times: Sendable, Equatable {
        case once
        case count(Int)
        case always
    }

    /// A reply the fake gives instead of its usual one. Scripts are shared by all connections; the
    /// first one that matches is used. A 421 reply closes the connection after it, as a real server does.
    public enum ScriptedReply: Sendable, Equatable {
        /// The greeting of the next connections; anything but 220 closes the connection after it.
        case greeting(code: Int, text: String, times: Times = .once)
        /// `RCPT TO:<address>` (case-insensitive): 421 4.7.0 for a server that wants a retry, 550 5.1.1 for no such user.
        case rcpt(address: String, code: Int, text: String, times: Times = .once)
        /// The end of DATA: 451 or 554 refuse the message, which is then not among `deliveries()`.
        case data(code: Int, text: String, times: Times = .once)

        /// The reply, and what is left of this script once it was given (nil when used up).
        func used() -> (FakeSMTP.Reply, ScriptedReply?) {
            switch self {
            case .greeting(let code, let text, let times):
                (.init(code, text), times.decremented.map { .greeting(code: code, text: text, times: $0) })
            case .rcpt(let address, let code, let text, let times):
                (.init(code, text), times.decremented.map { .rcpt(address: address, code: code, text: text, times: $0) })
            case .data(let code, let text, let times):
                (.init(code, text), times.decremented.map { .data(code: code, text: text, times: $0) })
            }
        }
    }

    /// A message the fake accepted.
    public struct Delivery: Sendable, Equatable {
        /// MAIL FROM's address, without angle brackets.
        public var mailFrom: String
        /// The accepted RCPT TO addresses, without angle brackets.
        public var recipients: [String]
        /// The message as the client meant it: dot-stuffing undone, line ends as sent (CRLF), the
        /// final `.` line not included.
        public var data: [UInt8]
        /// The username that authenticated on this connection, if any.
        public var authenticatedAs: String?
        /// Whether the message came over TLS.
        public var usedTLS: Bool

        public init(mailFrom: String, recipients: [String], data: [UInt8], authenticatedAs: String?, usedTLS: Bool) {
            self.mailFrom = mailFrom
            self.recipients = recipients
            self.data = data
            self.authenticatedAs = authenticatedAs
            self.usedTLS = usedTLS
        }

        /// `data` as UTF-8 text.
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// One AUTH exchange's outcome. The password is never kept.
    public struct AuthAttempt: Sendable, Equatable {
        /// `PLAIN` or `LOGIN`.
        public var mechanism: String
        /// The username the client gave, when it got that far and it could be decoded.
        public var username: String?
        public var succeeded: Bool
        public var usedTLS: Bool

        public init(mechanism: String, username: String?, succeeded: Bool, usedTLS: Bool) {
            self.mechanism = mechanism
            self.username = username
            self.succeeded = succeeded
            self.usedTLS = usedTLS
        }
    }

    public let port: Int
    public let mode: Mode
    /// What AUTH is checked against; nil accepts any login and allows MAIL without one.
    public let credentials: Credentials?
    private let shared: Shared

    private init(port: Int, mode: Mode, credentials: Credentials?, shared: Shared) {
        self.port = port
        self.mode = mode
        self.credentials = credentials
        self.shared = shared
    }

    /// `smtps://127.0.0.1:PORT` in `.implicitTLS` mode, else `smtp://127.0.0.1:PORT`.
    public var url: String { "\(mode == .implicitTLS ? "smtps" : "smtp")://127.0.0.1:\(port)" }

    /// Adds a scripted reply (see `ScriptedReply`).
    public func script(_ reply: ScriptedReply) {
        shared.mailbox.withLock { $0.script(reply) }
    }

    /// Messages accepted so far, in order.
    public func deliveries() async -> [Delivery] {
        shared.mailbox.withLock { $0.deliveries }
    }

    /// Every AUTH exchange so far, in order.
    public func authAttempts() async -> [AuthAttempt] {
        shared.mailbox.withLock { $0.authAttempts }
    }

    /// Every command line received so far, all connections together, with credentials replaced by
    /// `FakeSMTPMailbox.redacted` (see `FakeSMTPMailbox.commands`).
    public func commands() async -> [String] {
        shared.mailbox.withLock { $0.commands }
    }

    /// Runs a fake SMTP server on a free port of 127.0.0.1 for the length of `body`, then closes it
    /// and every connection it accepted. Its event loops are `MultiThreadedEventLoopGroup.singleton`'s.
    public static func withRunning<T: Sendable>(
        mode: Mode = .startTLS, credentials: Credentials? = .fake, _ body: (FakeSMTP) async throws -> T
    ) async throws -> T {
        let shared = Shared()
        let tlsContext = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem))))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                shared.channels.withLock { $0.append(child) }
                return child.eventLoop.makeCompletedFuture {
                    let pipeline = child.pipeline.syncOperations
                    if mode == .implicitTLS { try pipeline.addHandler(NIOSSLServerHandler(context: tlsContext)) }
                    try pipeline.addHandler(ByteToMessageHandler(FakeSMTPLineDecoder()))
                    try pipeline.addHandler(
                        FakeSMTPHandler(
                            session: FakeSMTPSession(mode: mode, credentials: credentials), shared: shared, tlsContext: tlsContext))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = FakeSMTP(port: channel.localAddress?.port ?? 0, mode: mode, credentials: credentials, shared: shared)
        return try await closingAfter({ try await body(server) }, listener: channel, accepted: { shared.channels.withLock { $0 } })
    }

    /// What the connections share: the mailbox (scripts and records) and the channels to close at the end.
    final class Shared: Sendable {
        let mailbox = Mutex(FakeSMTPMailbox())
        let channels = Mutex<[any Channel]>([])
    }
}

extension FakeSMTP.Times {
    /// What is left after one use; nil when none is.
    var decremented: Self? {
        switch self {
        case .once: nil
        case .count(let count): count > 1 ? .count(count - 1) : nil
        case .always: .always
        }
    }
}

/// Splits the inbound bytes into lines, each with its line end (LF, usually after CR).
struct FakeSMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]
    /// Longer than any SMTP line should be (RFC 5321 §4.5.3.1: 1000 octets): past it the connection closes.
    static let maximumLineLength = 1 << 20

    struct LineTooLong: Error {}

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let lineFeed = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw LineTooLong() }
            return .needMoreData
        }
        let length = lineFeed - buffer.readableBytesView.startIndex + 1
        context.fireChannelRead(Self.wrapInboundOut(buffer.readBytes(length: length) ?? []))
        return .continue
    }
}

/// Runs one connection's `FakeSMTPSession` on its event loop, and does what it asks: writes replies,
/// puts TLS in front after STARTTLS, closes.
final class FakeSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = [UInt8]
    typealias OutboundOut = ByteBuffer

    private var session: FakeSMTPSession
    private let shared: FakeSMTP.Shared
    private let tlsContext: NIOSSLContext

    init(session: FakeSMTPSession, shared: FakeSMTP.Shared, tlsContext: NIOSSLContext) {
        self.session = session
        self.shared = shared
        self.tlsContext = tlsContext
    }

    func channelActive(context: ChannelHandlerContext) {
        // With implicit TLS, NIOSSL holds the greeting until the handshake is done.
        handle(.connected, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        handle(.line(unwrapInboundIn(data)), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { handle(.tlsEstablished, context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A failed handshake, a line too long, a reset: the conversation is over.
        context.close(promise: nil)
    }

    private func handle(_ event: FakeSMTPSession.Event, context: ChannelHandlerContext) {
        let actions = shared.mailbox.withLock { session.handle(event, mailbox: &$0) }
        var pending = context.channel.allocator.buffer(capacity: 256)
        for action in actions {
            switch action {
            case .reply(let reply):
                pending.writeString(reply.wire)
            case .startTLS:
                context.writeAndFlush(wrapOutboundOut(pending), promise: nil)
                pending.clear()
                do {
                    try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext), position: .first)
                } catch {
                    context.close(promise: nil)
                    return
                }
            case .close:
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(pending)).whenComplete { _ in channel.close(promise: nil) }
                return
            }
        }
        if pending.readableBytes > 0 { context.writeAndFlush(wrapOutboundOut(pending), promise: nil) }
    }
}
