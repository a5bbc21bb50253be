import JSON
import JSONSchema
import Testing

@Suite struct LengthKeywordTests {
    @Test func lengthsAreInclusive() throws {
        try expectValidity(
            of: #"{"minLength": 2, "maxLength": 3}"#,
            [
                (#""ab""#, true), (#""abc""#, true), (#""a""#, false), (#""abcd""#, false), (#""""#, false),
            ])
    }

    @Test func lengthCountsUnicodeCodePoints() throws {
        // 💩 is one code point (two UTF-16 units); é written as e + U+0301 is two code points
        // (one Character); 🇫🇷 is two code points (one Character).
        try expectValidity(
            of: #"{"maxLength": 1}"#, [(#""\ud83d\udca9""#, true), (#""\u00e9""#, true), (#""e\u0301""#, false), (#""🇫🇷""#, false)])
        try expectValidity(of: #"{"minLength": 2}"#, [(#""\ud83d\udca9""#, false), (#""e\u0301""#, true), (#""🇫🇷""#, true)])
    }

    @Test func integralDecimalsAreAcceptedAsLengths() throws {
        try expectValidity(of: #"{"maxLength": 2.0}"#, [(#""ab""#, true), (#""abc""#, false)])
    }

    @Test func nonStringsAreIgnored() throws {
        try expectValidity(of: #"{"maxLength": 1, "minLength": 5}"#, [("100", true), ("[1, 2, 3]", true), ("null", true)])
    }

    @Test func messagesGiveTheLengthNotTheWholeString() throws {
        let schema = #"{"properties": {"title": {"type": "string", "minLength": 1, "maxLength": 200}}}"#
        let long = String(repeating: "x", count: 1_048_576)
        let validator = try makeValidator(schema)
        let lines = validator.validate(.object([("title", .string(long))])).map(\.description)
        #expect(lines == ["/title: string of 1048576 characters, longer than the maximum of 200"])
        #expect(
            try violationLines(of: #"{"title": ""}"#, against: schema) == ["/title: string of 0 characters, shorter than the minimum of 1"])
        #expect(
            try violationLines(of: #""a""#, against: #"{"minLength": 2}"#) == ["/: string of 1 character, shorter than the minimum of 2"])
    }
}

@Suite struct PatternKeywordTests {
    @Test func patternsSearchTheWholeStringUnanchored() throws {
        try expectValidity(of: #"{"pattern": "a+"}"#, [(#""xxaayy""#, true), (#""xyz""#, false)])
        try expectValidity(of: #"{"pattern": "^a*$"}"#, [(#""aaa""#, true), (#""""#, true), (#""abc""#, false)])
    }

    @Test func nonStringsAreIgnored() throws {
        try expectValidity(
            of: #"{"pattern": "^a*$"}"#, [("true", true), ("123", true), ("1.0", true), ("{}", true), ("[]", true), ("null", true)])
    }

    @Test func patternsAreCaseSensitive() throws {
        try expectValidity(of: #"{"pattern": "^[a-z]+$"}"#, [(#""abc""#, true), (#""aBc""#, false)])
    }

    @Test func messageQuotesTheStringAndThePattern() throws {
        #expect(
            try violationLines(of: #"{"season": "2025"}"#, against: #"{"properties": {"season": {"pattern": "^(Summer|Fall) \\d{4}$"}}}"#)
                == [#"/season: "2025" does not match pattern ^(Summer|Fall) \d{4}$"#])
        #expect(try violations(of: #""b""#, against: #"{"pattern": "a"}"#).map(\.keyword) == ["pattern"])
    }

    @Test func aStringOverMaxLengthIsNotAlsoMatchedAgainstThePattern() throws {
        // It has to be shortened anyway, and matching a megabyte is the one slow check.
        let validator = try makeValidator(#"{"maxLength": 10, "pattern": "^[0-9]+$"}"#)
        let lines = validator.validate(.string(String(repeating: "z", count: 1 << 20))).map(\.description)
        #expect(lines == ["/: string of 1048576 characters, longer than the maximum of 10"])
        #expect(
            try violationLines(of: #""zz""#, against: #"{"maxLength": 10, "pattern": "^[0-9]+$"}"#) == [
                #"/: "zz" does not match pattern ^[0-9]+$"#
            ])
    }
}
