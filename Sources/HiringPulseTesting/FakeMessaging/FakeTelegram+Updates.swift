public import AsyncHTTPClient
public import JSON
import NIOCore
import NIOHTTP1

/// The update side of the fake Bot API: presses on inline keyboards become `callback_query`
/// updates in Telegram's shape, read with `getUpdates` as Telegram serves it (an offset confirms
/// and drops every earlier update; long polling; one poll at a time), answered with
/// `answerCallbackQuery`; and `editMessageReplyMarkup`.
extension FakeTelegram {
    /// One `getUpdates` request, as received (token accepted).
    public struct Poll: Sendable {
        public var offset: Int64?
        public var timeout: Int
        public var allowedUpdates: [String]?
        public var at: ContinuousClock.Instant
    }

    public struct AnsweredCallback: Sendable, Hashable {
        public var id: String
        public var text: String?

        public init(id: String, text: String?) {
            self.id = id
            self.text = text
        }
    }

    public struct EditedMarkup: Sendable, Hashable {
        public var chatID: String
        public var messageID: Int64
        /// Empty: the keyboard was removed.
        public var keyboard: [[Button]]

        public init(chatID: String, messageID: Int64, keyboard: [[Button]]) {
            self.chatID = chatID
            self.messageID = messageID
            self.keyboard = keyboard
        }
    }

    /// The member who presses, unless a test names another.
    public static let memberID: Int64 = 111_222_333

    /// The bot's own user id: the number before the token's colon, as in Telegram.
    var botID: Int64 { Int64(token.prefix { $0 != ":" }) ?? 0 }

    /// While set, `getUpdates` answers 409 as Telegram does for a bot with a webhook.
    public func setWebhookActive(_ active: Bool) {
        webhookActive = active
        // A poll waiting now would end the same way on the real service.
        wake()
    }

    /// A long poll with nothing to return answers empty after its `timeout`, or after this much
    /// at most, so that a test asking for 30 s is not held that long.
    public func setLongPollCap(_ cap: Duration) { longPollCap = cap }

    /// Updates not yet confirmed by an offset.
    public var pendingUpdateIDs: [Int64] { updates.map(\.id) }

    /// A member presses the button with `data` under message `messageID` of `chatID`: queues a
    /// `callback_query` update and wakes a waiting long poll. The message comes whole when this
    /// fake sent it, and as an `InaccessibleMessage` (chat, id, date 0) when it did not, as
    /// Telegram sends one it can no longer read. Returns the query's id.
    @discardableResult
    public func press(chatID: String, messageID: Int64, data: String, fromUserID: Int64 = FakeTelegram.memberID) -> String {
        let (id, query) = callbackQuery(chatID: chatID, messageID: messageID, data: data, fromUserID: fromUserID)
        enqueue(key: "callback_query", query)
        return id
    }

