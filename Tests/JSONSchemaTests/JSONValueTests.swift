import JSON
import Testing

@Suite struct JSONValueTests {
    @Test func parsesAndSerializesKeepingKeyOrderAndIntegers() throws {
        let text = #"{"id":"m1","n":3,"x":1.5,"ok":true,"none":null,"list":[1,"two",{"b":2,"a":1}]}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized == text)
        #expect(value["n"] == .integer(3))
        #expect(value["id"]?.stringValue == "m1")
    }

    @Test func numbersCompareByValue() {
        #expect(JSONValue.integer(1) == .number(1.0))
        #expect(JSONValue.object([("a", .integer(1)), ("b", .null)]) == .object([("b", .null), ("a", .number(1))]))
    }

    @Test func stringsAreEscapedAndUnicodeIsKept() throws {
        let value = JSONValue.string("quote \" backslash \\ newline \n tab \t bell \u{07} emoji 🎉 é")
        #expect(value.serialized == #""quote \" backslash \\ newline \n tab \t bell \u0007 emoji 🎉 é""#)
        #expect(try JSONParser.parse(value.serialized) == value)
        #expect(try JSONParser.parse(#""\ud83c\udf89 \u00e9""#) == .string("🎉 é"))
    }

    @Test(arguments: [
        "", "{", #"{"a":}"#, "[1,]", #"{"a":1,}"#, "nul", "01", "1.", #""unterminated"#, #"{"a" 1}"#, "[1] 2",
        #""bad \x escape""#,
    ])
    func malformedJSONIsAnErrorWithItsOffset(text: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            "\(error)".hasPrefix("invalid JSON at byte")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(deep) }
    }
}
