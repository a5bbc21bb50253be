import Foundation

/// A byte-at-a-time JSON syntax checker (RFC 8259, UTF-8 validated inside strings). It keeps no
/// values, only the nesting depth and the key being read at the top level, so a file of any size
/// can be checked, and split into its parts, in constant memory.
struct JSONScanner {
    struct SyntaxError: Error, Equatable {
        var reason: String
    }

    private enum Container { case object, array }

    private enum Expectation {
        case value, firstValueOrClose, key, firstKeyOrClose, colon, commaOrClose, end
    }

    private enum NumberPart { case sign, zero, integer, dot, fraction, exponentMark, exponentSign, exponent }

    private enum Lexeme {
        case none
        case string(isKey: Bool)
        case number(NumberPart)
        case literal(remaining: ArraySlice<UInt8>)
    }

    private var containers: [Container] = []
    private var expectation = Expectation.value
    private var lexeme = Lexeme.none
    // String state: inside an escape, hex digits of \u left, UTF-8 continuation bytes left and the
    // range the next one must fall in.
    private var escaping = false
    private var hexLeft = 0
    private var continuationLeft = 0
    private var continuationRange: ClosedRange<UInt8> = 0x80...0xBF
    private var keyBuffer: [UInt8] = []

    /// Containers open: 0 outside the top-level value, 1 inside it, and so on.
    var depth: Int { containers.count }
    /// The most recent key read directly inside the top-level object.
    private(set) var topLevelKey: [UInt8] = []
    /// Whether the top-level value is complete (only whitespace may follow).
    var isComplete: Bool { expectation == .end && !isInLexeme }
    /// Whether a string, number or literal is being read.
    var isInLexeme: Bool { if case .none = lexeme { false } else { true } }
    /// Whether the value being read right now is a scalar that started at the current depth.
    var isInScalarValue: Bool {
        switch lexeme {
        case .none: false
        case .string(let isKey): !isKey
        case .number, .literal: true
        }
    }

    mutating func consume(_ byte: UInt8) throws(SyntaxError) {
        switch lexeme {
        case .string(let isKey):
            try consumeInString(byte, isKey: isKey)
            return
        case .number(let part):
            if let next = Self.advance(part, byte) {
                lexeme = .number(next)
                return
            }
            guard [.zero, .integer, .fraction, .exponent].contains(part) else { throw SyntaxError(reason: "incomplete number") }
            lexeme = .none
            valueEnded()
        // The byte after a number belongs to what follows it.
        case .literal(let remaining):
            guard byte == remaining.first else { throw SyntaxError(reason: "invalid literal") }
            let rest = remaining.dropFirst()
            if rest.isEmpty {
                lexeme = .none
                valueEnded()
            } else {
                lexeme = .literal(remaining: rest)
            }
            return
        case .none:
            break
        }
        try consumeStructural(byte)
    }

