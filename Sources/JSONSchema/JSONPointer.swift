import JSON

/// JSON Pointers (RFC 6901): the instance paths in violations, and the `#/...` fragments of
/// `$ref` and `validate(_:against:)`.
enum JSONPointer {
    /// `tokens` as a pointer: "" for the root, "/a/0/b~1c" for ["a", "0", "b/c"].
    static func string(_ tokens: some Sequence<String>) -> String {
        tokens.reduce(into: "") { pointer, token in pointer += "/" + escape(token) }
    }

    /// "~" becomes "~0" and "/" becomes "~1", in that order, so that "~1" in a name stays itself.
    static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// The reference tokens of a pointer, or nil when it is not one (it must be empty or start
    /// with "/", and "~" must be followed by 0 or 1).
    static func tokens(of pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for part in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = unescape(part) else { return nil }
            tokens.append(token)
        }
        return tokens
    }

    private static func unescape(_ part: Substring) -> String? {
        guard part.contains("~") else { return String(part) }
        var token = ""
        var scalars = part.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                token.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "0": token += "~"
            case "1": token += "/"
            default: return nil
            }
        }
        return token
    }

    /// Decodes %XX escapes, as a URI fragment needs before it is read as a pointer. Nil when an
    /// escape is malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexDigitValue), let low = utf8.next().flatMap(hexDigitValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The value `tokens` lead to in `document`, or nil when one of them names nothing. Array
    /// indexes must be written as RFC 6901 requires: "0", or digits without a leading zero.
    static func resolve(_ tokens: [String], in document: JSONValue) -> JSONValue? {
        var value = document
        for token in tokens {
            switch value {
            case .object:
                guard let member = value[token] else { return nil }
                value = member
            case .array(let items):
                guard let index = arrayIndex(token), index < items.count else { return nil }
                value = items[index]
            default:
                return nil
            }
        }
        return value
    }

    private static func arrayIndex(_ token: String) -> Int? {
        guard token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            token == "0" || !token.hasPrefix("0")
        else { return nil }
        return Int(token)
    }
}
