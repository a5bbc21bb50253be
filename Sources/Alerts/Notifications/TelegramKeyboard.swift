import JSON

/// One button of an inline keyboard: pressing it sends the bot a `callback_query` carrying
/// `callbackData`. A keyboard is `[[TelegramButton]]`, rows of buttons.
public struct TelegramButton: Sendable, Hashable {
    public var text: String
    public var callbackData: String

    public init(text: String, callbackData: String) {
        self.text = text
        self.callbackData = callbackData
    }

    /// Telegram refuses a whole message ("BUTTON_DATA_INVALID") when any button's data is empty
    /// or longer than 64 bytes.
    public static let maximumCallbackDataBytes = 64

    public var hasValidCallbackData: Bool {
        (1...Self.maximumCallbackDataBytes).contains(callbackData.utf8.count)
    }
}

enum TelegramKeyboard {
    /// `{"inline_keyboard": [[{"text", "callback_data"}]]}`, or nil when no button is left. A
    /// button whose data Telegram would refuse is left out, so that one bad button never costs
    /// the message; rows left empty go too.
    static func replyMarkup(_ keyboard: [[TelegramButton]]) -> JSONValue? {
        let rows = keyboard.map { $0.filter(\.hasValidCallbackData) }.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return nil }
        let json = rows.map { row in
            JSONValue.array(
                row.map { .object([("text", .string($0.text)), ("callback_data", .string($0.callbackData))]) })
        }
        return .object([("inline_keyboard", .array(json))])
    }
}
