import Discord
import Foundation

/// Every option's value once the environment, the file and the defaults are applied, read by
/// type. Each accessor takes an option (`ConfigOption.databasePath`), never a key written as a
/// string, so a misspelt key does not compile; a value that does not read as its type (the loader
/// has already reported it) gives the option's default instead of a crash.
struct ConfigValues {
    private var values: [String: String] = [:]

    subscript(option: ConfigOption) -> String {
        get { values[option.key] ?? option.defaultValue }
        set { values[option.key] = newValue }
    }

    func int(_ option: ConfigOption) -> Int {
        Int(trimmed(option)) ?? Int(option.defaultValue) ?? 0
    }

    /// Nil for an empty value (`llm.temperature`: the server's own default).
    func double(_ option: ConfigOption) -> Double? {
        Double(trimmed(option)) ?? Double(option.defaultValue)
    }

    func bool(_ option: ConfigOption) -> Bool {
        trimmed(option).lowercased() == "true"
    }

    /// A comma-separated list, items trimmed, empty ones left out.
    func list(_ option: ConfigOption) -> [String] {
        self[option].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func ids(_ option: ConfigOption) -> [Snowflake] {
        list(option).compactMap { Snowflake($0) }
    }

    /// Nil for an empty value.
    func nonEmpty(_ option: ConfigOption) -> String? {
        self[option].isEmpty ? nil : self[option]
    }

    private func trimmed(_ option: ConfigOption) -> String {
        self[option].trimmingCharacters(in: .whitespaces)
    }
}
