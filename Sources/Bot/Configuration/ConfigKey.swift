import Discord
import Foundation

/// A value as written: a YAML scalar or an environment variable's text, or a YAML list.
public enum ConfigInput: Sendable, Hashable {
    case text(String)
    case list([String])
}

/// Why a written value is not one of its key's: one line, without the key (the loader adds it).
public struct ConfigValueError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// One key of `config/hiringpulse.yaml`, typed: its name, default, meaning, and how a written
/// value becomes a `Value` (or a one-line reason it does not). Every key is a static member
/// (`ConfigKey.databasePath`, in ConfigKeys.swift) listed in `ConfigOption.all`, which drives
/// reading, validation and `config check`; code reads a value as `config[.databasePath]`.
public struct ConfigKey<Value: Sendable>: Sendable {
    /// `database.path`; the environment variable is derived from it.
    public let name: String
    public let defaultValue: Value
    public let help: String
    /// What a value must be, for "expected …, got a list" (`an integer`, `true or false`).
    let expected: String
    /// Written as a YAML list (in the environment: comma-separated).
    let isList: Bool
    let parse: @Sendable (ConfigInput) throws(ConfigValueError) -> Value
    /// The value as `config check` prints it.
    let text: @Sendable (Value) -> String

    init(
        _ name: String, default defaultValue: Value, expected: String, isList: Bool = false, _ help: String,
        parse: @escaping @Sendable (ConfigInput) throws(ConfigValueError) -> Value,
        text: @escaping @Sendable (Value) -> String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
        self.expected = expected
        self.isList = isList
        self.parse = parse
        self.text = text
    }

    /// A value as written, read as this key's type.
    public func read(_ input: ConfigInput) throws(ConfigValueError) -> Value {
        try parse(input)
    }

    /// A scalar key: its text, read by `read`; a list is not one.
    static func scalar(
        _ name: String, default defaultValue: Value, expected: String, _ help: String,
        read: @escaping @Sendable (String) throws(ConfigValueError) -> Value, text: @escaping @Sendable (Value) -> String
    ) -> ConfigKey {
        ConfigKey(
            name, default: defaultValue, expected: expected, help,
            parse: { input throws(ConfigValueError) in
                guard case .text(let text) = input else { throw ConfigValueError("expected \(expected), got a list") }
                return try read(text)
            }, text: text)
    }
}

extension ConfigKey where Value == String {
    static func string(_ name: String, default defaultValue: String, _ help: String) -> ConfigKey {
        .scalar(name, default: defaultValue, expected: "a string", help, read: { $0 }, text: { $0 })
    }
}

extension ConfigKey where Value == String? {
    /// Empty is nil (`discord.gateway_url`: ask Discord).
    static func optionalString(_ name: String, _ help: String) -> ConfigKey {
        .scalar(name, default: nil, expected: "a string", help, read: { $0.isEmpty ? nil : $0 }, text: { $0 ?? "" })
    }
}

extension ConfigKey where Value == Int {
    static func integer(_ name: String, default defaultValue: Int, minimum: Int, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "an integer", help,
            read: { text throws(ConfigValueError) in
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigValueError("expected an integer, got \"\(text)\"")
                }
                guard value >= minimum else { throw ConfigValueError("must be at least \(minimum), got \(value)") }
                return value
            }, text: { String($0) })
    }
}

extension ConfigKey where Value == Bool {
    /// `true` or `false`, in any case.
    static func boolean(_ name: String, default defaultValue: Bool, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "true or false", help,
            read: { text throws(ConfigValueError) in
                switch text.lowercased() {
                case "true": return true
                case "false": return false
                default: throw ConfigValueError("expected true or false, got \"\(text)\"")
                }
            }, text: { String($0) })
    }
}

extension ConfigKey where Value == Double {
    static func number(_ name: String, default defaultValue: Double, minimum: Double, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "a number", help,
            read: { text throws(ConfigValueError) in
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    throw ConfigValueError("expected a number, got \"\(text)\"")
                }
                guard value >= minimum else { throw ConfigValueError("must be at least \(numberText(minimum)), got \(text)") }
                return value
            }, text: numberText)
    }
}

