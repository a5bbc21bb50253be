public import JSON

/// What the bot answers an interaction with (Interactions › Receiving and Responding).
public struct InteractionReply: Sendable, Hashable {
    public var content: String?
    public var embeds: [Embed]
    /// Seen only by the member who asked.
    public var ephemeral: Bool
    /// Action rows of buttons, as Discord's component JSON.
    public var components: [JSONValue]

    public init(content: String? = nil, embeds: [Embed] = [], ephemeral: Bool = false, components: [JSONValue] = []) {
        self.content = content
        self.embeds = embeds
        self.ephemeral = ephemeral
        self.components = components
    }

    /// A short ephemeral message: refusals and errors.
    public static func notice(_ text: String) -> InteractionReply {
        InteractionReply(content: Embed.cut(text, to: Embed.contentLimit), ephemeral: true)
    }

    /// The message body, for a callback's `data`, a follow-up, or an edit of the original.
    public var messageJSON: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("content", content.map { .string(Embed.cut($0, to: Embed.contentLimit)) } ?? .null),
            ("embeds", .array(Embed.fit(embeds).map(\.json))),
            ("components", .array(components)),
            ("allowed_mentions", .object([("parse", .array([]))])),
        ]
        if ephemeral { members.append(("flags", .integer(InteractionCallback.ephemeralFlag))) }
        return .object(members)
    }
}

/// Interaction callback bodies, by Discord's callback types.
public enum InteractionCallback {
    public static let ephemeralFlag: Int64 = 1 << 6

    /// Type 4: answer now with a message.
    public static func message(_ reply: InteractionReply) -> JSONValue {
        .object([("type", .integer(4)), ("data", reply.messageJSON)])
    }

    /// Type 5: "thinking…"; the answer follows as an edit of the original response.
    public static func deferred(ephemeral: Bool) -> JSONValue {
        .object([("type", .integer(5)), ("data", .object(ephemeral ? [("flags", .integer(ephemeralFlag))] : []))])
    }

    /// Type 6: a button press acknowledged; the message is edited afterwards.
    public static let deferredUpdate: JSONValue = .object([("type", .integer(6))])

    /// Type 7: replace the message a button belongs to (pagination).
    public static func updateMessage(_ reply: InteractionReply) -> JSONValue {
        .object([("type", .integer(7)), ("data", reply.messageJSON)])
    }

    /// Type 8: autocomplete suggestions, at most 25.
    public static func autocomplete(_ choices: [(name: String, value: String)]) -> JSONValue {
        .object([
            ("type", .integer(8)),
            (
                "data",
                .object([
                    (
                        "choices",
                        .array(
                            choices.prefix(25).map {
                                .object([("name", .string(Embed.cut($0.name, to: 100))), ("value", .string(Embed.cut($0.value, to: 100)))])
                            })
                    )
                ])
            ),
        ])
    }
}
