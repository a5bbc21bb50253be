/// Strings: escapes, `\u` surrogate pairs, and UTF-8 checked to the byte.
extension JSONReader {
    /// At an opening quote: reads the string through its closing quote. The text comes back
    /// when `decoding`; otherwise it is only checked, and "" comes back.
    mutating func string(decoding: Bool) throws(JSONSyntaxError) -> String {
        index += 1
        // The bytes since the last escape, not yet checked as UTF-8.
        var runStart = index
        var highBits: UInt8 = 0
        var scalars = String.UnicodeScalarView()
        var hasEscapes = false
        while true {
            // Most of a string is plain text: stepped over in one loop.
            let (stop, bits) = buffer.withUnsafeBufferPointer { bytes in
                var position = index
                var bits: UInt8 = 0
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    bits |= byte
                    position += 1
                }
                return (position, bits)
            }
            index = stop
            highBits |= bits
            guard index < buffer.count else {
                guard more(keeping: &runStart) else { throw error("unterminated string") }
                continue
            }
            let byte = buffer[index]
            let text = try run(from: runStart, isASCII: highBits < 0x80, decoding: decoding)
            if byte < 0x20 { throw error("control character in string") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard decoding else { return "" }
                guard hasEscapes else { return text }
                scalars.append(contentsOf: text.unicodeScalars)
                return String(scalars)
            }
            if decoding { scalars.append(contentsOf: text.unicodeScalars) }
            hasEscapes = true
            let scalar = try escape()
            if decoding { scalars.append(scalar) }
            runStart = index
            highBits = 0
        }
    }

    /// The bytes from `start` to the cursor, checked as UTF-8, and decoded when `decoding`.
    private func run(from start: Int, isASCII: Bool, decoding: Bool) throws(JSONSyntaxError) -> String {
        let end = index
        return try buffer.withUnsafeBufferPointer { (bytes) throws(JSONSyntaxError) -> String in
            let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
            // ASCII needs no check; decoding it directly skips the generic path.
            if isASCII { return decoding ? String(decoding: run, as: UTF8.self) : "" }
            if decoding, let text = String(validating: run, as: UTF8.self) { return text }
            if let bad = UTF8Check.firstInvalidByte(in: bytes, from: start, to: end) ?? (decoding ? start : nil) {
                throw error("invalid UTF-8 in a string", at: bad)
            }
            return ""
        }
    }

    /// At a backslash: the character one escape stands for.
    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        var keep = index
        guard available(2, keeping: &keep) else {
            index = buffer.count
            throw error("unterminated string")
        }
        let letter = buffer[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw error("invalid escape", at: index - 1)
        }
    }

    /// After `\u`: a character, or a surrogate pair as two escapes. A lone surrogate becomes
    /// U+FFFD rather than failing (JSON allows it; a Swift string cannot hold it), and an escape
    /// after a lone high surrogate is read on its own.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let code = try hex4()
        guard (0xD800..<0xDC00).contains(code) else { return Unicode.Scalar(code) ?? "\u{FFFD}" }
        var keep = index
        if available(6, keeping: &keep), buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") {
            let next = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            index = next
        }
        return "\u{FFFD}"
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var keep = index
        guard available(4, keeping: &keep) else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

/// UTF-8 as RFC 3629 has it: no overlong forms, no surrogates, nothing past U+10FFFF.
enum UTF8Check {
    /// Where `bytes[start..<end]` stops being UTF-8: the first byte that cannot come where it
    /// is, or `end` when a sequence is cut off there; nil when all of it is UTF-8.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var position = start
        while position < end {
            let lead = bytes[position]
            if lead < 0x80 {
                position += 1
                continue
            }
            // How many continuation bytes follow, and the range of the first (the rest: 80…BF).
            let count: Int
            var first: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: count = 1
            case 0xE0: (count, first) = (2, 0xA0...0xBF)
            case 0xED: (count, first) = (2, 0x80...0x9F)
            case 0xE1...0xEF: count = 2
            case 0xF0: (count, first) = (3, 0x90...0xBF)
            case 0xF4: (count, first) = (3, 0x80...0x8F)
            case 0xF1...0xF3: count = 3
            default: return position
            }
            for offset in 1...count {
                let next = position + offset
                guard next < end, (offset == 1 ? first : 0x80...0xBF).contains(bytes[next]) else { return next }
            }
            position += count + 1
        }
        return nil
    }
}
