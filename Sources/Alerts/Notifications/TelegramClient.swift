public import AsyncHTTPClient
import Foundation
import JSON
import NIOCore
import NIOHTTP1
public import Transport

/// Telegram's Bot API: `sendMessage` (HTML parse mode, optionally with an inline keyboard), and
/// the calls that read and answer presses on those keyboards: `getUpdates` (long polling),
/// `answerCallbackQuery`, `editMessageReplyMarkup`. The token is in the URL path, so URLs are
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

    /// Sends `html` with `keyboard` under it (none when empty). A button whose callback data is
    /// empty or over 64 bytes is left out (see `TelegramButton`).
    public func sendMessage(chatID: String, html: String, keyboard: [[TelegramButton]] = []) async -> DeliveryResult {
        var members: [(key: String, value: JSONValue)] = [
            ("chat_id", Self.chat(chatID)), ("text", .string(html)), ("parse_mode", .string("HTML")),
            ("link_preview_options", .object([("is_disabled", .bool(true))])),
        ]
        if let markup = TelegramKeyboard.replyMarkup(keyboard) { members.append(("reply_markup", markup)) }
        switch await call("sendMessage", .object(members), timeout: timeout) {
        case .answered(let status, let answer): return Self.result(status: status, answer: answer)
        case .unanswered(let reason): return .retryLater(after: nil, reason: reason)
        }
    }

    /// Long polling: waits up to `timeout` seconds for button presses after `offset` (the last
    /// update handled plus one, which confirms everything before it; nil: from the oldest kept).
    /// Only callback queries are asked for. The request itself may take the whole poll and then
    /// some, so its deadline is the poll plus the client's usual timeout.
    public func getUpdates(offset: Int64?, timeout: Int) async throws(TelegramUpdatesError) -> [TelegramUpdate] {
        var members: [(key: String, value: JSONValue)] = []
        if let offset { members.append(("offset", .integer(offset))) }
        let seconds = max(0, timeout)
        members += [("timeout", .integer(Int64(seconds))), ("allowed_updates", .array([.string("callback_query")]))]
        switch await call("getUpdates", .object(members), timeout: .seconds(seconds) + self.timeout) {
        case .unanswered(let reason): throw .failed(reason: reason)
        case .answered(let status, let answer):
            if answer?["ok"] == .bool(true), (200..<300).contains(status) {
                guard let results = answer?["result"]?.arrayValue else {
                    throw .failed(reason: "Telegram: getUpdates answered without a list of updates")
                }
                return results.compactMap(TelegramUpdate.init(json:))
            }
            throw Self.updatesError(status: status, answer: answer)
        }
    }

    /// Stops the spinner on the member's button, showing `text` (cut to Telegram's 200
    /// characters) as a brief notification when given.
    @discardableResult
    public func answerCallbackQuery(id: String, text: String? = nil) async -> DeliveryResult {
        var members: [(key: String, value: JSONValue)] = [("callback_query_id", .string(id))]
        if let text, !text.isEmpty { members.append(("text", .string(Self.popupText(text)))) }
        switch await call("answerCallbackQuery", .object(members), timeout: timeout) {
        case .answered(let status, let answer): return Self.result(status: status, answer: answer)
        case .unanswered(let reason): return .retryLater(after: nil, reason: reason)
        }
    }

    /// Has Telegram post this bot's button presses (`callback_query` updates only) to `url`, each
    /// with `secretToken` in `X-Telegram-Bot-Api-Secret-Token`. Setting the same webhook again is
    /// harmless ("Webhook is already set").
    public func setWebhook(url: String, secretToken: String) async -> DeliveryResult {
        let parameters = JSONValue.object([
            ("url", .string(url)), ("secret_token", .string(secretToken)), ("allowed_updates", .array([.string("callback_query")])),
        ])
        switch await call("setWebhook", parameters, timeout: timeout) {
        case .answered(let status, let answer): return Self.result(status: status, answer: answer)
        case .unanswered(let reason): return .retryLater(after: nil, reason: reason)
        }
    }

    /// Replaces the keyboard under a message the bot sent; an empty keyboard removes it. A
    /// keyboard that is already there counts as sent (Telegram calls it "message is not
    /// modified"), so repeating an edit is harmless.
    public func editMessageReplyMarkup(chatID: String, messageID: Int64, keyboard: [[TelegramButton]]) async -> DeliveryResult {
        var members: [(key: String, value: JSONValue)] = [("chat_id", Self.chat(chatID)), ("message_id", .integer(messageID))]
        if let markup = TelegramKeyboard.replyMarkup(keyboard) { members.append(("reply_markup", markup)) }
        switch await call("editMessageReplyMarkup", .object(members), timeout: timeout) {
        case .answered(let status, let answer):
            if status == 400, answer?["description"]?.stringValue?.contains("message is not modified") == true { return .sent }
            return Self.result(status: status, answer: answer)
        case .unanswered(let reason): return .retryLater(after: nil, reason: reason)
        }
    }

    private enum Answer {
        case answered(status: Int, answer: JSONValue?)
        /// No answer, in words that name the host and never the token.
        case unanswered(reason: String)
    }

    private func call(_ method: String, _ body: JSONValue, timeout: Duration) async -> Answer {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/\(method)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.serialized))
        do {
            let response = try await httpClient.execute(request, timeout: .init(timeout))
            let answer = try? JSONParser.parse(Array(try await response.body.collect(upTo: 1 << 20).readableBytesView))
            return .answered(status: Int(response.status.code), answer: answer)
        } catch {
            return .unanswered(reason: "Telegram: " + TransportFailure.describe(error, url: baseURL, timeout: timeout))
        }
    }

    /// A numeric chat id is sent as a number, a `@channelusername` as a string.
    private static func chat(_ chatID: String) -> JSONValue {
        Int64(chatID).map(JSONValue.integer) ?? .string(chatID)
    }

    /// At most 200 UTF-16 units (how Telegram counts), cut between characters.
    static func popupText(_ text: String) -> String {
        var cut = ""
        var units = 0
        for character in text {
            units += character.utf16.count
            guard units <= 200 else { break }
            cut.append(character)
        }
        return cut
    }

    static func updatesError(status: Int, answer: JSONValue?) -> TelegramUpdatesError {
        let code = answer?["error_code"]?.integerValue.map(Int.init) ?? status
        let description = answer?["description"]?.stringValue ?? "HTTP \(status)"
        switch code {
        // "…while webhook is active…", or "terminated by setWebhook request" for a poll waiting then.
        case 409 where description.lowercased().contains("webhook"): return .webhookActive(description: description)
        case 409: return .conflict(description: description)
        case 401, 404: return .tokenRefused(code: code, description: description)
        case 429:
            let seconds = answer?["parameters"]?["retry_after"]?.integerValue ?? 1
            return .rateLimited(retryAfter: .seconds(seconds), description: description)
        default: return .failed(reason: "Telegram: \(description)")
        }
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
