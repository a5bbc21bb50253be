public import JSON

/// One row of buttons under a message (Discord: Message Components). Discord takes five buttons
/// a row and labels of 80 characters; a button's custom id (at most 100 bytes) is what a press
/// routes on, so it is never cut: the caller leaves out a button whose id is too long.
public struct ActionRow: Sendable, Hashable {
    public enum Style: Int64, Sendable {
        case primary = 1
        case secondary
        case success
        case danger
    }

    public struct Button: Sendable, Hashable {
        public var label: String
        public var customID: String
        public var style: Style
        public var disabled: Bool
    }

    public var buttons: [Button]

    public init(_ buttons: [(label: String, id: String, style: Style, disabled: Bool)]) {
        self.buttons = buttons.map { Button(label: $0.label, customID: $0.id, style: $0.style, disabled: $0.disabled) }
    }

    public var jsonValue: JSONValue {
        .object([
            ("type", .integer(1)),
            (
                "components",
                .array(
                    buttons.prefix(5).map {
                        .object([
                            ("type", .integer(2)), ("label", .string(Embed.cut($0.label, to: 80))), ("style", .integer($0.style.rawValue)),
                            ("custom_id", .string($0.customID)), ("disabled", .bool($0.disabled)),
                        ])
                    })
            ),
        ])
    }
}
