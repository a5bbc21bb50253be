public import AsyncHTTPClient
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore

/// Fake Telegram Bot API and Slack incoming webhooks on 127.0.0.1, speaking their wire formats:
/// `POST /bot<token>/sendMessage` and `POST /services/<path>`. They record what they receive,
/// check it as the real services do (Telegram's HTML, Slack's block limits), and answer scripted
/// failures: 429 with retry_after or Retry-After, 400 chat not found, 403 bot blocked, 404
/// no_service.
public struct FakeMessaging: Sendable {
    public static let telegramToken = "123456:fake-telegram-token"

    public let port: Int
    public let telegram: FakeTelegram
    public let slack: FakeSlack
    /// A pool closed before the fakes stop (see `FakeDiscord.httpClient` for why).
    public let httpClient: HTTPClient

    /// What `telegram.api_base_url` should be.
    public var telegramBaseURL: String { "http://127.0.0.1:\(port)" }

    /// An incoming-webhook URL on this fake.
    public func slackWebhookURL(_ path: String = "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX") -> String {
        "http://127.0.0.1:\(port)/services/\(path)"
    }

    public static func withRunning<T: Sendable>(
        logger: Logger = Logger(label: "fake-messaging"), _ body: @Sendable (FakeMessaging) async throws -> T
    ) async throws -> T {
        let telegram = FakeTelegram(token: telegramToken)
        let slack = FakeSlack()
        let router = Router()
        router.post("/:bot/sendMessage") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let bot = context.parameters.get("bot") ?? ""
            let (status, answer) = await telegram.receive(bot: bot, body: Array(body.readableBytesView))
            if status == 200 { await telegram.hold.pass() }
            return FakeMessaging.response(status: status, body: answer, contentType: "application/json", headers: [:])
        }
        router.post("/services/**") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let path = String(request.uri.path.dropFirst("/services/".count))
            let reply = await slack.receive(path: path, body: Array(body.readableBytesView))
            if reply.status == 200 { await slack.hold.pass() }
            return FakeMessaging.response(status: reply.status, body: reply.body, contentType: "text/html", headers: reply.headers)
        }
        return try await withLoopbackRouter(
            name: "fake messaging", serverName: "fake-messaging", router: router, logger: logger
        ) { port, httpClient in
            try await body(FakeMessaging(port: port, telegram: telegram, slack: slack, httpClient: httpClient))
        }
    }

    static func response(status: Int, body: String, contentType: String, headers: [String: String]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
