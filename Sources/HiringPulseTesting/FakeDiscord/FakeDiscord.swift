public import AsyncHTTPClient
public import Discord
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
public import JSON
public import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A fake Discord on 127.0.0.1 that speaks the real protocols: the gateway over WebSocket at
/// `/gateway` (and `/resume`, the URL it hands out in READY), with zlib-stream when asked, and the
/// HTTP API under `/api/v10`. Tests script it through `gateway` and `rest`.
///
/// ```swift
/// try await FakeDiscord.withRunning { discord in
///     let client = discord.restClient(logger: logger)
///     …
/// }
/// ```
public struct FakeDiscord: Sendable {
    public static let defaultToken = "fake-bot-token.hiringpulse.tests"

    public let port: Int
    public let gateway: FakeGateway
    public let rest: FakeREST
    /// The interactions delivered and how they were answered, as Discord keeps them.
    public var interactions: FakeInteractions { rest.interactions }
    /// The connection pool to reach the fake with; it is closed before the fake stops. A pool
    /// that outlives the server (such as `HTTPClient.shared`) can hold a connection it opened but
    /// never used, which the server cannot close: it waits for the first request to decide
    /// between HTTP and a WebSocket upgrade, and that wait ignores shutdown and cancellation.
    public let httpClient: HTTPClient

    public var apiBaseURL: String { "http://127.0.0.1:\(port)/api/v10" }
    public var gatewayURL: String { "ws://127.0.0.1:\(port)/gateway" }
    public var resumeURL: String { "ws://127.0.0.1:\(port)/resume" }

    /// A REST client for this fake, over `httpClient`.
    public func restClient(
        token: String = FakeDiscord.defaultToken, configuration: DiscordRESTClient.Configuration? = nil, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) -> DiscordRESTClient {
        var configuration = configuration ?? .init()
        configuration.apiBaseURL = apiBaseURL
        return DiscordRESTClient(token: token, configuration: configuration, httpClient: httpClient, logger: logger, clock: clock)
    }

    /// A member posts `message` (a message object with its `channel_id`), as on Discord: it joins
    /// the channel's history at once, and reaches the bot through the gateway only through a
    /// session, live or waiting to be resumed (which replays it). While the bot has no session at
    /// all (after 4007, 4009, or an invalid session that cannot be resumed), only the history has it.
    public func post(_ message: JSONValue) async {
        let channel = message["channel_id"]?.stringValue.flatMap { Snowflake($0) } ?? Snowflake(rawValue: 0)
        await rest.append(message, channelID: channel)
        await gateway.dispatch("MESSAGE_CREATE", message)
    }

    /// Starts the fake on a free port, runs `body`, and stops the fake.
    public static func withRunning<T: Sendable>(
        gateway options: FakeGateway.Options = .init(), logger: Logger = Logger(label: "fake-discord"),
        _ body: @Sendable (FakeDiscord) async throws -> T
    ) async throws -> T {
        let address = AddressBox()
        let interactions = FakeInteractions()
        let gateway = FakeGateway(options: options, address: address, interactions: interactions)
        let rest = FakeREST(token: options.token, address: address, interactions: interactions)
        return try await withLoopbackServer(
            name: "fake Discord", logger: logger,
            makeServer: { onServerRunning in
                Application(
                    responder: CallbackResponder { (request: Request, _: BasicRequestContext) in
                        try await FakeDiscord.answer(request, rest: rest)
                    },
                    server: .http1WebSocketUpgrade(
                        configuration: .init(ws: .init(maxFrameSize: 16 << 20, autoPing: .disabled, closeTimeout: .seconds(2)))
                    ) { request, channel, _ in
                        let (path, query) = FakeDiscord.split(request.path ?? "/")
                        guard path == "/gateway" || path == "/resume" else { return .dontUpgrade }
                        let compress = query["compress"] == "zlib-stream"
                        return .upgrade([:]) { inbound, outbound, _ in
                            try await FakeGatewayConnection(gateway: gateway, compress: compress, path: path, channel: channel)
                                .run(inbound: inbound, outbound: outbound)
                        }
                    },
                    configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-discord"),
                    onServerRunning: onServerRunning,
                    logger: logger
                )
            }
        ) { port, httpClient in
            address.set(port: port)
            return try await body(FakeDiscord(port: port, gateway: gateway, rest: rest, httpClient: httpClient))
        }
    }

    private static func answer(_ request: Request, rest: FakeREST) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 32 << 20)
        let (path, query) = split(request.uri.description)
        guard path.hasPrefix("/api/v10/") else {
            return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: #"{"message": "404: Not Found", "code": 0}"#)))
        }
        let apiPath = String(path.dropFirst("/api/v10".count))
        let delay = await rest.arrive()
        if delay > .zero { try? await Task.sleep(for: delay) }
        let reply = await rest.respond(
            method: request.method.rawValue, path: apiPath, query: query,
            target: String(request.uri.description.dropFirst("/api/v10".count)), authorization: request.headers[.authorization],
            contentType: request.headers[.contentType], body: Array(body.readableBytesView)
        )
        if reply.status == 200 && request.method == .post && apiPath.hasPrefix("/channels/") { await rest.messageHold.pass() }
        var headers = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        return Response(status: .init(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// "/path?a=1&b=2" into the path and its (undecoded: ids and flags need no decoding) query.
    static func split(_ target: String) -> (path: String, query: [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1)
                query[String(keyValue[0])] = keyValue.count == 2 ? String(keyValue[1]) : ""
            }
        }
        return (parts.first.map(String.init) ?? "/", query)
    }
}

public struct FakeDiscordError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The fake's port, known only once the server runs; the actors read their URLs from it.
final class AddressBox: Sendable {
    private let storage = Mutex(0)

    func set(port: Int) { storage.withLock { $0 = port } }
    var port: Int { storage.withLock { $0 } }
}
