public import JSON

/// Discord's limits on a message it is asked to send or edit ("Create Message" and "Embed
/// Limits" in Discord's docs), counted in Unicode code points as Discord counts them: content
/// 2000; at most 10 embeds; title 256, description 4096, 25 fields (name 256 and value 1024, both
/// required), footer 2048, author name 256, and 6000 across all the embeds' texts.
public enum FakeMessageLimits {
    /// Where `payload` breaks a limit and how, as Discord's `errors` would name it; nil if it fits.
    public static func violation(in payload: JSONValue) -> String? {
        if let content = payload["content"]?.stringValue, length(content) > 2000 {
            return "content: Must be 2000 or fewer in length."
        }
        guard case .array(let embeds)? = payload["embeds"] else { return nil }
        if embeds.count > 10 { return "embeds: Must be 10 or fewer in length." }
        var total = 0
        for (index, embed) in embeds.enumerated() {
            var texts: [(path: String, value: JSONValue?, limit: Int)] = [
                ("title", embed["title"], 256), ("description", embed["description"], 4096),
                ("footer.text", embed["footer"]?["text"], 2048), ("author.name", embed["author"]?["name"], 256),
            ]
            if case .array(let fields)? = embed["fields"] {
                if fields.count > 25 { return "embeds.\(index).fields: Must be 25 or fewer in length." }
                for (number, field) in fields.enumerated() {
                    for (key, limit) in [("name", 256), ("value", 1024)] {
                        guard let text = field[key]?.stringValue, !text.isEmpty else {
                            return "embeds.\(index).fields.\(number).\(key): This field is required"
                        }
                        texts.append(("fields.\(number).\(key)", .string(text), limit))
                    }
                }
            }
            for text in texts {
                guard let string = text.value?.stringValue else { continue }
                total += length(string)
                if length(string) > text.limit { return "embeds.\(index).\(text.path): Must be \(text.limit) or fewer in length." }
            }
        }
        return total > 6000 ? "embeds: Embed size exceeds maximum size of 6000" : nil
    }

    /// Its own count, not the bot's `Embed.length`: a wrong count in the bot must show here.
    private static func length(_ text: String) -> Int { text.unicodeScalars.count }
}
