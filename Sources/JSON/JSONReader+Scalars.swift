/// Numbers and the three literals.
extension JSONReader {
    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)
    static let nullBytes = Array("null".utf8)

    mutating func literal(_ expected: [UInt8]) throws(JSONSyntaxError) {
        var keep = index
        guard available(expected.count, keeping: &keep), buffer[index..<(index + expected.count)].elementsEqual(expected) else {
            throw error("expected \(String(decoding: expected, as: UTF8.self))")
        }
        index += expected.count
    }

    /// A number: an integer where it is written as one and fits, else a double. Reading stops
    /// where the grammar does ("01" is 0, then "1" for the caller to refuse).
    mutating func number() throws(JSONSyntaxError) -> JSONValue {
        // Every byte that may belong to the number first, so that it is whole in the buffer.
        var start = index
        while true {
            index = buffer.withUnsafeBufferPointer { bytes in
                var position = index
                while position < bytes.count, Self.mayBeInNumber(bytes[position]) { position += 1 }
                return position
            }
            if index < buffer.count { break }
            guard more(keeping: &start) else { break }
        }
        let end = index
        index = start
        var isInteger = true
        func digits(_ reader: inout JSONReader) throws(JSONSyntaxError) {
            guard reader.index < end, Self.isDigit(reader.buffer[reader.index]) else { throw reader.error("invalid number") }
            while reader.index < end, Self.isDigit(reader.buffer[reader.index]) { reader.index += 1 }
        }
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        if index < end, buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            try digits(&self)
        }
        if index < end, buffer[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try digits(&self)
        }
        if index < end, buffer[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < end, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
            try digits(&self)
        }
        let text = String(decoding: buffer[start..<index], as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text) else { throw error("invalid number", at: start) }
        return .number(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func mayBeInNumber(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte | 0x20 == UInt8(ascii: "e")
    }
}