    /// The same press with a webhook set: posted as Telegram posts it, one update with the secret
    /// in `X-Telegram-Bot-Api-Secret-Token`, to `url` (the webhook's own address, or where a test's
    /// reverse proxy would take it). Returns the status the bot answered and the query's id.
    public func pressThroughWebhook(
        chatID: String, messageID: Int64, data: String, fromUserID: Int64 = FakeTelegram.memberID, postingTo url: String,
        using client: HTTPClient
    ) async throws -> (status: Int, queryID: String) {
        let (id, query) = callbackQuery(chatID: chatID, messageID: messageID, data: data, fromUserID: fromUserID)
        let update = JSONValue.object([("update_id", .integer(nextUpdateID)), ("callback_query", query)])
        nextUpdateID += 1
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let secret = webhook?.secret { request.headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: secret) }
        request.body = .bytes(ByteBuffer(string: update.serialized))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), id)
    }

    /// A callback query in Telegram's shape, waiting for its answer.
    private func callbackQuery(chatID: String, messageID: Int64, data: String, fromUserID: Int64) -> (id: String, query: JSONValue) {
        queriesMade += 1
        let id = String(4_629_300_000_000_000_000 + queriesMade)
        let chat = Self.chat(chatID)
        let message: JSONValue
        if let sent = sent.first(where: { $0.chatID == chatID && $0.messageID == messageID }) {
            var members: [(key: String, value: JSONValue)] = [
                ("message_id", .integer(messageID)),
                (
                    "from",
                    .object([
                        ("id", .integer(botID)), ("is_bot", .bool(true)), ("first_name", .string("HiringPulse")),
                        ("username", .string("hiringpulse_bot")),
                    ])
                ),
                ("chat", chat), ("date", .integer(1_800_000_000)), ("text", .string(sent.text)),
            ]
            if let markup = Self.replyMarkup(sent.keyboard) { members.append(("reply_markup", markup)) }
            message = .object(members)
        } else {
            message = .object([("chat", chat), ("message_id", .integer(messageID)), ("date", .integer(0))])
        }
        let query = JSONValue.object([
            ("id", .string(id)),
            (
                "from",
                .object([
                    ("id", .integer(fromUserID)), ("is_bot", .bool(false)), ("first_name", .string("Ada")),
                    ("last_name", .string("Lovelace")), ("username", .string("ada")), ("language_code", .string("en")),
                ])
            ),
            ("message", message),
            // Telegram's opaque id of the chat the message is in, a signed 64-bit number in a string.
            ("chat_instance", .string(String(-8_281_479_542_187_217_327 + (Int64(chatID) ?? 0) % 1_000_000))),
            ("data", .string(data)),
        ])
        unansweredQueries.insert(id)
        return (id, query)
    }

    /// `setWebhook` as Telegram takes it: an https URL (an empty one deletes the webhook), a
    /// secret of 1 to 256 letters, digits, `_` and `-`. While set, getUpdates answers 409.
    func setWebhook(bot: String, parameters: JSONValue) -> (Int, String) {
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        let url = parameters["url"]?.stringValue ?? ""
        guard !url.isEmpty else { return deleteWebhook(bot: bot, parameters: parameters) }
        guard url.hasPrefix("https://") else {
            return Self.error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        }
        let secret = parameters["secret_token"]?.stringValue
        if let secret {
            guard secret.count <= 256 else { return Self.error(400, "Bad Request: secret token is too long") }
            guard secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                return Self.error(400, "Bad Request: secret token contains unallowed characters")
            }
        }
        let allowed = parameters["allowed_updates"]?.arrayValue?.compactMap(\.stringValue)
        let same = webhook == Webhook(url: url, secret: secret, allowedUpdates: allowed)
        webhook = Webhook(url: url, secret: secret, allowedUpdates: allowed)
        webhookActive = true
        wake()
        return (
            200,
            JSONValue.object([
                ("ok", .bool(true)), ("result", .bool(true)), ("description", .string(same ? "Webhook is already set" : "Webhook was set")),
            ]).serialized
        )
    }

    func deleteWebhook(bot: String, parameters: JSONValue) -> (Int, String) {
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        let was = webhook != nil
        webhook = nil
        webhookActive = false
        return (
            200,
            JSONValue.object([
                ("ok", .bool(true)), ("result", .bool(true)),
                ("description", .string(was ? "Webhook was deleted" : "Webhook is already deleted")),
            ]).serialized
        )
    }

    /// A chat as Telegram describes one: a member's private chat (positive id) or a group.
    private static func chat(_ chatID: String) -> JSONValue {
        let id = Int64(chatID) ?? 0
        return id > 0
            ? .object([("id", .integer(id)), ("first_name", .string("Ada")), ("username", .string("ada")), ("type", .string("private"))])
            : .object([("id", .integer(id)), ("title", .string("Job alerts")), ("type", .string("supergroup"))])
    }

    /// Queues an update of another kind (`message`, `my_chat_member`, …) with `body` as its
    /// content: the poller must move past it.
    public func enqueue(key: String, _ body: JSONValue) {
        updates.append((nextUpdateID, .object([("update_id", .integer(nextUpdateID)), (key, body)])))
        nextUpdateID += 1
        wake()
    }

    func getUpdates(bot: String, parameters: JSONValue) async -> (Int, String) {
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        if webhookActive { return Self.error(409, Self.webhookConflict) }
        if let limited = rateLimited(&updateRateLimits) { return limited }
        let offset = parameters["offset"]?.integerValue
        let timeout = max(0, Int(parameters["timeout"]?.integerValue ?? 0))
        let limit = min(100, max(1, Int(parameters["limit"]?.integerValue ?? 100)))
        let allowed = parameters["allowed_updates"]?.arrayValue?.compactMap(\.stringValue)
        polls.append(Poll(offset: offset, timeout: timeout, allowedUpdates: allowed, at: .now))
        if let offset { confirm(offset) }
        // Telegram serves one getUpdates per bot: a newer one ends the one waiting.
        pollGeneration += 1
        let generation = pollGeneration
        wake()
        if updates.isEmpty, timeout > 0 { await waitForUpdates(upTo: min(.seconds(timeout), longPollCap), generation: generation) }
        guard generation == pollGeneration else { return Self.error(409, Self.pollConflict) }
        // A webhook set while this poll waited ends it with Telegram's own words for that.
        if webhookActive { return Self.error(409, Self.endedBySetWebhook) }
        return Self.ok(.array(updates.prefix(limit).map(\.json)))
    }

    static let webhookConflict =
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    static let pollConflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
    /// tdlib/telegram-bot-api, Client.cpp: a waiting getUpdates ended by setWebhook.
    static let endedBySetWebhook = "Conflict: terminated by setWebhook request"

    /// An offset confirms every update before it; a negative one keeps only the last updates.
    private func confirm(_ offset: Int64) {
        if offset < 0 {
            updates.removeFirst(max(0, updates.count - Int(clamping: -offset)))
        } else {
            updates.removeAll { $0.id < offset }
        }
    }

    /// Until an update comes, a newer poll starts, `limit` passes or the request is cancelled
    /// (the client went away or the server stops).
    private func waitForUpdates(upTo limit: Duration, generation: Int) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            await self?.wake(generation)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // A cancellation before the wait began must not leave it waiting for the timer.
                if Task.isCancelled { continuation.resume() } else { waiter = (generation, continuation) }
            }
        } onCancel: {
            Task { await self.wake(generation) }
        }
        timer.cancel()
    }

    /// Ends the waiting poll (only that of `generation`, when given).
    func wake(_ generation: Int? = nil) {
        guard let waiting = waiter, generation == nil || waiting.generation == generation else { return }
        waiter = nil
        waiting.continuation.resume()
    }

    func answerCallbackQuery(bot: String, parameters: JSONValue) -> (Int, String) {
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        if let limited = rateLimited(&updateRateLimits) { return limited }
        guard let id = parameters["callback_query_id"].flatMap(Self.chatID), unansweredQueries.remove(id) != nil else {
            return Self.error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        }
        let text = parameters["text"]?.stringValue
        // TDLib's word for a text over the 200 characters a notification may have.
        if let text, text.utf16.count > 200 {
            unansweredQueries.insert(id)
            return Self.error(400, "Bad Request: MESSAGE_TOO_LONG")
        }
        answeredCallbacks.append(AnsweredCallback(id: id, text: text))
        return Self.ok(.bool(true))
    }

    func editMessageReplyMarkup(bot: String, parameters: JSONValue) -> (Int, String) {
        guard bot == "bot" + token else { return Self.error(401, "Unauthorized") }
        if let limited = rateLimited(&updateRateLimits) { return limited }
        guard let chat = parameters["chat_id"].flatMap(Self.chatID), let messageID = parameters["message_id"]?.integerValue,
            let index = sent.firstIndex(where: { $0.chatID == chat && $0.messageID == messageID })
        else { return Self.error(400, "Bad Request: message to edit not found") }
        guard let keyboard = Self.keyboard(parameters["reply_markup"]) else { return Self.error(400, Self.buttonDataInvalid) }
        guard keyboard != sent[index].keyboard else {
            return Self.error(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
            )
        }
        sent[index].keyboard = keyboard
        editedMarkups.append(EditedMarkup(chatID: chat, messageID: messageID, keyboard: keyboard))
        return Self.ok(Self.answer(sent[index]))
    }
}
