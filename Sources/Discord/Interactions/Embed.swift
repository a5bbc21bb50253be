public import JSON

/// A message embed, fitted to Discord's limits when serialized: title 256, description 4096,
/// 25 fields (name 256, value 1024), footer 2048, and 6000 characters across all embeds of a
/// message. Whatever would not fit is cut with an ellipsis, never sent to be refused. Discord
/// counts characters as Unicode code points (its API is Python 3; discord-api-docs #1315), so a
/// flag or a family emoji counts as several.
public struct Embed: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        public var inline: Bool

        public init(_ name: String, _ value: String, inline: Bool = false) {
            self.name = name
            self.value = value
            self.inline = inline
        }
    }

    public static let titleLimit = 256
    public static let descriptionLimit = 4096
    public static let fieldLimit = 25
    public static let fieldNameLimit = 256
    public static let fieldValueLimit = 1024
    public static let footerLimit = 2048
    public static let totalLimit = 6000
    /// A message's own text, beside its embeds; counted and cut the same way.
    public static let contentLimit = 2000

    public var title: String?
    /// Where the title links; not counted towards the limits.
    public var url: String?
    public var description: String?
    public var fields: [Field]
    public var footer: String?
    public var color: Int?
    /// The embed's large image: a web address, or `attachment://NAME` for a file sent with the
    /// message. Not counted towards the limits.
    public var imageURL: String?

    public init(
        title: String? = nil, url: String? = nil, description: String? = nil, fields: [Field] = [], footer: String? = nil,
        color: Int? = nil, imageURL: String? = nil
    ) {
        self.title = title
        self.url = url
        self.description = description
        self.fields = fields
        self.footer = footer
        self.color = color
        self.imageURL = imageURL
    }

    /// The embed cut to every per-part limit.
    public var fitted: Embed {
        var embed = self
        embed.title = title.map { Self.cut($0, to: Self.titleLimit) }
        embed.description = description.map { Self.cut($0, to: Self.descriptionLimit) }
        embed.fields = fields.prefix(Self.fieldLimit).map {
            Field(
                Self.cut($0.name.isEmpty ? "\u{200B}" : $0.name, to: Self.fieldNameLimit),
                Self.cut($0.value.isEmpty ? "\u{200B}" : $0.value, to: Self.fieldValueLimit), inline: $0.inline)
        }
        embed.footer = footer.map { Self.cut($0, to: Self.footerLimit) }
        return embed
    }

    /// Characters that count towards the 6000 of a message.
    public var characterCount: Int {
        Self.length(title ?? "") + Self.length(description ?? "") + Self.length(footer ?? "")
            + fields.reduce(0) { $0 + Self.length($1.name) + Self.length($1.value) }
    }

    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let title { members.append(("title", .string(title))) }
        if let url { members.append(("url", .string(url))) }
        if let description { members.append(("description", .string(description))) }
        if let color { members.append(("color", .integer(Int64(color)))) }
        if !fields.isEmpty {
            members.append(
                (
                    "fields",
                    .array(
                        fields.map {
                            .object([("name", .string($0.name)), ("value", .string($0.value)), ("inline", .bool($0.inline))])
                        })
                ))
        }
        if let footer { members.append(("footer", .object([("text", .string(footer))]))) }
        if let imageURL { members.append(("image", .object([("url", .string(imageURL))]))) }
        return .object(members)
    }

    /// Embeds fitted together: each to its own limits, then fields and descriptions dropped or
    /// cut from the end until the whole stays within 6000 characters.
    public static func fit(_ embeds: [Embed]) -> [Embed] {
        var fitted = embeds.prefix(10).map(\.fitted)
        var excess = fitted.reduce(0) { $0 + $1.characterCount } - totalLimit
        var index = fitted.count - 1
        while excess > 0, index >= 0 {
            while excess > 0, let last = fitted[index].fields.last {
                fitted[index].fields.removeLast()
                excess -= length(last.name) + length(last.value)
            }
            if excess > 0, let description = fitted[index].description {
                let keep = max(0, length(description) - excess - 1)
                fitted[index].description = cut(description, to: keep + 1)
                excess -= length(description) - length(fitted[index].description ?? "")
            }
            index -= 1
        }
        return fitted
    }

    /// The length of `text` as Discord measures it: Unicode code points.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text`, cut with an ellipsis to at most `limit` code points, between whole characters so
    /// that no emoji or accent is split.
    public static func cut(_ text: String, to limit: Int) -> String {
        guard length(text) > limit else { return text }
        let room = limit > 1 ? limit - 1 : max(0, limit)
        var kept = 0
        var end = text.startIndex
        while end < text.endIndex {
            let next = text.index(after: end)
            let size = text.unicodeScalars[end..<next].count
            guard kept + size <= room else { break }
            kept += size
            end = next
        }
        return limit > 1 ? text[..<end] + "…" : String(text[..<end])
    }
}
