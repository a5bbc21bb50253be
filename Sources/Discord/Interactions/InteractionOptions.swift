public import JSON

/// The options a member filled in, flattened through subcommands: `/alias add company:x`
/// reads as path ["alias", "add"] with `company` = "x".
public struct InteractionOptions: Sendable, Hashable {
    /// The command and any subcommand group and subcommand.
    public var path: [String]
    public var values: [String: JSONValue]
    /// The option being typed, for autocomplete.
    public var focused: String?

    public init(data: JSONValue?) {
        path = [data?["name"]?.stringValue ?? ""]
        values = [:]
        var options = data?["options"]?.arrayValue ?? []
        while let first = options.first, let type = first["type"]?.integerValue, type == 1 || type == 2 {
            path.append(first["name"]?.stringValue ?? "")
            options = first["options"]?.arrayValue ?? []
        }
        for option in options {
            guard let name = option["name"]?.stringValue, let value = option["value"] else { continue }
            values[name] = value
            if option["focused"]?.boolValue == true { focused = name }
        }
    }

    public func string(_ name: String) -> String? { values[name]?.stringValue }

    public func integer(_ name: String) -> Int64? { values[name]?.integerValue }
}
