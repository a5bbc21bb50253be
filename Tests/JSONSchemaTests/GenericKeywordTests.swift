import JSON
import JSONSchema
import Testing

// The keywords that apply to values of any type: type, enum, const.

@Suite struct TypeKeywordTests {
    @Test func eachTypeNameMatchesItsValues() throws {
        try expectValidity(of: #"{"type": "null"}"#, [("null", true), ("false", false), ("0", false), (#""""#, false)])
        try expectValidity(of: #"{"type": "boolean"}"#, [("true", true), ("false", true), ("1", false), (#""true""#, false)])
        try expectValidity(of: #"{"type": "string"}"#, [(#""""#, true), (#""1""#, true), ("1", false), ("null", false)])
        try expectValidity(of: #"{"type": "array"}"#, [("[]", true), ("[1]", true), ("{}", false), (#""[]""#, false)])
        try expectValidity(of: #"{"type": "object"}"#, [("{}", true), (#"{"a":1}"#, true), ("[]", false), ("null", false)])
        try expectValidity(
            of: #"{"type": "number"}"#, [("1", true), ("1.5", true), ("-0", true), ("1e300", true), (#""1""#, false), ("true", false)])
    }

    @Test func integerMeansAMathematicalInteger() throws {
        try expectValidity(
            of: #"{"type": "integer"}"#,
            [
                ("1", true), ("-7", true), ("1.0", true), ("-3.0", true), ("1e3", true), ("1e308", true),
                ("1.5", false), ("0.1", false), (#""1""#, false), ("true", false), ("null", false),
            ])
    }

    @Test func anArrayOfTypesAcceptsAnyOfThem() throws {
        try expectValidity(of: #"{"type": ["string", "null"]}"#, [(#""a""#, true), ("null", true), ("0", false), ("[]", false)])
        try expectValidity(of: #"{"type": ["integer", "object"]}"#, [("2", true), ("{}", true), ("2.5", false), (#""x""#, false)])
    }

    @Test func typeAppliesAlongsideOtherKeywords() throws {
        // Keywords for other types do not make up for a wrong type.
        try expectValidity(of: #"{"type": "string", "minimum": 3}"#, [(#""a""#, true), ("5", false)])
    }

    @Test func messagesNameTheExpectedAndTheActualType() throws {
        #expect(
            try violationLines(of: #"{"spam": "yes"}"#, against: #"{"properties": {"spam": {"type": "boolean"}}}"#)
                == ["/spam: expected boolean, got string"])
        #expect(try violationLines(of: "5", against: #"{"type": ["string", "null"]}"#) == ["/: expected string or null, got integer"])
        #expect(
            try violationLines(of: "5.5", against: #"{"type": ["string", "array", "integer"]}"#)
                == ["/: expected string, array or integer, got number"])
        #expect(try violations(of: "1", against: #"{"type": "null"}"#).map(\.keyword) == ["type"])
    }
}

@Suite struct EnumKeywordTests {
    @Test func matchesAnyListedValue() throws {
        try expectValidity(
            of: #"{"enum": ["applied", "oa", 3, null, [1, 2], {"a": true}]}"#,
            [
                (#""applied""#, true), (#""oa""#, true), ("3", true), ("3.0", true), ("null", true),
                ("[1, 2]", true), (#"{"a": true}"#, true),
                (#""Applied""#, false), ("[2, 1]", false), (#"{"a": 1}"#, false), ("false", false), (#""3""#, false),
            ])
    }

    @Test func comparesWithoutTypeCoercion() throws {
        try expectValidity(
            of: #"{"enum": [false, 0]}"#, [("false", true), ("0", true), ("0.0", true), ("true", false), ("1", false), ("null", false)])
        try expectValidity(of: #"{"enum": [true]}"#, [("true", true), ("1", false), ("1.0", false)])
        try expectValidity(of: #"{"enum": [[false]]}"#, [("[false]", true), ("[0]", false)])
    }

    @Test func objectsMatchRegardlessOfKeyOrder() throws {
        try expectValidity(
            of: #"{"enum": [{"a": 1, "b": [2, {"c": null}]}]}"#,
            [
                (#"{"b": [2, {"c": null}], "a": 1.0}"#, true), (#"{"a": 1}"#, false), (#"{"a": 1, "b": [2, {"c": 0}]}"#, false),
            ])
    }

    @Test func anEmptyEnumAllowsNothing() throws {
        try expectValidity(of: #"{"enum": []}"#, [("null", false), ("0", false)])
    }

    @Test func messageQuotesTheValueAndListsTheChoices() throws {
        let schema = #"{"properties": {"stage": {"enum": ["applied", "oa", "phone", "onsite", "offer", "rejected"]}}}"#
        #expect(
            try violationLines(of: #"{"stage": "superday"}"#, against: schema)
                == [#"/stage: "superday" is not one of applied, oa, phone, onsite, offer, rejected"#])
        #expect(try violations(of: #"{"stage": "superday"}"#, against: schema).map(\.keyword) == ["enum"])
    }

    @Test func messageListsNullAndNonStringsAsJSON() throws {
        #expect(
            try violationLines(of: #""x""#, against: #"{"enum": ["offer", "rejected", null]}"#)
                == [#"/: "x" is not one of offer, rejected, null"#])
        #expect(
            try violationLines(of: "4", against: #"{"enum": [1, 2.5, true, [1], {"a": 1}]}"#)
                == [#"/: 4 is not one of 1, 2.5, true, [1], {"a":1}"#])
    }

    @Test func messageQuotesStringsThatWouldBeAmbiguousBare() throws {
        #expect(
            try violationLines(of: #""x""#, against: #"{"enum": ["null", "", "a, b", " padded", "12", "plain text"]}"#)
                == [#"/: "x" is not one of "null", "", "a, b", " padded", "12", plain text"#])
    }

    @Test func longEnumsAreCutShort() throws {
        let values = (1...30).map { "\"v\($0)\"" }.joined(separator: ",")
        let lines = try violationLines(of: #""x""#, against: "{\"enum\": [\(values)]}")
        #expect(lines == [#"/: "x" is not one of "# + (1...20).map { "v\($0)" }.joined(separator: ", ") + ", … (10 more)"])
    }
}

@Suite struct ConstKeywordTests {
    @Test func numbersCompareByValue() throws {
        try expectValidity(
            of: #"{"const": 1}"#, [("1", true), ("1.0", true), ("1e0", true), ("true", false), (#""1""#, false), ("1.5", false)])
        try expectValidity(of: #"{"const": 0}"#, [("0", true), ("-0", true), ("-0.0", true), ("false", false), ("null", false)])
        try expectValidity(of: #"{"const": 2.5}"#, [("2.5", true), ("25e-1", true), ("2", false)])
    }

    @Test func largeIntegersCompareExactly() throws {
        // 2^53 + 1 has no Double of its own; comparing through Double would call these equal.
        try expectValidity(of: #"{"const": 9007199254740993}"#, [("9007199254740993", true), ("9007199254740992", false)])
    }

    @Test func booleansAreNotNumbers() throws {
        try expectValidity(of: #"{"const": true}"#, [("true", true), ("1", false), ("false", false)])
        try expectValidity(of: #"{"const": false}"#, [("false", true), ("0", false), ("null", false)])
        try expectValidity(of: #"{"const": null}"#, [("null", true), ("0", false), ("false", false), (#""""#, false)])
    }

    @Test func objectsAndArraysCompareDeeply() throws {
        try expectValidity(
            of: #"{"const": {"a": [1, {"b": "c"}], "d": null}}"#,
            [
                (#"{"d": null, "a": [1.0, {"b": "c"}]}"#, true),
                (#"{"a": [1, {"b": "c"}]}"#, false),
                (#"{"a": [{"b": "c"}, 1], "d": null}"#, false),
                (#"{"a": [1, {"b": "c"}], "d": null, "e": 1}"#, false),
            ])
    }

    @Test func stringsCompareByCodePoints() throws {
        // "é" as one code point and as e + combining acute accent look the same, but differ.
        try expectValidity(of: #"{"const": "caf\u00e9"}"#, [(#""caf\u00e9""#, true), (#""cafe\u0301""#, false)])
    }

    @Test func messageShowsBothValues() throws {
        #expect(
            try violationLines(of: #"{"kind": "other"}"#, against: #"{"properties": {"kind": {"const": "stage_update"}}}"#)
                == [#"/kind: must be "stage_update", got "other""#])
        #expect(try violations(of: "2", against: #"{"const": 1}"#).map(\.keyword) == ["const"])
    }
}
