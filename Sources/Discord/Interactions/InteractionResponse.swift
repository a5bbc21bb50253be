public import JSON

/// What the bot answers an interaction with (Interactions › Receiving and Responding).
public struct InteractionReply: Sendable, Hashable {
    public var content: String?
    public var embeds: [Embed]
    /// Seen only by the member who asked.
    public var ephemeral: Bool
    /// Rows of buttons.
    public var components: [ActionRow]
    /// Files sent with the answer, such as a chart an embed shows as `attachment://NAME`.
    public var files: [DiscordFile]

    public init(
        content: String? = nil, embeds: [Embed] = [], ephemeral: Bool = false, components: [ActionRow] = [], files: [DiscordFile] = []
    ) {
        self.content = content
        self.embeds = embeds
        self.ephemeral = ephemeral
        self.components = components
        self.files = files
    }

    /// A short ephemeral message: refusals and errors.
    public static func notice(_ text: String) -> InteractionReply {
        InteractionReply(content: Embed.cut(text, to: Embed.contentLimit), ephemeral: true)
    }

    /// The message body, for a callback's `data`, a follow-up, or an edit of the original: it
    /// replaces the whole message, so a reply without embeds clears those of the one before.
    public var payload: MessagePayload {
        MessagePayload(
            content: content, embeds: embeds, components: components, ephemeral: ephemeral, replacesAll: true,
            attachments: files.map(\.name))
    }

    public var messageJSON: JSONValue { payload.jsonValue }
}

/// An interaction callback, by Discord's callback types.
public enum InteractionCallback: Sendable {
    /// Type 4: answer now with a message.
    case message(InteractionReply)
    /// Type 5: "thinking…"; the answer follows as an edit of the original response.
    case deferred(ephemeral: Bool)
    /// Type 6: a button press acknowledged; the message is edited afterwards.
    case deferredUpdate
    /// Type 7: replace the message a button belongs to (pagination).
    case updateMessage(InteractionReply)
    /// Type 8: autocomplete suggestions; Discord takes 25, each name and value up to 100 characters.
    case autocomplete([(name: String, value: String)])

    /// The files the callback's message carries, sent as the `files[n]` parts of a multipart body.
    public var files: [DiscordFile] {
        switch self {
        case .message(let reply), .updateMessage(let reply): reply.files
        case .deferred, .deferredUpdate, .autocomplete: []
        }
    }

    public var jsonValue: JSONValue {
        switch self {
        case .message(let reply): .object([("type", .integer(4)), ("data", reply.messageJSON)])
        case .deferred(let ephemeral):
            .object([("type", .integer(5)), ("data", .object(ephemeral ? [("flags", .integer(MessagePayload.ephemeralFlag))] : []))])
        case .deferredUpdate: .object([("type", .integer(6))])
        case .updateMessage(let reply): .object([("type", .integer(7)), ("data", reply.messageJSON)])
        case .autocomplete(let choices):
            .object([
                ("type", .integer(8)),
                (
                    "data",
                    .object([
                        (
                            "choices",
                            .array(
                                choices.prefix(25).map {
                                    .object([
                                        ("name", .string(Embed.cut($0.name, to: 100))), ("value", .string(Embed.cut($0.value, to: 100))),
                                    ])
                                })
                        )
                    ])
                ),
            ])
        }
    }
}
