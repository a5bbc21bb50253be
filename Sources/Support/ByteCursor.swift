/// A position in ASCII text, for the date readers: each method consumes what it recognises and
/// returns it, or consumes nothing and returns nil or false.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
    }

    /// Spaces, or the dashes of "23-Nov-2026".
    mutating func skipSeparators() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "-") { index += 1 }
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    /// A run of as many digits as `digits` allows, read greedily; nil (and nothing consumed) when
    /// the run is shorter.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        let start = index
        var value = 0
        while index < bytes.count, index - start < digits.upperBound, let digit = Self.digit(bytes[index]) {
            value = value * 10 + digit
            index += 1
        }
        guard digits.contains(index - start) else {
            index = start
            return nil
        }
        return value
    }

    /// One or more digits, as a fraction in thousandths: digits past the third are dropped.
    mutating func thousandths() -> Int? {
        var digits = 0
        var value = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            if digits < 3 { value = value * 10 + digit }
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<max(digits, 3) { value *= 10 }
        return value
    }

    /// A run of ASCII letters.
    mutating func letters() -> String? {
        let start = index
        while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index] | 0x20) { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}

extension StringProtocol {
    /// `body` over the text's UTF-8 bytes, copied only where they are not contiguous already.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
