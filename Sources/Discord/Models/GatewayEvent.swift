public import JSON

/// A dispatched gateway event (op 0), typed for the events the bot handles and raw for the rest.
public enum GatewayEvent: Sendable, Hashable {
    case ready(DiscordReady)
    case resumed
    case guildCreate(DiscordGuild)
    case messageCreate(DiscordMessage)
    case messageUpdate(DiscordMessage)
    case messageDelete(DiscordMessageDelete)
    case messageDeleteBulk(DiscordMessageDeleteBulk)
    case interactionCreate(DiscordInteraction)
    /// Any other event, passed on as received.
    case other(type: String, data: JSONValue)

    /// Decodes an op 0 frame. A payload missing what Discord always sends throws, naming the event
    /// and the field, so the caller can log it and go on.
    public init(frame: GatewayFrame) throws(DiscordDecodingError) {
        guard let type = frame.type else { throw DiscordDecodingError("dispatch (op 0) without a type") }
        do {
            switch type {
            case "READY": self = .ready(try DiscordReady(json: frame.data))
            case "RESUMED": self = .resumed
            case "GUILD_CREATE": self = .guildCreate(try DiscordGuild(json: frame.data))
            case "MESSAGE_CREATE": self = .messageCreate(try DiscordMessage(json: frame.data))
            case "MESSAGE_UPDATE": self = .messageUpdate(try DiscordMessage(json: frame.data))
            case "MESSAGE_DELETE": self = .messageDelete(try DiscordMessageDelete(json: frame.data))
            case "MESSAGE_DELETE_BULK": self = .messageDeleteBulk(try DiscordMessageDeleteBulk(json: frame.data))
            case "INTERACTION_CREATE": self = .interactionCreate(try DiscordInteraction(json: frame.data))
            default: self = .other(type: type, data: frame.data)
            }
        } catch {
            throw DiscordDecodingError("\(type) (op 0, s=\(frame.sequence.map(String.init) ?? "-")): \(error.description)")
        }
    }

    /// The dispatch name, as Discord writes it (`MESSAGE_CREATE`).
    public var typeName: String {
        switch self {
        case .ready: "READY"
        case .resumed: "RESUMED"
        case .guildCreate: "GUILD_CREATE"
        case .messageCreate: "MESSAGE_CREATE"
        case .messageUpdate: "MESSAGE_UPDATE"
        case .messageDelete: "MESSAGE_DELETE"
        case .messageDeleteBulk: "MESSAGE_DELETE_BULK"
        case .interactionCreate: "INTERACTION_CREATE"
        case .other(let type, _): type
        }
    }
}
