import JSON

extension String {
    /// Whether the two strings are the same code points. JSON Schema compares strings (and
    /// property names) that way, while Swift's `==` treats canonically equivalent strings as
    /// equal: "é" as one code point and as "e" plus a combining accent.
    func isIdentical(to other: String) -> Bool {
        // `==` is quick to tell most different strings apart, and identical strings are equal.
        guard utf8.count == other.utf8.count, self == other else { return false }
        // Comparing the contiguous UTF-8 buffers is many times faster than iterating the views.
        var (a, b) = (self, other)
        return a.withUTF8 { a in b.withUTF8 { b in a.elementsEqual(b) } }
    }
}

extension JSONValue {
    /// Equality as `const`, `enum` and `uniqueItems` define it: numbers by mathematical value
    /// (1 equals 1.0, and 2^53 + 1 does not equal 2^53, which the Double-based `==` would say),
    /// strings by code points, objects regardless of key order, and no type coercion (true is
    /// not 1).
    func isSchemaEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a.isIdentical(to: b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSchemaEqual(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { member in
                guard let match = b.first(where: { $0.key.isIdentical(to: member.key) }) else { return false }
                return member.value.isSchemaEqual(to: match.value)
            }
        default:
            guard let a = JSONNumber(self), let b = JSONNumber(other) else { return false }
            return a.compare(to: b) == 0
        }
    }
}

/// A JSONValue hashed and compared with `isSchemaEqual`, to find duplicates for `uniqueItems`
/// in one pass. `JSONValue.hash(into:)` fits: values equal here hash the same (numbers hash
/// their Double value, objects ignore key order, and identical strings are equal strings).
struct SchemaEqualityKey: Hashable {
    var value: JSONValue

    static func == (lhs: SchemaEqualityKey, rhs: SchemaEqualityKey) -> Bool {
        lhs.value.isSchemaEqual(to: rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}
