import JSON

/// Reading the fields of a Discord payload: required ones throw a `DiscordDecodingError` that names
/// the field, optional ones tolerate absence, `null` and unexpected types, and unknown fields are
/// ignored, so that Discord adding fields never breaks the bot.
struct JSONFields {
    let value: JSONValue
    let context: String

    init(_ value: JSONValue, _ context: String) throws(DiscordDecodingError) {
        guard case .object = value else { throw DiscordDecodingError("\(context) is not an object") }
        self.value = value
        self.context = context
    }

    func snowflake(_ key: String) throws(DiscordDecodingError) -> Snowflake {
        guard let id = optionalSnowflake(key) else { throw DiscordDecodingError("\(context) has no valid \"\(key)\"") }
        return id
    }

    func optionalSnowflake(_ key: String) -> Snowflake? {
        switch value[key] {
        case .string(let text)?: Snowflake(text)
        case .integer(let number)? where number >= 0: Snowflake(rawValue: UInt64(number))
        default: nil
        }
    }

    func string(_ key: String) throws(DiscordDecodingError) -> String {
        guard let text = value[key]?.stringValue else { throw DiscordDecodingError("\(context) has no string \"\(key)\"") }
        return text
    }

    func optionalString(_ key: String) -> String? {
        value[key]?.stringValue
    }

    func int(_ key: String, default fallback: Int) -> Int {
        if case .integer(let number)? = value[key] { return Int(number) }
        return fallback
    }

    func bool(_ key: String) -> Bool {
        value[key] == .bool(true)
    }

    func array(_ key: String) -> [JSONValue] {
        if case .array(let values)? = value[key] { return values }
        return []
    }

    func object(_ key: String) -> JSONValue? {
        guard let member = value[key], case .object = member else { return nil }
        return member
    }
}

/// A payload that lacks what Discord always sends. The event is skipped, never fatal.
public struct DiscordDecodingError: Error, CustomStringConvertible, Sendable, Hashable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
