import JSON
import JSONSchema
import Testing

/// Schemas and instances in these tests are written as JSON text, as they appear in the wild.
func makeValidator(_ schema: String, assertFormat: Bool = false, maximumErrors: Int = 20) throws -> SchemaValidator {
    try SchemaValidator(schema: try JSONParser.parse(schema), options: .init(assertFormat: assertFormat, maximumErrors: maximumErrors))
}

/// Checks each instance against the schema: `isValid` must give the expected answer, and
/// `validate` must agree with it (no violations exactly when valid).
func expectValidity(
    of schema: String, assertFormat: Bool = false, _ cases: [(instance: String, valid: Bool)],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let validator = try makeValidator(schema, assertFormat: assertFormat)
    for (instance, expected) in cases {
        let value = try JSONParser.parse(instance)
        let violations = validator.validate(value)
        #expect(
            validator.isValid(value) == expected, "\(instance) should be \(expected ? "valid" : "invalid"): \(violations)",
            sourceLocation: sourceLocation)
        #expect(
            violations.isEmpty == expected, "validate disagrees with isValid on \(instance): \(violations)", sourceLocation: sourceLocation)
    }
}

/// The violations of `instance` against `schema`, as "<pointer>: <message>" lines.
func violationLines(of instance: String, against schema: String, assertFormat: Bool = false, maximumErrors: Int = 20) throws -> [String] {
    try makeValidator(schema, assertFormat: assertFormat, maximumErrors: maximumErrors).validate(try JSONParser.parse(instance)).map(
        \.description)
}

/// The violations of `instance` against `schema`, whole.
func violations(of instance: String, against schema: String, assertFormat: Bool = false) throws -> [SchemaViolation] {
    try makeValidator(schema, assertFormat: assertFormat).validate(try JSONParser.parse(instance))
}

/// The error compiling `schema` gives, or nil (with a recorded issue) if it compiles.
func schemaError(_ schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
    let value = try JSONParser.parse(schema)
    do {
        _ = try SchemaValidator(schema: value)
        Issue.record("\(schema) compiled, but should not have", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error.description
    }
}
