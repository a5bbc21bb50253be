public import JSON

/// The body of a message the bot creates or edits, a channel message or an interaction's answer
/// (Discord: Create Message, Edit Message, Interaction Response). Its one serialization keeps
/// Discord's limits: the content cut to 2,000 code points, the embeds fitted to theirs, mentions
/// that ping nobody whatever the text holds, and a nonce only where Discord takes it.
public struct MessagePayload: Sendable, Hashable {
    public var content: String?
    public var embeds: [Embed]
    /// Rows of buttons.
    public var components: [ActionRow]
    /// Seen only by the member who asked (an interaction's answer).
    public var ephemeral: Bool
    /// With `enforce_nonce`, Discord returns the message already created with this nonce instead
    /// of creating another. Discord takes at most 25 characters; a longer one is not sent.
    public var nonce: String?
    /// Whether the body names every part, empty ones too (`"content": null`, `"embeds": []`), so
    /// that an edit replaces the whole message; otherwise parts left empty are left out.
    public var replacesAll: Bool
    /// The names of the files sent with the body, in the order of its `files[n]` parts. An edit
    /// that replaces all keeps exactly these: Discord removes attachments an edit does not list.
    public var attachments: [String]

    public init(
        content: String?, embeds: [Embed] = [], components: [ActionRow] = [], ephemeral: Bool = false, nonce: String? = nil,
        replacesAll: Bool = false, attachments: [String] = []
    ) {
        self.content = content
        self.embeds = embeds
        self.components = components
        self.ephemeral = ephemeral
        self.nonce = nonce
        self.replacesAll = replacesAll
        self.attachments = attachments
    }

    public var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let content {
            members.append(("content", .string(Embed.cut(content, to: Embed.contentLimit))))
        } else if replacesAll {
            members.append(("content", .null))
        }
        if replacesAll || !embeds.isEmpty { members.append(("embeds", .array(Embed.fit(embeds).map(\.json)))) }
        if replacesAll || !components.isEmpty { members.append(("components", .array(components.map(\.jsonValue)))) }
        if replacesAll || !attachments.isEmpty {
            let listed = attachments.enumerated().map { index, name in
                JSONValue.object([("id", .integer(Int64(index))), ("filename", .string(name))])
            }
            members.append(("attachments", .array(listed)))
        }
        members.append(("allowed_mentions", .object([("parse", .array([]))])))
        if ephemeral { members.append(("flags", .integer(Self.ephemeralFlag))) }
        if let nonce, nonce.count <= 25 { members += [("nonce", .string(nonce)), ("enforce_nonce", .bool(true))] }
        return .object(members)
    }

    /// The message flag that makes an interaction's answer ephemeral.
    public static let ephemeralFlag: Int64 = 1 << 6
}
