import Domain
import Support

/// A match as an email: the same content and reasons as the other destinations, as text and as
/// HTML (every value from a posting escaped), with the way out in every message.
public enum EmailNotificationMessage {
    /// How to change or stop an alert's mail, without replying to it: alerts are managed in Discord
    /// (a member's own) and in alerts.yaml (the server's). `List-Unsubscribe` still carries a mail
    /// to the sender's address, which the operator reads, for mail programs' own button.
    static func manageLine(profile: String?) -> String {
        let name = profile.map { "/alerts remove \($0.clipped(to: 40))" } ?? "/alerts remove"
        let reset = profile.map { "/alerts reset \($0.clipped(to: 40))" } ?? "/alerts reset"
        return "Manage alerts: if this alert is yours, \(name) in the Discord server stops it, and \(reset) forgets what "
            + "your 👍 and 👎 taught it. If an admin set it up for this address, ask the server's admins to remove it."
    }

    /// With `links` (the dashboard is public), the mail carries 👍 / 👎 / 🚫 and unsubscribe links,
    /// and `List-Unsubscribe` a one-click https address.
    public static func alert(
        _ notification: AlertNotification, to address: String, settings: SMTPSettings, messageID: String, date: Int64,
        links: EmailLinks? = nil
    ) -> EmailMessage {
        let headline = notification.headline.clipped(to: 300)
        var lines = [headline]
        let details = notification.details
        if !details.isEmpty { lines.append(details.clipped(to: 500)) }
        lines.append(notification.why)
        lines.append("Profile: \(notification.profileName.clipped(to: 100))")
        if let url = notification.posting.url { lines.append("Apply: \(url)") }
        var html = ["<p><b>\(escape(headline))</b></p>"]
        if !details.isEmpty { html.append("<p>\(escape(details.clipped(to: 500)))</p>") }
        html.append("<p>\(escape(notification.why))</p>")
        html.append("<p>Profile: \(escape(notification.profileName.clipped(to: 100)))</p>")
        if let url = notification.posting.url, url.lowercased().hasPrefix("https:") || url.lowercased().hasPrefix("http:") {
            html.append("<p><a href=\"\(escape(url))\">Apply</a></p>")
        }
        var unsubscribe: String?
        if let links, let id = notification.feedbackID {
            let reactions = FeedbackReaction.offered(company: notification.posting.company).map { reaction in
                (
                    label: reaction.label(company: notification.posting.company?.clipped(to: 60)),
                    url: links.url(notification: id, action: .feedback(reaction))
                )
            }
            lines.append("")
            lines.append(contentsOf: reactions.map { "\($0.label): \($0.url)" })
            html.append("<p>" + reactions.map { "<a href=\"\(escape($0.url))\">\(escape($0.label))</a>" }.joined(separator: " · ") + "</p>")
            unsubscribe = links.url(notification: id, action: .unsubscribe)
        }
        return message(
            subject: "Job alert: \(headline)", text: lines, html: html, profile: notification.profileName, to: address, settings: settings,
            messageID: messageID, date: date, unsubscribeURL: unsubscribe)
    }

    /// The code a member gives back with `/alerts confirm` before matches are mailed here.
    public static func confirmation(
        code: String, profile: String, to address: String, settings: SMTPSettings, messageID: String, date: Int64
    ) -> EmailMessage {
        let lines = [
            "Your confirmation code: \(code)",
            "In Discord, run /alerts confirm code:\(code) within 30 minutes, and the matches of your alert "
                + "\(profile.clipped(to: 40)) will be mailed here too.",
            "If you did not ask for this, ignore this mail: nothing will be sent to this address.",
        ]
        return EmailMessage(
            from: settings.from, fromName: settings.fromName, to: address, subject: "Your HiringPulse confirmation code: \(code)",
            text: lines.joined(separator: "\n") + "\n",
            html: "<!doctype html><html><body>" + lines.map { "<p>\(escape($0))</p>" }.joined() + "</body></html>\n",
            messageID: messageID, date: date)
    }

    /// A short message to the admins (a feed's health).
    public static func text(_ text: String, to address: String, settings: SMTPSettings, messageID: String, date: Int64) -> EmailMessage {
        message(
            subject: "HiringPulse: \(text.firstLine.clipped(to: 120))", text: [text], html: ["<p>\(escape(text))</p>"], profile: nil,
            to: address, settings: settings, messageID: messageID, date: date)
    }

    /// `unsubscribeURL`: the signed link that stops this alert's mail to this address, shown last
    /// and given first in `List-Unsubscribe` (one click, RFC 8058).
    private static func message(
        subject: String, text: [String], html: [String], profile: String?, to address: String, settings: SMTPSettings, messageID: String,
        date: Int64, unsubscribeURL: String? = nil
    ) -> EmailMessage {
        var footer = [manageLine(profile: profile)]
        var htmlFooter = ["<p><small>\(escape(footer[0]))</small></p>"]
        if let unsubscribeURL {
            footer.append("Stop these mails: \(unsubscribeURL)")
            htmlFooter.append("<p><small><a href=\"\(escape(unsubscribeURL))\">Stop these mails</a></small></p>")
        }
        return EmailMessage(
            from: settings.from, fromName: settings.fromName, to: address, subject: subject,
            text: (text + ["", "--"] + footer).joined(separator: "\n") + "\n",
            html: "<!doctype html><html><body>" + html.joined() + "<hr>" + htmlFooter.joined() + "</body></html>\n",
            messageID: messageID, date: date,
            unsubscribe: (unsubscribeURL.map { [$0] } ?? []) + ["mailto:\(settings.from)?subject=unsubscribe"])
    }

    /// Telegram's HTML escaping is a mail's too: text and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        TelegramMessage.escape(text, attribute: true)
    }
}
