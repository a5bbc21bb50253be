public import JSON

/// A slash command as declared in Discord's application-command JSON, typed for what the bot
/// reads (help text, option lookup) and kept verbatim for registration.
public struct ApplicationCommand: Sendable, Hashable {
    public struct Option: Sendable, Hashable {
        public var type: OptionType?
        public var name: String
        public var description: String
        public var isRequired: Bool
        public var options: [Option]
    }

    /// Discord's application command option types.
    public enum OptionType: Int, Sendable, Hashable {
        case subcommand = 1
        case subcommandGroup, string, integer, boolean, user, channel, role, mentionable, number, attachment
    }

    public var name: String
    public var description: String
    /// Discord's permission bitfield as a decimal string; nil lets every member see the command.
    public var defaultMemberPermissions: String?
    public var options: [Option]
    /// The declaration exactly as written, sent as is when registering.
    public var json: JSONValue

    public init(json: JSONValue) {
        self.json = json
        name = json["name"]?.stringValue ?? ""
        description = json["description"]?.stringValue ?? ""
        defaultMemberPermissions = json["default_member_permissions"]?.stringValue
        options = Self.options(json["options"])
    }

    private static func options(_ value: JSONValue?) -> [Option] {
        guard case .array(let items)? = value else { return [] }
        return items.map { item in
            Option(
                type: item["type"]?.integerValue.flatMap { OptionType(rawValue: Int($0)) }, name: item["name"]?.stringValue ?? "",
                description: item["description"]?.stringValue ?? "", isRequired: item["required"]?.boolValue ?? false,
                options: options(item["options"]))
        }
    }

    /// "/stats [company]", "/alias add <company> <alias>": the usage line for help.
    public var usage: [String] {
        let subcommands = options.filter { $0.type == .subcommand || $0.type == .subcommandGroup }
        guard !subcommands.isEmpty else { return ["/" + ([name] + options.map(Self.placeholder)).joined(separator: " ")] }
        return subcommands.flatMap { sub -> [String] in
            if sub.type == .subcommandGroup {
                return sub.options.map { "/" + ([name, sub.name, $0.name] + $0.options.map(Self.placeholder)).joined(separator: " ") }
            }
            return ["/" + ([name, sub.name] + sub.options.map(Self.placeholder)).joined(separator: " ")]
        }
    }

    private static func placeholder(_ option: Option) -> String {
        option.isRequired ? "<\(option.name)>" : "[\(option.name)]"
    }
}
