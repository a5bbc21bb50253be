import Domain
import Support

/// A match as a Telegram Bot API `sendMessage` text in HTML parse mode: escaped as Telegram
/// requires (`&`, `<`, `>`, and `"` inside attributes) and within its 4,096-character limit.
public enum TelegramMessage {
    /// Telegram's limit, counted in UTF-16 code units after entities are parsed; counting the
    /// markup too keeps well inside it.
    public static let maximumLength = 4_096

    public static func text(_ notification: AlertNotification) -> String {
        let link = notification.posting.url.map { "\n<a href=\"\(escape($0, attribute: true))\">Apply</a>" } ?? ""
        let footer = "\nProfile: \(escape(notification.profileName.clipped(to: 100)))" + link
        var body = "<b>\(escape(notification.headline.clipped(to: 300)))</b>"
        let details = notification.details
        if !details.isEmpty { body += "\n" + escape(details.clipped(to: 500)) }
        body += "\n" + escape(notification.why)
        // The link and profile always fit; the reasons give way.
        let room = maximumLength - footer.utf16.count
        if body.utf16.count > room { body = clipEscaped(body, to: room - 1) + "…" }
        return body + footer
    }

    /// 👍 / 👎 / 🚫 under an alert, in one row; the one `chosen` marked. None without the
    /// notification's id.
    public static func feedbackKeyboard(_ notification: AlertNotification, chosen: FeedbackReaction? = nil) -> [[TelegramButton]] {
        guard let id = notification.feedbackID else { return [] }
        let company = notification.posting.company
        return [
            FeedbackReaction.offered(company: company).map { reaction in
                TelegramButton(
                    text: FeedbackButton.label(reaction, company: company?.clipped(to: 40), chosen: chosen),
                    callbackData: FeedbackButton.data(notification: id, reaction: reaction))
            }
        ]
    }

    static func escape(_ text: String, attribute: Bool = false) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where attribute: escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Cuts escaped HTML to `length` UTF-16 units without splitting an entity or leaving a tag
    /// open: the cut falls before any `&` or `<` whose end it would pass.
    static func clipEscaped(_ html: String, to length: Int) -> String {
        var result = ""
        var units = 0
        var pending = ""
        for character in html {
            if !pending.isEmpty || character == "&" || character == "<" {
                pending.append(character)
                if character == ";" || character == ">" {
                    guard units + pending.utf16.count <= length else { break }
                    result += pending
                    units += pending.utf16.count
                    pending = ""
                }
                continue
            }
            guard units + character.utf16.count <= length else { break }
            result.append(character)
            units += character.utf16.count
        }
        // A bold title cut short still needs its tag closed.
        if result.hasPrefix("<b>") && !result.contains("</b>") { result += "</b>" }
        return result
    }
}
