import Alerts
import Discord
import Domain
import JSON

/// Alerts and admin reports as Discord messages, within Discord's limits as Discord counts them
/// (code points, 6,000 across the embed: `Embed`), and mentioning nobody, whatever a posting's
/// text or a feed's error holds.
enum DiscordNotificationMessage {
    /// One embed: the headline linking to the posting, what kind of job and why it matched.
    static func alert(_ notification: AlertNotification, nonce: String?) -> MessagePayload {
        let url = notification.posting.url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        let description = [notification.details, notification.why].filter { !$0.isEmpty }.joined(separator: "\n")
        let embed = Embed(
            title: notification.headline, url: url, description: description, footer: "Job alert · \(notification.profileName)")
        return MessagePayload(content: "", embeds: [embed], nonce: nonce)
    }

    /// A plain text, as an admin report is sent.
    static func text(_ text: String, nonce: String?) -> MessagePayload {
        MessagePayload(content: text, nonce: nonce)
    }
}
