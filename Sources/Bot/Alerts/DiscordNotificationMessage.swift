public import Alerts
public import Discord
import Domain
import JSON

/// Alerts and admin reports as Discord messages, within Discord's limits as Discord counts them
/// (code points, 6,000 across the embed: `Embed`), and mentioning nobody, whatever a posting's
/// text or a feed's error holds.
public enum DiscordNotificationMessage {
    /// One embed: the headline linking to the posting, what kind of job and why it matched. With
    /// `feedback`, the buttons a member reacts with (direct messages: only the recipient sees them).
    static func alert(_ notification: AlertNotification, nonce: String?, feedback: Bool) -> MessagePayload {
        let buttons = feedback ? feedbackButtons(notification, chosen: nil) : []
        return MessagePayload(content: "", embeds: [embed(notification)], components: buttons, nonce: nonce)
    }

    /// The alert's embed.
    public static func embed(_ notification: AlertNotification) -> Embed {
        let url = notification.posting.url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        let description = [notification.details, notification.why].filter { !$0.isEmpty }.joined(separator: "\n")
        return Embed(title: notification.headline, url: url, description: description, footer: "Job alert · \(notification.profileName)")
    }

    /// 👍 / 👎 / 🚫 under an alert; the one `chosen` stands out. None without the notification's id.
    public static func feedbackButtons(_ notification: AlertNotification, chosen: FeedbackReaction?) -> [ActionRow] {
        guard let id = notification.feedbackID else { return [] }
        let buttons = FeedbackReaction.offered(company: notification.posting.company).map { reaction in
            let style: ActionRow.Style =
                reaction != chosen ? .secondary : reaction == .relevant ? .success : reaction == .notForMe ? .primary : .danger
            return (
                label: FeedbackButton.label(reaction, company: notification.posting.company, chosen: chosen),
                id: FeedbackButton.discordID(notification: id, reaction: reaction), style: style, disabled: false
            )
        }
        return [ActionRow(buttons)]
    }

    /// A plain text, as an admin report is sent.
    static func text(_ text: String, nonce: String?) -> MessagePayload {
        MessagePayload(content: text, nonce: nonce)
    }
}
