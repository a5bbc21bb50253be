import Bot
public import JSON

/// How a declared command stands against what Discord holds. Pure: JSON in, changes out.
public enum CommandChange: Sendable, Hashable, CustomStringConvertible {
    /// Declared here, not registered.
    case added(String)
    /// Registered, no longer declared: the next registration removes it.
    case removed(String)
    /// Both, with the fields that differ (`description`, `options[1].max_value`).
    case changed(String, fields: [String])
    case unchanged(String)

    public var description: String {
        switch self {
        case .added(let name): "+ /\(name)"
        case .removed(let name): "- /\(name)"
        case .changed(let name, let fields): "~ /\(name): \(fields.joined(separator: ", "))"
        case .unchanged(let name): "= /\(name)"
        }
    }

    public var isChange: Bool {
        if case .unchanged = self { return false }
        return true
    }
}

public enum CommandDiff {
    /// Every declared command against its registered namesake, then the registered ones nobody
    /// declares. Only what a declaration says is compared: the fields Discord adds (ids, version)
    /// are not differences, and a field left out is compared with Discord's default for it.
    public static func compare(declared: [JSONValue], registered: [JSONValue]) -> [CommandChange] {
        var remote: [String: JSONValue] = [:]
        for command in registered { if let name = command["name"]?.stringValue { remote[name] = command } }
        var changes: [CommandChange] = []
        for command in declared {
            guard let name = command["name"]?.stringValue else { continue }
            guard let counterpart = remote.removeValue(forKey: name) else {
                changes.append(.added(name))
                continue
            }
            let fields = differences(command, counterpart, at: "")
            changes.append(fields.isEmpty ? .unchanged(name) : .changed(name, fields: fields))
        }
        changes += remote.keys.sorted().map { .removed($0) }
        return changes
    }

    /// What Discord reports for a field nobody set.
    static let defaults: [String: JSONValue] = [
        "type": .integer(1), "required": .bool(false), "autocomplete": .bool(false), "nsfw": .bool(false),
        "options": .array([]), "choices": .array([]), "default_member_permissions": .null,
    ]

    static func differences(_ declared: JSONValue, _ registered: JSONValue?, at path: String) -> [String] {
        switch declared {
        case .object(let members):
            guard case .object? = registered else { return [path.isEmpty ? "the whole command" : path] }
            return members.flatMap { key, value in
                let child = path.isEmpty ? key : "\(path).\(key)"
                return differences(value, registered?[key] ?? defaults[key], at: child)
            }
        case .array(let items):
            let others = registered?.arrayValue ?? []
            guard others.count == items.count else { return [path] }
            return zip(items, others).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1, at: "\(path)[\(index)]")
            }
        default:
            guard let registered else { return declared == .null ? [] : [path] }
            return same(declared, registered) ? [] : [path]
        }
    }

    /// Equal as values: numbers by value, `"32"` and `32` alike (permissions come back as strings).
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a == b { return true }
        if let x = a.numericValue ?? a.stringValue.flatMap(Double.init), let y = b.numericValue ?? b.stringValue.flatMap(Double.init) {
            return x == y
        }
        return false
    }
}
