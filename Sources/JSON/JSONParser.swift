/// Parses a whole JSON text into `JSONValue`, with errors that give the byte offset. It is
/// `JSONReader` over bytes held in memory: the same grammar that reads a file a chunk at a time.
public enum JSONParser {
    public typealias SyntaxError = JSONSyntaxError

    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.readValue()
        try reader.finish()
        return value
    }
}
