/// Every key's value once the defaults, the file and the environment are applied, kept by key
/// name and read back typed through the key: a value is stored only by a key of its own type, so
/// reading it through that key always finds its type; a key never set gives its default.
struct ConfigValues: Sendable {
    private var values: [String: any Sendable] = [:]

    subscript<Value>(key: ConfigKey<Value>) -> Value {
        get { values[key.name].flatMap { $0 as? Value } ?? key.defaultValue }
        set { values[key.name] = newValue }
    }

    /// A value that `option` read (the loader's way in, whatever the key's type).
    mutating func set(_ value: any Sendable, for option: ConfigOption) {
        values[option.key] = value
    }
}
