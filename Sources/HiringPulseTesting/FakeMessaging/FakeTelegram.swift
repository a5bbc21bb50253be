import Foundation
import JSON

/// The Bot API half of `FakeMessaging`: `sendMessage` with HTML parse mode and inline keyboards;
/// presses on them read through `getUpdates` and answered with `answerCallbackQuery`;
/// `editMessageReplyMarkup` (see `FakeTelegram+Updates.swift`).
public actor FakeTelegram {
    public struct Sent: Sendable {
        public var chatID: String
        public var text: String
        public var parseMode: String?
        public var at: ContinuousClock.Instant
        /// The id Telegram gave the message: what `press` and `editMessageReplyMarkup` name.
        public var messageID: Int64
        /// The inline keyboard under it now: as sent, or as last edited.
        public var keyboard: [[Button]]
    }

    /// An inline keyboard button, as received.
    public struct Button: Sendable, Hashable {
        public var text: String
        public var data: String

        public init(text: String, data: String) {
            self.text = text
            self.data = data
        }
    }

    let token: String
    public internal(set) var sent: [Sent] = []
    /// Every `sendMessage` request, accepted or not (the daemon's `getUpdates` polls and answers to
    /// presses are not counted: they come whenever it runs).
    public internal(set) var attempts = 0
    /// When each `sendMessage` request came, accepted or not: for checking that waits were honoured.
    public internal(set) var attemptTimes: [ContinuousClock.Instant] = []
    private var missingChats: Set<String> = []
    private var blockedChats: Set<String> = []
    var rateLimits: [Int] = []
    var updateRateLimits: [Int] = []
    // The update side (FakeTelegram+Updates.swift).
    var updates: [(id: Int64, json: JSONValue)] = []
    var nextUpdateID: Int64 = 734_000_001
    var unansweredQueries: Set<String> = []
    var queriesMade: Int64 = 0
    var webhookActive = false
    var pollGeneration = 0
    var waiter: (generation: Int, continuation: CheckedContinuation<Void, Never>)?
    var longPollCap: Duration = .seconds(10)
    public internal(set) var polls: [Poll] = []
    public internal(set) var answeredCallbacks: [AnsweredCallback] = []
    public internal(set) var editedMarkups: [EditedMarkup] = []
    /// The webhook `setWebhook` set, as Telegram keeps it.
    public struct Webhook: Sendable, Hashable {
        public var url: String
        public var secret: String?
        public var allowedUpdates: [String]?

        public init(url: String, secret: String?, allowedUpdates: [String]?) {
            self.url = url
            self.secret = secret
            self.allowedUpdates = allowedUpdates
        }
    }
    public internal(set) var webhook: Webhook?
    /// Accepted messages whose answers are held back (see `AnswerHold`).
    public nonisolated let hold = AnswerHold()

    init(token: String) {
        self.token = token
    }

    /// `sendMessage` to these chats answers 400 "chat not found".
    public func setMissing(_ chats: Set<String>) { missingChats = chats }
    /// `sendMessage` to these chats answers 403 "bot was blocked by the user".
    public func setBlocked(_ chats: Set<String>) { blockedChats = chats }
    /// The next requests answer 429 with these `retry_after` seconds, one each.
    public func rateLimit(retryAfter seconds: Int...) { rateLimits += seconds }
    /// The next `getUpdates`, `answerCallbackQuery` or `editMessageReplyMarkup` requests answer 429
    /// with these `retry_after` seconds, one each.
    public func rateLimitUpdates(retryAfter seconds: Int...) { updateRateLimits += seconds }

    func receive(bot: String, body: [UInt8]) -> (Int, String) {
        attempts += 1
        attemptTimes.append(.now)
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        guard let json = try? JSONParser.parse(body), let chat = json["chat_id"].flatMap(Self.chatID), let text = json["text"]?.stringValue
        else { return Self.error(400, "Bad Request: message text is empty") }
        if let limited = rateLimited(&rateLimits) { return limited }
        if missingChats.contains(chat) { return Self.error(400, "Bad Request: chat not found") }
        if blockedChats.contains(chat) { return Self.error(403, "Forbidden: bot was blocked by the user") }
        let parseMode = json["parse_mode"]?.stringValue
        if parseMode == "HTML", let problem = Self.htmlProblem(text) {
            return Self.error(400, "Bad Request: can't parse entities: \(problem)")
        }
        guard Self.visibleLength(text, html: parseMode == "HTML") <= 4096 else {
            return Self.error(400, "Bad Request: message is too long")
        }
        guard let keyboard = Self.keyboard(json["reply_markup"]) else { return Self.error(400, Self.buttonDataInvalid) }
        let message = Sent(chatID: chat, text: text, parseMode: parseMode, at: .now, messageID: Int64(sent.count + 1), keyboard: keyboard)
        sent.append(message)
        return Self.ok(Self.answer(message))
    }

    /// The answer to the next request when a 429 was scripted.
    func rateLimited(_ limits: inout [Int]) -> (Int, String)? {
        guard !limits.isEmpty else { return nil }
        let seconds = limits.removeFirst()
        return (
            429,
            JSONValue.object([
                ("ok", .bool(false)), ("error_code", .integer(429)),
                ("description", .string("Too Many Requests: retry after \(seconds)")),
                ("parameters", .object([("retry_after", .integer(Int64(seconds)))])),
            ]).serialized
        )
    }

    /// The message as `sendMessage` and `editMessageReplyMarkup` return it.
    static func answer(_ message: Sent) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("message_id", .integer(message.messageID)), ("date", .integer(1_800_000_000)),
            (
                "chat",
                .object([("id", Int64(message.chatID).map(JSONValue.integer) ?? .string(message.chatID)), ("type", .string("private"))])
            ),
            ("text", .string(message.text)),
        ]
        if let markup = replyMarkup(message.keyboard) { members.append(("reply_markup", markup)) }
        return .object(members)
    }

    static func replyMarkup(_ keyboard: [[Button]]) -> JSONValue? {
        guard !keyboard.isEmpty else { return nil }
        let rows = keyboard.map { row in
            JSONValue.array(row.map { .object([("text", .string($0.text)), ("callback_data", .string($0.data))]) })
        }
        return .object([("inline_keyboard", .array(rows))])
    }

    static let buttonDataInvalid = "Bad Request: BUTTON_DATA_INVALID"

    /// An `InlineKeyboardMarkup` (none: no keyboard), or nil where Telegram refuses it with
    /// BUTTON_DATA_INVALID: a button without text, or whose callback_data is not 1-64 bytes.
    static func keyboard(_ markup: JSONValue?) -> [[Button]]? {
        guard let markup else { return [] }
        guard let rows = markup["inline_keyboard"]?.arrayValue else { return nil }
        var keyboard: [[Button]] = []
        for row in rows {
            guard let buttons = row.arrayValue else { return nil }
            var parsed: [Button] = []
            for button in buttons {
                guard let text = button["text"]?.stringValue, !text.isEmpty, let data = button["callback_data"]?.stringValue,
                    (1...64).contains(data.utf8.count)
                else { return nil }
                parsed.append(Button(text: text, data: data))
            }
            keyboard.append(parsed)
        }
        return keyboard.allSatisfy(\.isEmpty) ? [] : keyboard
    }

    static func chatID(_ value: JSONValue) -> String? {
        value.stringValue ?? value.integerValue.map { String($0) }
    }

    static func ok(_ result: JSONValue) -> (Int, String) {
        (200, JSONValue.object([("ok", .bool(true)), ("result", result)]).serialized)
    }

    static func error(_ code: Int, _ description: String) -> (Int, String) {
        (
            code,
            JSONValue.object([("ok", .bool(false)), ("error_code", .integer(Int64(code))), ("description", .string(description))])
                .serialized
        )
    }

    static let allowedTags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote", "span",
    ]

    /// What Telegram would refuse in HTML text: an unknown tag, an unclosed or stray closing
    /// tag, or an `&` that starts no entity.
    static func htmlProblem(_ text: String) -> String? {
        var open: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<" {
                guard let close = text[index...].firstIndex(of: ">") else { return "unclosed start tag" }
                let inside = text[text.index(after: index)..<close]
                let closing = inside.hasPrefix("/")
                let name = inside.dropFirst(closing ? 1 : 0).prefix { $0.isLetter || $0 == "-" }.lowercased()
                guard allowedTags.contains(name) else { return "unsupported start tag \"\(name)\"" }
                if closing {
                    guard open.last == name else { return "unexpected end tag" }
                    open.removeLast()
                } else {
                    open.append(name)
                }
                index = text.index(after: close)
                continue
            }
            if character == "&" {
                let rest = text[index...].prefix(10)
                guard let semicolon = rest.firstIndex(of: ";") else { return "unsupported entity" }
                let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
                guard ["amp", "lt", "gt", "quot"].contains(entity) || entity.hasPrefix("#") else { return "unsupported entity" }
            }
            index = text.index(after: index)
        }
        return open.isEmpty ? nil : "can't find end tag corresponding to start tag \"\(open.last ?? "")\""
    }

    /// The length Telegram counts: UTF-16 units of the text once tags and entities are parsed.
    static func visibleLength(_ text: String, html: Bool) -> Int {
        guard html else { return text.utf16.count }
        var stripped = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { stripped.append(character) }
        }
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\"")] {
            stripped = stripped.replacingOccurrences(of: entity, with: character)
        }
        return stripped.utf16.count
    }
}
