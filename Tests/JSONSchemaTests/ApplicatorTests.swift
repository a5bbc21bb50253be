import JSON
import JSONSchema
import Testing

@Suite struct AllOfTests {
    @Test func everySchemaMustMatch() throws {
        let schema = #"{"allOf": [{"properties": {"bar": {"type": "integer"}}, "required": ["bar"]}, {"required": ["foo"]}]}"#
        try expectValidity(
            of: schema,
            [(#"{"foo": "x", "bar": 2}"#, true), (#"{"foo": "x"}"#, false), (#"{"bar": 2}"#, false), (#"{"foo": "x", "bar": "y"}"#, false)])
        try expectValidity(of: #"{"allOf": [true, true]}"#, [("1", true)])
        try expectValidity(of: #"{"allOf": [true, false]}"#, [("1", false)])
    }

    @Test func violationsOfEachSchemaAreReportedDirectly() throws {
        #expect(
            try violationLines(of: "{}", against: #"{"allOf": [{"required": ["a"]}, {"required": ["b"]}]}"#)
                == [#"/: missing required property "a""#, #"/: missing required property "b""#])
    }
}

@Suite struct AnyOfTests {
    @Test func atLeastOneSchemaMustMatch() throws {
        let schema = #"{"anyOf": [{"type": "integer"}, {"minimum": 2}]}"#
        try expectValidity(of: schema, [("1", true), ("2.5", true), ("3", true), ("1.5", false)])
        try expectValidity(of: #"{"anyOf": [false, true]}"#, [("null", true)])
        try expectValidity(of: #"{"anyOf": [false, false]}"#, [("null", false)])
    }

    @Test func siblingKeywordsApplyToo() throws {
        try expectValidity(
            of: #"{"type": "string", "anyOf": [{"maxLength": 2}, {"minLength": 4}]}"#,
            [
                (#""ab""#, true), (#""abcd""#, true), (#""abc""#, false), ("1", false),
            ])
    }

    @Test func messageSummarizesTheAlternativesClosestFirst() throws {
        let schema = #"{"properties": {"location": {"anyOf": [{"type": "null"}, {"type": "object", "required": ["city", "country"]}]}}}"#
        #expect(
            try violationLines(of: #"{"location": {"city": "Paris"}}"#, against: schema)
                == [
                    #"/location: matches none of the 2 alternatives in anyOf (alternative 2: missing required property "country"; alternative 1: expected null, got object)"#
                ])
        #expect(try violations(of: #"{"location": 1}"#, against: schema).map(\.keyword) == ["anyOf"])
    }

    @Test func messageShowsDeeperProblemsWithTheirPointer() throws {
        let schema = #"{"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}]}"#
        #expect(
            try violationLines(of: #"[1, "x", "y"]"#, against: schema)
                == [
                    #"/: matches none of the 2 alternatives in anyOf (alternative 2: /1: expected integer, got string, and 1 more problem; alternative 1: expected string, got array)"#
                ])
    }

    @Test func manyAlternativesAreNotAllListed() throws {
        let schema = #"{"anyOf": [{"const": 1}, {"const": 2}, {"const": 3}, {"const": 4}, {"const": 5}]}"#
        let lines = try violationLines(of: "6", against: schema)
        #expect(
            lines == [
                "/: matches none of the 5 alternatives in anyOf (alternative 1: must be 1, got 6; alternative 2: must be 2, got 6; alternative 3: must be 3, got 6; …)"
            ])
    }
}

@Suite struct OneOfTests {
    @Test func exactlyOneSchemaMustMatch() throws {
        let schema = #"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#
        try expectValidity(of: schema, [("1", true), ("2.5", true), ("3", false), ("1.5", false)])
        try expectValidity(of: #"{"oneOf": [true, true]}"#, [("1", false)])
        try expectValidity(of: #"{"oneOf": [true, false, false]}"#, [("1", true)])
    }

    @Test func messageSaysWhichMatchedOrWhyNoneDid() throws {
        let schema = #"{"oneOf": [{"type": "integer"}, {"minimum": 2}, {"type": "number"}]}"#
        #expect(
            try violationLines(of: "3", against: schema) == [
                "/: matches 3 of the 3 alternatives in oneOf (1, 2 and 3), but must match exactly one"
            ])
        #expect(
            try violationLines(of: #""x""#, against: #"{"oneOf": [{"type": "integer"}, {"type": "boolean"}]}"#)
                == [
                    "/: matches none of the 2 alternatives in oneOf (alternative 1: expected integer, got string; alternative 2: expected boolean, got string)"
                ])
    }
}

@Suite struct NotTests {
    @Test func theSchemaMustNotMatch() throws {
        try expectValidity(of: #"{"not": {"type": "integer"}}"#, [(#""x""#, true), ("1.5", true), ("1", false)])
        try expectValidity(of: #"{"not": {}}"#, [("1", false), ("null", false)])
        try expectValidity(of: #"{"not": false}"#, [("1", true)])
        try expectValidity(of: #"{"not": {"not": {"type": "string"}}}"#, [(#""x""#, true), ("1", false)])
    }

    @Test func messageQuotesTheValue() throws {
        #expect(
            try violationLines(of: #"{"x": "forbidden"}"#, against: #"{"properties": {"x": {"not": {"const": "forbidden"}}}}"#)
                == [#"/x: "forbidden" matches the schema in not, which it must not"#])
    }
}

@Suite struct IfThenElseTests {
    let schema = #"{"if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}, "else": {"required": ["postcode"]}}"#

    @Test func thenAppliesWhenIfMatchesAndElseOtherwise() throws {
        try expectValidity(
            of: schema,
            [
                (#"{"country": "US", "zip": "1"}"#, true), (#"{"country": "US"}"#, false),
                (#"{"country": "FR", "postcode": "1"}"#, true), (#"{"country": "FR", "zip": "1"}"#, false),
            ])
    }

    @Test func ifAloneOrThenAloneHasNoEffect() throws {
        try expectValidity(of: #"{"if": false}"#, [("1", true)])
        try expectValidity(of: #"{"then": false, "else": false}"#, [("1", true)])
        try expectValidity(of: #"{"if": true, "else": false}"#, [("1", true)])
        try expectValidity(of: #"{"if": false, "then": false}"#, [("1", true)])
    }

    @Test func theFailingBranchReportsItsOwnViolations() throws {
        #expect(try violationLines(of: #"{"country": "US"}"#, against: schema) == [#"/: missing required property "zip""#])
    }
}
