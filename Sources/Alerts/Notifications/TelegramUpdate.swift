public import JSON

/// One of Telegram's `Update`s, as `getUpdates` returns them. Only callback queries are read;
/// an update of any other kind keeps its `updateID`, so that confirming it (the next offset)
/// still moves past it.
public struct TelegramUpdate: Sendable, Hashable {
    public var updateID: Int64
    public var callbackQuery: TelegramCallbackQuery?

    public init(updateID: Int64, callbackQuery: TelegramCallbackQuery? = nil) {
        self.updateID = updateID
        self.callbackQuery = callbackQuery
    }

    /// Nil without an `update_id`: such an update could never be confirmed. A `callback_query`
    /// missing its required fields is read as no query rather than dropping the update.
    public init?(json: JSONValue) {
        guard let updateID = json["update_id"]?.integerValue else { return nil }
        self.updateID = updateID
        callbackQuery = json["callback_query"].flatMap(TelegramCallbackQuery.init(json:))
    }
}

/// A press on an inline keyboard button (`CallbackQuery`). It must be answered
/// (`answerCallbackQuery`), or the member's client shows a spinner until it gives up.
public struct TelegramCallbackQuery: Sendable, Hashable {
    /// What `answerCallbackQuery` answers.
    public var id: String
    /// Who pressed: in a group, not necessarily the chat the message was sent to.
    public var fromUserID: Int64
    /// The message the keyboard was on, when the bot sent it: from `message`, which is an
    /// `InaccessibleMessage` (date 0, still with chat and id) when it is too old to be read.
    public var chatID: Int64?
    public var messageID: Int64?
    /// Set instead of `message` when the keyboard was on a message sent in inline mode.
    public var inlineMessageID: String?
    /// The button's `callback_data`; absent for a game's button.
    public var data: String?

    public init(
        id: String, fromUserID: Int64, chatID: Int64? = nil, messageID: Int64? = nil, inlineMessageID: String? = nil, data: String? = nil
    ) {
        self.id = id
        self.fromUserID = fromUserID
        self.chatID = chatID
        self.messageID = messageID
        self.inlineMessageID = inlineMessageID
        self.data = data
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let from = json["from"]?["id"]?.integerValue else { return nil }
        self.id = id
        fromUserID = from
        // Message and InaccessibleMessage share these two fields, which is all that is needed.
        chatID = json["message"]?["chat"]?["id"]?.integerValue
        messageID = json["message"]?["message_id"]?.integerValue
        inlineMessageID = json["inline_message_id"]?.stringValue
        data = json["data"]?.stringValue
    }
}

/// Why `getUpdates` brought nothing. None of them names the token.
public enum TelegramUpdatesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 409 while a webhook is set: Telegram pushes updates there and refuses `getUpdates` until
    /// the webhook is deleted (`deleteWebhook`).
    case webhookActive(description: String)
    /// 409 because another `getUpdates` took over: another instance of the bot runs on this token.
    case conflict(description: String)
    /// 401 or 404: the token is wrong or revoked; only the operator can fix it.
    case tokenRefused(code: Int, description: String)
    /// 429: ask again after `retryAfter`.
    case rateLimited(retryAfter: Duration, description: String)
    /// No answer, a server error, or an answer that could not be read: worth retrying later.
    case failed(reason: String)

    public var description: String {
        switch self {
        case .webhookActive(let description), .conflict(let description): "Telegram: \(description)"
        case .tokenRefused(let code, let description): "Telegram refused the bot token (\(code)): \(description)"
        case .rateLimited(_, let description): "Telegram: \(description)"
        case .failed(let reason): reason
        }
    }
}
