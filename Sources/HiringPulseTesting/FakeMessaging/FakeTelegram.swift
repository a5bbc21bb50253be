import Foundation
import JSON

/// The Bot API half of `FakeMessaging`: `sendMessage` with HTML parse mode.
public actor FakeTelegram {
    public struct Sent: Sendable {
        public var chatID: String
        public var text: String
        public var parseMode: String?
        public var at: ContinuousClock.Instant
    }

    private let token: String
    public private(set) var sent: [Sent] = []
    /// Every request, accepted or not.
    public private(set) var attempts = 0
    /// When each request came, accepted or not: for checking that waits were honoured.
    public private(set) var attemptTimes: [ContinuousClock.Instant] = []
    private var missingChats: Set<String> = []
    private var blockedChats: Set<String> = []
    private var rateLimits: [Int] = []
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

    func receive(bot: String, body: [UInt8]) -> (Int, String) {
        attempts += 1
        attemptTimes.append(.now)
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        guard let json = try? JSONParser.parse(body), let chat = json["chat_id"].flatMap(Self.chatID), let text = json["text"]?.stringValue
        else { return Self.error(400, "Bad Request: message text is empty") }
        if !rateLimits.isEmpty {
            let seconds = rateLimits.removeFirst()
            return (
                429,
                JSONValue.object([
                    ("ok", .bool(false)), ("error_code", .integer(429)),
                    ("description", .string("Too Many Requests: retry after \(seconds)")),
                    ("parameters", .object([("retry_after", .integer(Int64(seconds)))])),
                ]).serialized
            )
        }
        if missingChats.contains(chat) { return Self.error(400, "Bad Request: chat not found") }
        if blockedChats.contains(chat) { return Self.error(403, "Forbidden: bot was blocked by the user") }
        let parseMode = json["parse_mode"]?.stringValue
        if parseMode == "HTML", let problem = Self.htmlProblem(text) {
            return Self.error(400, "Bad Request: can't parse entities: \(problem)")
        }
        guard Self.visibleLength(text, html: parseMode == "HTML") <= 4096 else {
            return Self.error(400, "Bad Request: message is too long")
        }
        sent.append(Sent(chatID: chat, text: text, parseMode: parseMode, at: .now))
        return (
            200,
            JSONValue.object([
                ("ok", .bool(true)),
                (
                    "result",
                    .object([
                        ("message_id", .integer(Int64(sent.count))), ("date", .integer(1_800_000_000)),
                        ("chat", .object([("id", Int64(chat).map(JSONValue.integer) ?? .string(chat)), ("type", .string("private"))])),
                        ("text", .string(text)),
                    ])
                ),
            ]).serialized
        )
    }

    private static func chatID(_ value: JSONValue) -> String? {
        value.stringValue ?? value.integerValue.map { String($0) }
    }

    private static func error(_ code: Int, _ description: String) -> (Int, String) {
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
