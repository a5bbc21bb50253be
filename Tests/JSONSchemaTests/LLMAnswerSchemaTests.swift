import JSON
import JSONSchema
import Testing

/// A schema of the kind the extractor hands to an LLM, and the answers it has to judge.
@Suite struct LLMAnswerSchemaTests {
    static let schema = ##"""
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Extraction answer",
            "type": "object",
            "additionalProperties": false,
            "required": ["kind", "results"],
            "properties": {
                "kind": {"enum": ["stage_update", "job_posting", "other"]},
                "results": {"type": "array", "maxItems": 20, "items": {"$ref": "#/$defs/result"}},
                "spam": {"type": "boolean"}
            },
            "$defs": {
                "result": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["company", "stage", "season", "role"],
                    "properties": {
                        "company": {"type": "string", "minLength": 1, "maxLength": 100},
                        "stage": {"enum": ["applied", "oa", "phone", "onsite", "offer", "rejected", null]},
                        "season": {"type": ["string", "null"], "pattern": "^(Summer|Fall|Winter|Spring) [0-9]{4}$"},
                        "role": {"type": ["string", "null"], "maxLength": 200},
                        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                        "posting": {
                            "anyOf": [
                                {"type": "null"},
                                {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}, "additionalProperties": false}
                            ]
                        }
                    }
                }
            }
        }
        """##

    static func answer(_ results: String, kind: String = "stage_update") -> String {
        #"{"kind": "\#(kind)", "results": [\#(results)]}"#
    }

    static let goodResult =
        #"{"company": "Jane Street", "stage": "onsite", "season": "Summer 2026", "role": "SWE Intern", "confidence": 0.9}"#

    @Test func aGoodAnswerIsValid() throws {
        try expectValidity(
            of: Self.schema,
            [
                (Self.answer(Self.goodResult), true),
                (Self.answer(#"{"company": "X", "stage": null, "season": null, "role": null, "posting": null}"#), true),
                (
                    Self.answer(
                        #"{"company": "X", "stage": "offer", "season": "Fall 2025", "role": "Quant", "posting": {"url": "https://x.com/j"}}"#
                    ), true
                ),
                (Self.answer("", kind: "other"), true),
            ])
    }

    @Test func eachKindOfMistakeIsReportedPrecisely() throws {
        let validator = try makeValidator(Self.schema)
        func lines(_ text: String) throws -> [String] { validator.validate(try JSONParser.parse(text)).map(\.description) }

        #expect(
            try lines(Self.answer(#"{"company": "X", "stage": "superday", "season": null, "role": null}"#))
                == [#"/results/0/stage: "superday" is not one of applied, oa, phone, onsite, offer, rejected, null"#])
        #expect(try lines(Self.answer("", kind: "foo")) == [#"/kind: "foo" is not one of stage_update, job_posting, other"#])
        #expect(
            try lines(Self.answer(#"{"company": "X", "stage": "oa", "role": null}"#)) == [
                #"/results/0: missing required property "season""#
            ])
        #expect(
            try lines(Self.answer(#"{"company": "X", "stage": "oa", "season": "2025", "role": null}"#))
                == [#"/results/0/season: "2025" does not match pattern ^(Summer|Fall|Winter|Spring) [0-9]{4}$"#])
        #expect(
            try lines(Self.answer(#"{"company": "X", "stage": "oa", "season": null, "role": 7}"#))
                == ["/results/0/role: expected string or null, got integer"])
        #expect(try lines(#"{"kind": "other", "results": [], "spam": "no"}"#) == ["/spam: expected boolean, got string"])
        #expect(try lines(#"{"kind": "other", "results": [], "notes": "hi"}"#) == [#"/: property "notes" is not allowed"#])
        #expect(
            try lines(Self.answer(#"{"company": "X", "stage": "oa", "season": null, "role": null, "posting": {"link": "u"}}"#))
                == [
                    #"/results/0/posting: matches none of the 2 alternatives in anyOf (alternative 2: missing required property "url", and 1 more problem; alternative 1: expected null, got object)"#
                ])
        #expect(try lines(#"{"results": []}"#) == [#"/: missing required property "kind""#])
        #expect(try lines("[]") == ["/: expected object, got array"])
    }

    @Test func severalMistakesComeInDocumentOrder() throws {
        let results = [
            #"{"company": "", "stage": "superday", "season": null, "role": null}"#,
            Self.goodResult,
            #"{"company": "Y", "stage": "oa", "season": null, "role": null, "confidence": 1.5, "extra": true}"#,
        ].joined(separator: ",")
        #expect(
            try violationLines(of: Self.answer(results, kind: "bad"), against: Self.schema) == [
                #"/kind: "bad" is not one of stage_update, job_posting, other"#,
                "/results/0/company: string of 0 characters, shorter than the minimum of 1",
                #"/results/0/stage: "superday" is not one of applied, oa, phone, onsite, offer, rejected, null"#,
                #"/results/2: property "extra" is not allowed"#,
                "/results/2/confidence: 1.5 is greater than the maximum of 1",
            ])
    }

    @Test func aHugeAnswerGetsAShortReport() throws {
        let validator = try makeValidator(Self.schema)
        let result = try JSONParser.parse(Self.goodResult)
        let huge = JSONValue.object([("kind", .string("stage_update")), ("results", .array(Array(repeating: result, count: 10_000)))])
        #expect(validator.validate(huge).map(\.description) == ["/results: 10000 items, more than the maximum of 20"])
        let longCompany = JSONValue.object([
            ("kind", .string("other")),
            (
                "results",
                .array([
                    .object([
                        ("company", .string(String(repeating: "x", count: 1 << 20))), ("stage", .null), ("season", .null), ("role", .null),
                    ])
                ])
            ),
        ])
        #expect(
            validator.validate(longCompany).map(\.description) == [
                "/results/0/company: string of 1048576 characters, longer than the maximum of 100"
            ])
    }

    @Test func oneResultCanBeCheckedOnItsOwn() throws {
        let validator = try makeValidator(Self.schema)
        #expect(try validator.validate(try JSONParser.parse(Self.goodResult), against: "#/$defs/result").isEmpty)
        #expect(
            try validator.validate(try JSONParser.parse(#"{"company": "X"}"#), against: "#/$defs/result").map(\.description) == [
                #"/: missing required property "stage""#, #"/: missing required property "season""#,
                #"/: missing required property "role""#,
            ])
    }
}
