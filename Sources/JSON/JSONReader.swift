/// JSON's one grammar (RFC 8259: strings with their escapes and UTF-8, numbers, literals,
/// nesting up to 512 levels), read a token at a time. `JSONParser` reads a whole text with it;
/// a caller with a large document reads it piece by piece (`enterObject`, `nextKey`,
/// `nextElement`, `readValue`, `skipValue`), and with `refill` the text comes in chunks, so that
/// memory holds one chunk and the token being read, never the document.
public struct JSONReader {
    /// Appends the next bytes of the input to the buffer; false once the input is over.
    public typealias Refill = (inout [UInt8]) -> Bool

    /// The bytes at hand. Those before the token being read are dropped when more are needed.
    var buffer: [UInt8]
    /// The cursor in `buffer`.
    var index = 0
    /// Where `buffer[0]` lies in the whole input: errors give offsets in the input.
    var base: Int
    private let refill: Refill?
    private var isAtEnd: Bool
    var depth = 0
    /// Set by `enterObject`/`enterArray` until the container's first `nextKey`/`nextElement`:
    /// only there may the container close without a comma before it.
    var atContainerStart = false
    static let maximumDepth = 512

    /// Reads `bytes`, a whole document.
    public init(bytes: [UInt8]) {
        buffer = bytes
        base = 0
        refill = nil
        isAtEnd = true
    }

    /// Reads a document that starts at `offset` of the input (past a byte-order mark, say):
    /// `bytes` first, then whatever `refill` appends.
    public init(bytes: [UInt8] = [], offset: Int = 0, refill: @escaping Refill) {
        buffer = bytes
        base = offset
        self.refill = refill
        isAtEnd = false
    }

    /// The offset in the input of the next byte to read.
    public var offset: Int { base + index }

    /// Makes at least one more byte available past the end of `buffer`, dropping the bytes
    /// before `keep` first; `keep` and the cursor move down with the buffer. False at the end of
    /// the input.
    mutating func more(keeping keep: inout Int) -> Bool {
        guard !isAtEnd, let refill else { return false }
        if keep == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if keep > 0 {
            buffer.removeSubrange(0..<keep)
        }
        base += keep
        index -= keep
        keep = 0
        let count = buffer.count
        while buffer.count == count {
            if !refill(&buffer) {
                isAtEnd = true
                return buffer.count > count
            }
        }
        return true
    }

    /// Makes `count` bytes from the cursor available if the input has them, keeping those from
    /// `keep` on.
    mutating func available(_ count: Int, keeping keep: inout Int) -> Bool {
        while index + count > buffer.count {
            guard more(keeping: &keep) else { return false }
        }
        return true
    }

    func error(_ reason: String) -> JSONSyntaxError { error(reason, at: index) }

    func error(_ reason: String, at position: Int) -> JSONSyntaxError {
        JSONSyntaxError(offset: base + position, reason: reason)
    }

    public static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Steps over whitespace; returns the byte after it, or nil at the end of the input.
    mutating func peek() -> UInt8? {
        while true {
            index = buffer.withUnsafeBufferPointer { bytes in
                var position = index
                while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
                return position
            }
            if index < buffer.count { return buffer[index] }
            var keep = index
            guard more(keeping: &keep) else { return nil }
        }
    }

    /// What the next value is, by its first byte after whitespace; nil at the end of the input or
    /// before a byte no value starts with (reading it then throws the error).
    public mutating func nextValueKind() -> JSONValueKind? {
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return nil
        }
    }

    /// Checks that nothing but whitespace follows.
    public mutating func finish() throws(JSONSyntaxError) {
        guard peek() == nil else { throw error("unexpected text after the value") }
    }
}

/// The kinds of JSON value, as told by a value's first byte.
public enum JSONValueKind: Sendable, Hashable {
    case object, array, string, number, bool, null
}
