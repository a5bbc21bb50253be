/// What a feedback button carries: the notification (its outbox row) and the reaction, written
/// for each service, and read back when it is pressed.
public enum FeedbackButton {
    /// Discord's `custom_id`, routed to `/alerts`: "alerts:fb:42:up".
    public static func discordID(notification: Int64, reaction: FeedbackReaction) -> String {
        "alerts:fb:\(notification):\(reaction.code)"
    }

    /// Telegram's `callback_data` (at most 64 bytes): "fb:42:up".
    public static func telegramData(notification: Int64, reaction: FeedbackReaction) -> String {
        "fb:\(notification):\(reaction.code)"
    }

    /// The notification and reaction of "fb:42:up", split at ":" ("alerts:" taken off first).
    public static func parse(_ parts: some Collection<Substring>) -> (notification: Int64, reaction: FeedbackReaction)? {
        let parts = Array(parts)
        guard parts.count == 3, parts[0] == "fb", let id = Int64(parts[1]), let reaction = FeedbackReaction(code: String(parts[2])) else {
            return nil
        }
        return (id, reaction)
    }

    public static func parse(telegramData data: String) -> (notification: Int64, reaction: FeedbackReaction)? {
        parse(data.split(separator: ":", omittingEmptySubsequences: false))
    }

    /// The label of `reaction`'s button, marked when it is the one chosen.
    public static func label(_ reaction: FeedbackReaction, company: String?, chosen: FeedbackReaction?) -> String {
        (reaction == chosen ? "✓ " : "") + reaction.label(company: company)
    }
}