    /// Where the bytes from `start` stop being inert: whitespace between values, or printable
    /// ASCII other than `"` and `\` inside a string with no escape or UTF-8 sequence under way.
    /// Such a byte changes nothing but the position, so a caller can step over a run of them at
    /// once: most of a pretty-printed chat export. Returns `start` when the next byte needs
    /// `consume` (in numbers and literals, and in the top-level keys, whose bytes are kept).
    func endOfInertRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        switch lexeme {
        case .none:
            while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        case .string(let isKey) where !(isKey && containers.count == 1) && !escaping && hexLeft == 0 && continuationLeft == 0:
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                index += 1
            }
        default:
            break
        }
        return index
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Call at the end of input: a number may end there.
    mutating func finish() throws(SyntaxError) {
        if case .number(let part) = lexeme {
            guard [.zero, .integer, .fraction, .exponent].contains(part) else { throw SyntaxError(reason: "incomplete number") }
            lexeme = .none
            valueEnded()
        }
        guard isComplete else {
            throw SyntaxError(reason: containers.isEmpty && expectation == .value ? "no JSON value" : "unexpected end of file (truncated?)")
        }
    }

    private mutating func consumeStructural(_ byte: UInt8) throws(SyntaxError) {
        if Self.isWhitespace(byte) { return }
        switch expectation {
        case .value, .firstValueOrClose:
            if expectation == .firstValueOrClose && byte == UInt8(ascii: "]") {
                closeContainer(.array)
                return
            }
            try startValue(byte)
        case .key, .firstKeyOrClose:
            if expectation == .firstKeyOrClose && byte == UInt8(ascii: "}") {
                closeContainer(.object)
                return
            }
            guard byte == UInt8(ascii: "\"") else { throw SyntaxError(reason: "expected a key in quotes") }
            lexeme = .string(isKey: true)
            if containers.count == 1 { keyBuffer.removeAll(keepingCapacity: true) }
        case .colon:
            guard byte == UInt8(ascii: ":") else { throw SyntaxError(reason: "expected ':' after a key") }
            expectation = .value
        case .commaOrClose:
            switch (byte, containers.last) {
            case (UInt8(ascii: ","), .object?): expectation = .key
            case (UInt8(ascii: ","), .array?): expectation = .value
            case (UInt8(ascii: "}"), .object?): closeContainer(.object)
            case (UInt8(ascii: "]"), .array?): closeContainer(.array)
            default: throw SyntaxError(reason: "expected ',' or a closing bracket")
            }
        case .end:
            throw SyntaxError(reason: "unexpected data after the end of the JSON value")
        }
    }

    private mutating func startValue(_ byte: UInt8) throws(SyntaxError) {
        switch byte {
        case UInt8(ascii: "{"):
            containers.append(.object)
            expectation = .firstKeyOrClose
        case UInt8(ascii: "["):
            containers.append(.array)
            expectation = .firstValueOrClose
        case UInt8(ascii: "\""):
            lexeme = .string(isKey: false)
        case UInt8(ascii: "-"):
            lexeme = .number(.sign)
        case UInt8(ascii: "0"):
            lexeme = .number(.zero)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            lexeme = .number(.integer)
        case UInt8(ascii: "t"):
            lexeme = .literal(remaining: Self.trueRest)
        case UInt8(ascii: "f"):
            lexeme = .literal(remaining: Self.falseRest)
        case UInt8(ascii: "n"):
            lexeme = .literal(remaining: Self.nullRest)
        default:
            throw SyntaxError(reason: "unexpected character '\(Self.printable(byte))'")
        }
    }

    private static let trueRest = ArraySlice("rue".utf8)
    private static let falseRest = ArraySlice("alse".utf8)
    private static let nullRest = ArraySlice("ull".utf8)

    private mutating func closeContainer(_ container: Container) {
        containers.removeLast()
        valueEnded()
    }

    private mutating func valueEnded() {
        expectation = containers.isEmpty ? .end : .commaOrClose
    }

    private mutating func consumeInString(_ byte: UInt8, isKey: Bool) throws(SyntaxError) {
        if isKey && containers.count == 1 && !(byte == UInt8(ascii: "\"") && !escaping && hexLeft == 0) {
            keyBuffer.append(byte)
        }
        if continuationLeft > 0 {
            guard continuationRange.contains(byte) else { throw SyntaxError(reason: "invalid UTF-8 in a string") }
            continuationLeft -= 1
            continuationRange = 0x80...0xBF
            return
        }
        if hexLeft > 0 {
            guard Self.isHexDigit(byte) else { throw SyntaxError(reason: "invalid \\u escape") }
            hexLeft -= 1
            return
        }
        if escaping {
            escaping = false
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return
            case UInt8(ascii: "u"):
                hexLeft = 4
                return
            default:
                throw SyntaxError(reason: "invalid escape in a string")
            }
        }
        switch byte {
        case UInt8(ascii: "\""):
            lexeme = .none
            if isKey {
                if containers.count == 1 { topLevelKey = keyBuffer }
                expectation = .colon
            } else {
                valueEnded()
            }
        case UInt8(ascii: "\\"):
            escaping = true
        case 0x00..<0x20:
            throw SyntaxError(reason: "unescaped control character in a string")
        case 0x80..<0xC2, 0xF5...0xFF:
            throw SyntaxError(reason: "invalid UTF-8 in a string")
        case 0xC2...0xDF:
            continuationLeft = 1
        case 0xE0:
            continuationLeft = 2
            continuationRange = 0xA0...0xBF
        case 0xED:
            continuationLeft = 2
            continuationRange = 0x80...0x9F
        case 0xE1...0xEF:
            continuationLeft = 2
        case 0xF0:
            continuationLeft = 3
            continuationRange = 0x90...0xBF
        case 0xF4:
            continuationLeft = 3
            continuationRange = 0x80...0x8F
        case 0xF1...0xF3:
            continuationLeft = 3
        default:
            break
        }
    }

    /// The next state of a number after `byte`, or nil when the byte is not part of the number.
    private static func advance(_ part: NumberPart, _ byte: UInt8) -> NumberPart? {
        let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        switch part {
        case .sign: return byte == UInt8(ascii: "0") ? .zero : digit ? .integer : nil
        case .zero: return byte == UInt8(ascii: ".") ? .dot : (byte | 0x20) == UInt8(ascii: "e") ? .exponentMark : nil
        case .integer:
            return digit ? .integer : byte == UInt8(ascii: ".") ? .dot : (byte | 0x20) == UInt8(ascii: "e") ? .exponentMark : nil
        case .dot: return digit ? .fraction : nil
        case .fraction: return digit ? .fraction : (byte | 0x20) == UInt8(ascii: "e") ? .exponentMark : nil
        case .exponentMark:
            return byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") ? .exponentSign : digit ? .exponent : nil
        case .exponentSign, .exponent: return digit ? .exponent : nil
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
    }
}