extension ConfigKey where Value == Double? {
    /// A number of at least 0, or empty for nil (`llm.temperature`: the server's own).
    static func numberOrEmpty(_ name: String, default defaultValue: Double?, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "a number or empty", help,
            read: { text throws(ConfigValueError) in
                guard !text.isEmpty else { return nil }
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
                    throw ConfigValueError("expected a number of at least 0, or empty, got \"\(text)\"")
                }
                return value
            }, text: { $0.map(numberText) ?? "" })
    }
}

extension ConfigKey where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of the enumeration's raw values.
    static func choice(_ name: String, default defaultValue: Value, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "a string", help,
            read: { text throws(ConfigValueError) in
                guard let value = Value(rawValue: text) else {
                    throw ConfigValueError(
                        "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
                }
                return value
            }, text: { $0.rawValue })
    }
}

extension ConfigKey where Value == HTTPAddress? {
    /// `host:port`, or empty for nil (off).
    static func address(_ name: String, default defaultValue: HTTPAddress?, _ help: String) -> ConfigKey {
        .scalar(
            name, default: defaultValue, expected: "host:port", help,
            read: { text throws(ConfigValueError) in
                guard !text.isEmpty else { return nil }
                guard let address = HTTPAddress(text) else {
                    throw ConfigValueError("expected host:port with a port from 0 to 65535, got \"\(text)\"")
                }
                return address
            }, text: { $0?.description ?? "" })
    }
}

extension ConfigKey where Value == DiscordGateway.ShardCount {
    /// A number of at least `minimum`, or `auto`.
    static func integerOrAuto(_ name: String, minimum: Int, _ help: String) -> ConfigKey {
        .scalar(
            name, default: .automatic, expected: "an integer or auto", help,
            read: { text throws(ConfigValueError) in
                guard text != "auto" else { return .automatic }
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigValueError("expected an integer or auto, got \"\(text)\"")
                }
                guard value >= minimum else { throw ConfigValueError("must be at least \(minimum), got \(value)") }
                return .fixed(value)
            },
            text: { count in
                switch count {
                case .automatic: "auto"
                case .fixed(let count): String(count)
                }
            })
    }
}

extension ConfigKey {
    /// A YAML list, or comma-separated text; items trimmed, empty ones left out, each read by `item`.
    static func list<Item: Sendable>(
        _ name: String, default defaultValue: Value, _ help: String, item: @escaping @Sendable (String) throws(ConfigValueError) -> Item,
        value: @escaping @Sendable ([Item]) -> Value, text: @escaping @Sendable (Value) -> [String]
    ) -> ConfigKey {
        ConfigKey(
            name, default: defaultValue, expected: "a list of strings", isList: true, help,
            parse: { input throws(ConfigValueError) in
                let written: [String]
                switch input {
                case .text(let text): written = text.split(separator: ",").map(String.init)
                case .list(let items): written = items
                }
                var items: [Item] = []
                for text in written.map({ $0.trimmingCharacters(in: .whitespaces) }) where !text.isEmpty {
                    items.append(try item(text))
                }
                return value(items)
            }, text: { text($0).joined(separator: ",") })
    }
}

extension ConfigKey where Value == GatewayIntents {
    /// Intents by name, as `GatewayIntents.names` spells them.
    static func intents(_ name: String, default defaultValue: GatewayIntents, _ help: String) -> ConfigKey {
        let names = GatewayIntents.names.map(\.name)
        return .list(
            name, default: defaultValue, help,
            item: { text throws(ConfigValueError) in
                guard names.contains(text) else { throw ConfigValueError("\"\(text)\" is not one of \(names.joined(separator: ", "))") }
                return text
            }, value: { GatewayIntents(names: $0) },
            text: { intents in GatewayIntents.names.filter { intents.contains($0.intent) }.map(\.name) })
    }
}

extension ConfigKey where Value == [Snowflake] {
    static func ids(_ name: String, _ help: String) -> ConfigKey {
        .list(
            name, default: [], help,
            item: { text throws(ConfigValueError) in
                guard let id = Snowflake(text) else {
                    throw ConfigValueError("\"\(text)\" is not a Discord id (a number, as Developer Mode's Copy ID gives it)")
                }
                return id
            }, value: { $0 }, text: { $0.map(\.description) })
    }
}

/// `15` rather than `15.0`; `0.5` as it is.
private func numberText(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
