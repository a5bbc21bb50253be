import JSON
import JSONSchema
import Testing

@Suite struct BooleanSchemaTests {
    let everyKindOfValue = ["null", "true", "0", "1.5", #""s""#, "[]", "[1]", "{}", #"{"a": 1}"#]

    @Test func trueAcceptsEverything() throws {
        try expectValidity(of: "true", everyKindOfValue.map { ($0, true) })
        try expectValidity(of: "{}", everyKindOfValue.map { ($0, true) })
    }

    @Test func falseRejectsEverything() throws {
        try expectValidity(of: "false", everyKindOfValue.map { ($0, false) })
        #expect(try violationLines(of: "1", against: "false") == ["/: no value is allowed here (the schema is false)"])
        #expect(try violations(of: "1", against: "false").map(\.keyword) == ["false"])
    }

    @Test func booleansWorkWhereverASchemaCanAppear() throws {
        try expectValidity(of: #"{"properties": {"a": true, "b": false}}"#, [(#"{"a": 1}"#, true), (#"{"b": 1}"#, false)])
        try expectValidity(of: #"{"items": true}"#, [("[1, 2]", true)])
        try expectValidity(of: #"{"prefixItems": [true, false]}"#, [("[1]", true), ("[1, 2]", false)])
        try expectValidity(of: #"{"additionalProperties": true}"#, [(#"{"x": 1}"#, true)])
        try expectValidity(of: #"{"contains": false}"#, [("[1]", false)])
        try expectValidity(of: #"{"contains": true}"#, [("[1]", true), ("[]", false)])
        try expectValidity(
            of: ##"{"$defs": {"no": false}, "properties": {"x": {"$ref": "#/$defs/no"}}}"##, [("{}", true), (#"{"x": 1}"#, false)])
        #expect(
            try violationLines(of: "[1, 2]", against: #"{"prefixItems": [true, false]}"#) == [
                "/1: no value is allowed here (the schema is false)"
            ])
    }
}
