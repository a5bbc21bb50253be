import JSON
import JSONSchema
import Testing

/// How violations are reported: pointers into the instance, shortened values, order, limits.
@Suite struct ViolationReportTests {
    @Test func descriptionIsPointerColonMessageWithTheRootAsSlash() {
        let nested = SchemaViolation(instancePath: "/updates/0/stage", keyword: "enum", message: #""x" is not one of a, b"#)
        #expect(nested.description == #"/updates/0/stage: "x" is not one of a, b"#)
        #expect(
            SchemaViolation(instancePath: "", keyword: "type", message: "expected object, got array").description
                == "/: expected object, got array")
    }

    @Test func pointersEscapeSlashAndTildeInNames() throws {
        let schema = #"{"additionalProperties": {"items": {"type": "integer"}}}"#
        let found = try violations(of: #"{"a/b": [0, "x"], "c~d": ["y"], "~1": ["z"], "": ["e"]}"#, against: schema)
        #expect(found.map(\.instancePath) == ["/a~1b/1", "/c~0d/0", "/~01/0", "//0"])
    }

    @Test func pointersKeepOtherCharactersAsTheyAre() throws {
        let found = try violations(
            of: #"{"naïve key": {"with space": 1}}"#, against: #"{"additionalProperties": {"additionalProperties": {"type": "string"}}}"#)
        #expect(found.map(\.instancePath) == ["/naïve key/with space"])
    }

    @Test func longStringsAreShortenedAndEscaped() throws {
        let long = String(repeating: "ab", count: 50_000) + "\n"
        let validator = try makeValidator(#"{"enum": ["x"]}"#)
        let message = try #require(validator.validate(.string(long)).first?.message)
        #expect(message == "\"" + String(repeating: "ab", count: 30) + "…\" is not one of x")
        let escaped = try violationLines(of: #""tab\there \"quoted\" \\ done""#, against: #"{"const": "x"}"#)
        #expect(escaped == [#"/: must be "x", got "tab\there \"quoted\" \\ done""#])
    }

    @Test func largeValuesAreShortened() throws {
        let validator = try makeValidator(#"{"not": {}}"#)
        let big = JSONValue.array((0..<10_000).map { .object([("id", .integer(Int64($0)))]) })
        let message = try #require(validator.validate(big).first?.message)
        #expect(message.count < 120)
        #expect(message.hasPrefix(#"[{"id":0},{"id":1},"#))
        #expect(message.hasSuffix("…] matches the schema in not, which it must not"))
    }

    @Test func violationsComeInDocumentOrder() throws {
        // The $ref'd schema's violations come after the sibling keywords' in evaluation, but
        // the report follows the instance: a member's own problems, then those inside it.
        let schema = ##"""
            {
                "$defs": {"base": {"properties": {"a": {"type": "string"}, "z": {"type": "string"}}}},
                "$ref": "#/$defs/base",
                "required": ["missing"],
                "properties": {"m": {"type": "string"}, "a": {"minLength": 5}}
            }
            """##
        #expect(
            try violationLines(of: #"{"z": 1, "m": 2, "a": 3}"#, against: schema) == [
                #"/: missing required property "missing""#,
                "/z: expected string, got integer",
                "/m: expected string, got integer",
                "/a: expected string, got integer",
            ])
    }

    @Test func collectionStopsAtMaximumErrors() throws {
        let schema = #"{"items": {"type": "string"}}"#
        let instance = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        #expect(try violationLines(of: instance, against: schema).count == 20)
        #expect(
            try violationLines(of: instance, against: schema, maximumErrors: 3) == [
                "/0: expected string, got integer", "/1: expected string, got integer", "/2: expected string, got integer",
            ])
        // At least one is always reported for an invalid instance.
        #expect(try violationLines(of: instance, against: schema, maximumErrors: 0).count == 1)
    }

    @Test func everyViolationIsReportedNotJustTheFirst() throws {
        let schema = #"{"type": "string", "minLength": 3, "pattern": "^[a-z]+$", "enum": ["abc"]}"#
        #expect(try violations(of: #""A""#, against: schema).map(\.keyword) == ["enum", "minLength", "pattern"])
    }

    @Test func deeplyNestedInstancesAreReportedNotCrashedOn() throws {
        let validator = try makeValidator(##"{"type": "array", "items": {"$ref": "#"}}"##)
        var value = JSONValue.array([])
        for _ in 0..<500 { value = .array([value]) }
        let found = validator.validate(value)
        #expect(found.count == 1)
        #expect(found.first?.keyword == "depth")
        #expect(!validator.isValid(value))
        var shallow = JSONValue.array([])
        for _ in 0..<40 { shallow = .array([shallow]) }
        #expect(validator.isValid(shallow))
    }
}
