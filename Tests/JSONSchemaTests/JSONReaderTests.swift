import Testing

@testable import JSON

/// The one grammar, read whole (`JSONParser`) and a chunk at a time (`JSONReader` with a refill):
/// both must agree on every value and on every error, offset and reason included.
@Suite struct JSONReaderTests {
    static let tricky: [String] = [
        #""\"\\\/\b\f\n\r\t""#, #""\ud83c\udf89 \u00e9 \u0041""#, #""\ud800""#, #""\ud800\u0041""#, #""\udc00x""#,
        #""\ud800\ud83c\udf89""#, #""\uD83C\uDF89""#, #""\x""#, #""\u12""#, #""\u12G4""#, #""\"#, #""abc"#,
        "0", "-0", "1e10", "1E+2", "-1.5e-3", "1.0", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "01", "1.", "-", "1e", "1e+", ".5", "+1", "1.5e", "[1,2e3,-4]", "true", "false", "null", "nul", "tru", "nulll", "[true false]",
        "[1] 2", "{} x", #"{"a": [1, 2"#, #"{"a""#, "[", "", "   ", #"{"a":}"#, "[1,]", #"{"a":1,}"#, #"{"a" 1}"#, #"{,}"#,
        #"[{"title": "Intern", }]"#, #" { "k" : [ { } , [ ] , "" , 0 ] } "#, #"{"a":1,"a":2}"#, "<html>",
    ]

    @Test(arguments: tricky)
    func wholeAndStreamedAgree(text: String) {
        let bytes = Array(text.utf8)
        let whole = Self.parsed(bytes)
        for chunk in [1, 2, 3, 7, 64] {
            #expect(Self.streamed(bytes, chunk: chunk) == whole, "chunks of \(chunk)")
        }
    }

    @Test func valuesAreWhatTheTextSays() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try JSONParser.parse(#""\ud83c\udf89 \u00e9""#) == .string("🎉 é"))
        // A lone surrogate is U+FFFD, and an escape after a lone high one is read on its own.
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud800\ud83c\udf89""#) == .string("\u{FFFD}🎉"))
        #expect(try JSONParser.parse("9223372036854775807") == .integer(.max))
        #expect(try JSONParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("-1.5e-3") == .number(-0.0015))
        #expect(try JSONParser.parse("1E+2") == .number(100))
    }

    @Test(arguments: [
        ("[1,]", 3, "unexpected character"), ("01", 1, "unexpected text after the value"), ("1.", 2, "invalid number"),
        ("[1] 2", 4, "unexpected text after the value"), (#"{"a": [1, 2"#, 11, "unexpected end of input"),
        (#""abc"#, 4, "unterminated string"), (#""\u12""#, 3, "truncated \\u escape"), (#""\x""#, 2, "invalid escape"),
        ("nul", 0, "expected null"), (#"{"a" 1}"#, 5, "expected ':'"), (#"[{"title": "Intern", }]"#, 21, "expected a key"),
    ])
    func errorsGiveTheirOffset(text: String, offset: Int, reason: String) {
        #expect(Self.parsed(Array(text.utf8)) == .failure(JSONSyntaxError(offset: offset, reason: reason)))
    }

    /// UTF-8 is checked to the byte, raw or in a chunk boundary's middle: the offset is the first
    /// byte that cannot be where it is (or the quote that cuts a sequence off).
    @Test(
        arguments: [
            ([0xFF], 4), ([0xC0, 0x80], 4), ([0xED, 0xA0, 0x80], 5), ([0xF4, 0x90, 0x80, 0x80], 5), ([0xE2, 0x82], 6),
            ([0x01], 4),
        ] as [([UInt8], Int)])
    func badBytesInAStringAreRefusedWhereTheyAre(bad: [UInt8], offset: Int) {
        let bytes = Array(#"["ab"#.utf8) + bad + Array(#"cd"]"#.utf8)
        let reason = bad == [0x01] ? "control character in string" : "invalid UTF-8 in a string"
        let expected = Result<JSONValue, JSONSyntaxError>.failure(JSONSyntaxError(offset: offset, reason: reason))
        #expect(Self.parsed(bytes) == expected)
        for chunk in [1, 2, 5] { #expect(Self.streamed(bytes, chunk: chunk) == expected) }
        let valid = Array(#"["é🎉ü"]"#.utf8)
        #expect(Self.streamed(valid, chunk: 1) == .success(.array([.string("é🎉ü")])))
    }

    @Test func nestingStopsAt512LevelsWhetherReadWholeOrStreamed() {
        let allowed = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        #expect((try? JSONParser.parse(allowed)) != nil)
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(Self.parsed(deep) == .failure(JSONSyntaxError(offset: 512, reason: "nested too deeply")))
        #expect(Self.streamed(deep, chunk: 4096) == Self.parsed(deep))
    }

    /// A large array read element by element through a refill holds one chunk and one element,
    /// never the document.
    @Test func streamingHoldsAChunkNotTheDocument() throws {
        let element = #"{"id": "1", "content": "got the OA from JPMC 🎉", "tags": [1, 2.5, true, null]}"#
        let document = Array(("{\"messages\": [" + Array(repeating: element, count: 20_000).joined(separator: ",\n") + "]}").utf8)
        var position = 0
        var reader = JSONReader { buffer in
            guard position < document.count else { return false }
            let end = min(position + 4096, document.count)
            buffer += document[position..<end]
            position = end
            return true
        }
        var count = 0
        var largestBuffer = 0
        try reader.enterObject()
        #expect(try reader.nextKey() == "messages")
        try reader.enterArray()
        while try reader.nextElement() {
            let message = try reader.readValue()
            #expect(message["content"]?.stringValue == "got the OA from JPMC 🎉")
            count += 1
            largestBuffer = max(largestBuffer, reader.buffer.count)
        }
        #expect(try reader.nextKey() == nil)
        try reader.finish()
        #expect(count == 20_000)
        #expect(largestBuffer < 4096 + element.utf8.count)
    }

    static func parsed(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        Result { () throws(JSONSyntaxError) in try JSONParser.parse(bytes) }
    }

    static func streamed(_ bytes: [UInt8], chunk: Int) -> Result<JSONValue, JSONSyntaxError> {
        var position = 0
        var reader = JSONReader { buffer in
            guard position < bytes.count else { return false }
            let end = min(position + chunk, bytes.count)
            buffer += bytes[position..<end]
            position = end
            return true
        }
        return Result { () throws(JSONSyntaxError) in
            let value = try reader.readValue()
            try reader.finish()
            return value
        }
    }
}
