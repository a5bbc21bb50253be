/// What a feedback button carries: the notification (its outbox row) and the reaction, "fb:42:up",
/// read back when it is pressed. Telegram's `callback_data` is that (at most 64 bytes); Discord's
/// `custom_id` puts the command it routes to in front ("alerts:fb:42:up").
public enum FeedbackButton {
    public static func data(notification: Int64, reaction: FeedbackReaction) -> String {
        "fb:\(notification):\(reaction.code)"
    }

    public static func discordID(notification: Int64, reaction: FeedbackReaction) -> String {
        "alerts:" + data(notification: notification, reaction: reaction)
    }

    /// The notification and reaction of "fb:42:up"; nil for anything else.
    public static func parse(_ data: String) -> (notification: Int64, reaction: FeedbackReaction)? {
        let parts = data.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "fb", let id = Int64(parts[1]), let reaction = FeedbackReaction(code: String(parts[2])) else {
            return nil
        }
        return (id, reaction)
    }

    /// The label of `reaction`'s button, marked when it is the one chosen.
    public static func label(_ reaction: FeedbackReaction, company: String?, chosen: FeedbackReaction?) -> String {
        (reaction == chosen ? "✓ " : "") + reaction.label(company: company)
    }
}
