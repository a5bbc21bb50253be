import JSON
import Testing

/// Schemas that cannot be used fail when the validator is made, with a pointer to the problem.
@Suite struct SchemaErrorTests {
    @Test(arguments: [
        (#""string""#, "invalid schema at #: a schema must be an object or a boolean, got string"),
        (#"{"properties": {"a": 3}}"#, "invalid schema at #/properties/a: a schema must be an object or a boolean, got integer"),
        (
            #"{"items": [{"type": "string"}]}"#,
            "invalid schema at #/items: must be a schema: since draft 2020-12 a list of schemas for the first items is prefixItems"
        ),
        (
            #"{"type": "strin"}"#,
            #"invalid schema at #/type: "strin" is not a type (null, boolean, object, array, number, string or integer)"#
        ),
        (#"{"type": ["string", "string"]}"#, #"invalid schema at #/type: "string" is listed twice"#),
        (#"{"type": 3}"#, "invalid schema at #/type: must be a type name or an array of type names"),
        (#"{"required": "a"}"#, #"invalid schema at #/required: must be an array of strings, got "a""#),
        (#"{"required": ["a", 1]}"#, "invalid schema at #/required: must be an array of strings, but holds 1"),
        (#"{"required": ["a", "a"]}"#, #"invalid schema at #/required: lists "a" twice"#),
        (#"{"minLength": -1}"#, "invalid schema at #/minLength: must be a non-negative integer, got -1"),
        (#"{"maxLength": 1.5}"#, "invalid schema at #/maxLength: must be a non-negative integer, got 1.5"),
        (#"{"maxItems": "3"}"#, #"invalid schema at #/maxItems: must be a non-negative integer, got "3""#),
        (
            #"{"pattern": "[a-"}"#,
            #"invalid schema at #/pattern: "[a-" is not a valid regular expression: missing ] at the end of a character class"#
        ),
        (#"{"patternProperties": {"(": {}}}"#, #"invalid schema at #/patternProperties/(: "(" is not a valid regular expression"#),
        (#"{"multipleOf": 0}"#, "invalid schema at #/multipleOf: must be greater than 0, got 0"),
        (#"{"multipleOf": -2}"#, "invalid schema at #/multipleOf: must be greater than 0, got -2"),
        (#"{"minimum": "1"}"#, #"invalid schema at #/minimum: must be a number, got "1""#),
        (#"{"exclusiveMinimum": true}"#, "invalid schema at #/exclusiveMinimum: must be a number, got true"),
        (#"{"enum": "a"}"#, "invalid schema at #/enum: must be an array"),
        (#"{"uniqueItems": 1}"#, "invalid schema at #/uniqueItems: must be true or false, got 1"),
        (#"{"anyOf": []}"#, "invalid schema at #/anyOf: must be a non-empty array of schemas"),
        (#"{"allOf": {}}"#, "invalid schema at #/allOf: must be a non-empty array of schemas"),
        (#"{"oneOf": [{}, 2]}"#, "invalid schema at #/oneOf/1: a schema must be an object or a boolean, got integer"),
        (#"{"properties": []}"#, "invalid schema at #/properties: must be an object whose values are schemas"),
        (#"{"dependentRequired": {"a": "b"}}"#, #"invalid schema at #/dependentRequired/a: must be an array of strings, got "b""#),
        (#"{"format": 5}"#, "invalid schema at #/format: must be a string, got 5"),
        (#"{"$ref": 5}"#, "invalid schema at #/$ref: must be a string, got 5"),
        (#"{"$defs": {"x": {"minItems": -1}}}"#, "invalid schema at #/$defs/x/minItems: must be a non-negative integer, got -1"),
        (
            #"{"properties": {"a/b": {"type": "nope"}}}"#,
            #"invalid schema at #/properties/a~1b/type: "nope" is not a type (null, boolean, object, array, number, string or integer)"#
        ),
        (
            #"{"unevaluatedProperties": false}"#,
            "invalid schema at #/unevaluatedProperties: unevaluatedProperties is not supported by this validator"
        ),
        (
            #"{"$anchor": "1bad"}"#,
            #"invalid schema at #/$anchor: "1bad" is not a valid anchor name (a letter or _, then letters, digits, -, _ or .)"#
        ),
    ])
    func unusableSchemaIsRejected(schema: String, description: String) throws {
        let error = try schemaError(schema)
        #expect(error?.hasPrefix(description) == true, "got \(error ?? "no error")")
    }

    @Test func errorsAreOneLine() throws {
        let error = try schemaError(#"{"pattern": "a\nb["}"#)
        #expect(error?.contains("\n") == false)
    }

    @Test func annotationsAndUnknownKeywordsAreIgnored() throws {
        let schema = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/s", "$comment": "c",
             "title": "t", "description": "d", "default": 1, "examples": [1], "deprecated": true, "readOnly": true,
             "writeOnly": false, "x-vendor": {"type": "string"}, "definitions": 3, "contentMediaType": "application/json",
             "type": "integer"}
            """
        try expectValidity(of: schema, [("1", true), (#""1""#, false)])
    }
}
