public import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import JSON
public import Logging
import NIOCore

/// Fake Telegram Bot API and Slack incoming webhooks on 127.0.0.1, speaking their wire formats:
/// `POST /bot<token>/sendMessage` (and `getUpdates`, `answerCallbackQuery`,
/// `editMessageReplyMarkup`) and `POST /services/<path>`. They record what they receive,
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
        // Like the real API, these take their parameters as JSON or in the query string.
        let updateMethods: [(String, @Sendable (String, JSONValue) async -> (Int, String))] = [
            ("getUpdates", { await telegram.getUpdates(bot: $0, parameters: $1) }),
            ("answerCallbackQuery", { await telegram.answerCallbackQuery(bot: $0, parameters: $1) }),
            ("editMessageReplyMarkup", { await telegram.editMessageReplyMarkup(bot: $0, parameters: $1) }),
            ("setWebhook", { await telegram.setWebhook(bot: $0, parameters: $1) }),
            ("deleteWebhook", { await telegram.deleteWebhook(bot: $0, parameters: $1) }),
        ]
        for (method, handle) in updateMethods {
            let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
                let bot = context.parameters.get("bot") ?? ""
                guard let parameters = try await FakeMessaging.telegramParameters(request) else {
                    return FakeMessaging.response(
                        status: 400, body: #"{"ok":false,"error_code":400,"description":"Bad Request: can't parse JSON object"}"#,
                        contentType: "application/json", headers: [:])
                }
                let (status, answer) = await handle(bot, parameters)
                return FakeMessaging.response(status: status, body: answer, contentType: "application/json", headers: [:])
            }
            router.post(RouterPath("/:bot/\(method)"), use: respond)
            router.get(RouterPath("/:bot/\(method)"), use: respond)
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

    /// A JSON body's object, or the query string's parameters (numbers and arrays read as JSON)
    /// when there is no body; nil for a body that is not JSON.
    static func telegramParameters(_ request: Request) async throws -> JSONValue? {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        if body.readableBytes > 0 {
            guard let json = try? JSONParser.parse(Array(body.readableBytesView)), case .object = json else { return nil }
            return json
        }
        var members: [(key: String, value: JSONValue)] = []
        for (key, value) in request.uri.queryParameters {
            let text = String(value)
            let json = text.first.map { $0 == "[" || $0 == "-" || $0.isNumber } == true ? try? JSONParser.parse(Array(text.utf8)) : nil
            members.append((String(key), json ?? .string(text)))
        }
        return .object(members)
    }

    static func response(status: Int, body: String, contentType: String, headers: [String: String]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers { if let name = HTTPField.Name(name) { fields[name] = value } }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
