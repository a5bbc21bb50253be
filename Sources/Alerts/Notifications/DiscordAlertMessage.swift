import JSONSchema
import Support

/// A match as a Discord message: one embed (the headline linking to the posting, what kind of job,
/// why it matched) that mentions nobody, whatever the posting's text holds.
public enum DiscordAlertMessage {
    /// `nonce` (at most 25 characters) with `enforce_nonce` makes Discord return the message
    /// already created with it instead of creating another.
    public static func payload(_ notification: AlertNotification, nonce: String? = nil) -> JSONValue {
        var embed: [(key: String, value: JSONValue)] = [("title", .string(notification.headline.clipped(to: 256)))]
        if let url = notification.posting.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
            embed.append(("url", .string(url)))
        }
        let description = [notification.details, notification.why].filter { !$0.isEmpty }.joined(separator: "\n")
        embed.append(("description", .string(description.clipped(to: 4_096))))
        embed.append(("footer", .object([("text", .string("Job alert · \(notification.profileName)".clipped(to: 2_048)))])))
        var payload: [(key: String, value: JSONValue)] = [
            ("content", .string("")),
            ("embeds", .array([.object(embed)])),
            ("allowed_mentions", .object([("parse", .array([]))])),
        ]
        if let nonce, nonce.count <= 25 { payload += [("nonce", .string(nonce)), ("enforce_nonce", .bool(true))] }
        return .object(payload)
    }
}
