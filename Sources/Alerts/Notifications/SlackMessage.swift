import Domain
import Foundation
public import JSON
import Support

/// A match as a Slack incoming-webhook payload: blocks (a header, a section with the link, a
/// context line with the reasons and score) and the `text` fallback that notifications and
/// old clients show.
public enum SlackMessage {
    public static func payload(_ notification: AlertNotification) -> JSONValue {
        let headline = notification.headline
        let details = notification.details
        var section = "*\(escape(headline.clipped(to: 500)))*"
        if !details.isEmpty { section += "\n" + escape(details.clipped(to: 500)) }
        if let url = notification.posting.url, let link = linkTarget(url) { section += "\n<\(link)|Apply>" }
        let context = escape((notification.why + " · profile \(notification.profileName)").clipped(to: 2_000))
        let fallback = [headline, details, notification.posting.url].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        return .object([
            ("text", .string(escape(fallback.clipped(to: 3_000)))),
            (
                "blocks",
                .array([
                    .object([("type", .string("header")), ("text", plainText(headline.clipped(to: 150)))]),
                    .object([("type", .string("section")), ("text", .object([("type", .string("mrkdwn")), ("text", .string(section))]))]),
                    .object([
                        ("type", .string("context")),
                        ("elements", .array([.object([("type", .string("mrkdwn")), ("text", .string(context))])])),
                    ]),
                ])
            ),
        ])
    }

    private static func plainText(_ text: String) -> JSONValue {
        .object([("type", .string("plain_text")), ("text", .string(text)), ("emoji", .bool(true))])
    }

    /// Slack's mrkdwn escaping: only `&`, `<` and `>` are control characters.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A URL fit to sit in `<url|label>`: http(s) only, `&` escaped as everywhere in mrkdwn, and
    /// the characters that would end the link percent-encoded.
    static func linkTarget(_ url: String) -> String? {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
        return url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "|", with: "%7C")
            .replacingOccurrences(of: ">", with: "%3E")
            .replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: " ", with: "%20")
    }
}
