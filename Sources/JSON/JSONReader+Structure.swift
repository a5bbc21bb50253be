/// Values and containers: what `JSONParser` builds a document with, and what a streaming caller
/// walks a large document with.
extension JSONReader {
    /// Reads the value at the cursor.
    public mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        try value(building: true)
    }

    /// Steps over the value at the cursor, checking it as `readValue` does but building nothing.
    public mutating func skipValue() throws(JSONSyntaxError) {
        _ = try value(building: false)
    }

    /// Steps into the object at the cursor; read its members with `nextKey`.
    public mutating func enterObject() throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "{") else { throw error(peekedEnd ? "unexpected end of input" : "expected an object") }
        try open()
    }

    /// Steps into the array at the cursor; read its elements with `nextElement`.
    public mutating func enterArray() throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "[") else { throw error(peekedEnd ? "unexpected end of input" : "expected an array") }
        try open()
    }

    /// The next member's key, with the cursor on its value (which the caller must read or
    /// skip); nil once the object is closed.
    public mutating func nextKey() throws(JSONSyntaxError) -> String? {
        try nextKey(decoding: true)
    }

    /// `nextKey`; a key not decoded comes back empty.
    private mutating func nextKey(decoding: Bool) throws(JSONSyntaxError) -> String? {
        guard try nextItem(closer: UInt8(ascii: "}"), expected: "expected ',' or '}'") else { return nil }
        guard peek() == UInt8(ascii: "\"") else { throw error(peekedEnd ? "unexpected end of input" : "expected a key") }
        let key = try string(decoding: decoding)
        guard peek() == UInt8(ascii: ":") else { throw error(peekedEnd ? "unexpected end of input" : "expected ':'") }
        index += 1
        return key
    }

    /// Whether the array has another element, with the cursor on it (which the caller must read
    /// or skip); false once the array is closed.
    public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try nextItem(closer: UInt8(ascii: "]"), expected: "expected ',' or ']'")
    }

    private var peekedEnd: Bool { index >= buffer.count }

    private mutating func open() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nested too deeply") }
        index += 1
        atContainerStart = true
    }

    /// Before an item: the container's end, or the comma after the item before. (A comma before
    /// the end is refused by reading the value or key that must follow it.)
    private mutating func nextItem(closer: UInt8, expected: String) throws(JSONSyntaxError) -> Bool {
        let first = atContainerStart
        atContainerStart = false
        guard let byte = peek() else { throw error("unexpected end of input") }
        if byte == closer {
            index += 1
            depth -= 1
            return false
        }
        if first { return true }
        guard byte == UInt8(ascii: ",") else { throw error(expected) }
        index += 1
        return true
    }

    /// A value, built as a `JSONValue` or only checked (then `.null` comes back).
    private mutating func value(building: Bool) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            try open()
            var members: [(key: String, value: JSONValue)] = []
            while let key = try nextKey(decoding: building) {
                let member = try value(building: building)
                if building { members.append((key, member)) }
            }
            return building ? .object(members) : .null
        case UInt8(ascii: "["):
            try open()
            var values: [JSONValue] = []
            while try nextElement() {
                let element = try value(building: building)
                if building { values.append(element) }
            }
            return building ? .array(values) : .null
        case UInt8(ascii: "\""):
            let text = try string(decoding: building)
            return building ? .string(text) : .null
        case UInt8(ascii: "t"):
            try literal(Self.trueBytes)
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal(Self.falseBytes)
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal(Self.nullBytes)
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw error("unexpected character")
        }
    }
}
