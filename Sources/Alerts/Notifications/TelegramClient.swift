public import AsyncHTTPClient
import Foundation
import JSON
import NIOCore
import NIOHTTP1
public import Transport

/// Telegram's Bot API `sendMessage`, HTML parse mode. The token is in the URL path, so URLs are
/// never logged or put in errors.
public struct TelegramClient: Sendable {
    /// `telegram.api_base_url`; tests point it at a local fake.
    public let baseURL: String
    private let token: String
    private let httpClient: HTTPClient
    private let timeout: Duration

    public init(
        baseURL: String = "https://api.telegram.org", token: String, httpClient: HTTPClient = .failFast, timeout: Duration = .seconds(15)
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.httpClient = httpClient
        self.timeout = timeout
    }

    public func sendMessage(chatID: String, html: String) async -> DeliveryResult {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/sendMessage")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = JSONValue.object([
            ("chat_id", Int64(chatID).map(JSONValue.integer) ?? .string(chatID)), ("text", .string(html)),
            ("parse_mode", .string("HTML")), ("link_preview_options", .object([("is_disabled", .bool(true))])),
        ])
        request.body = .bytes(ByteBuffer(string: body.serialized))
        let status: Int
        let answer: JSONValue?
        do {
            let response = try await httpClient.execute(request, timeout: .init(timeout))
            status = Int(response.status.code)
            answer = try? JSONParser.parse(Array(try await response.body.collect(upTo: 1 << 20).readableBytesView))
        } catch {
            return .retryLater(after: nil, reason: "Telegram: " + TransportFailure.describe(error, url: baseURL, timeout: timeout))
        }
        return Self.result(status: status, answer: answer)
    }

    /// Telegram answers `{"ok": true, …}` or `{"ok": false, "error_code", "description",
    /// "parameters": {"retry_after"}}`.
    static func result(status: Int, answer: JSONValue?) -> DeliveryResult {
        if answer?["ok"] == .bool(true), (200..<300).contains(status) { return .sent }
        let code = answer?["error_code"]?.integerValue.map(Int.init) ?? status
        let description = answer?["description"]?.stringValue ?? "HTTP \(status)"
        switch code {
        case 429:
            let seconds = answer?["parameters"]?["retry_after"]?.integerValue ?? 1
            return .retryLater(after: .seconds(seconds), reason: "Telegram: \(description)")
        case 500...:
            return .retryLater(after: nil, reason: "Telegram: \(description)")
        case 401, 404:
            // A bad token: every chat fails the same way; the operator must fix the token.
            return .rejected(reason: "Telegram refused the bot token (\(code)): \(description)")
        default:
            // 400 "chat not found", 403 "bot was blocked by the user", "not enough rights".
            return .rejected(reason: "Telegram: \(description)")
        }
    }

}
