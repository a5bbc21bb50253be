import JSON
import JSONSchema
import Testing

/// Generous bounds: they catch a validator that re-parses its schema or goes quadratic, not a
/// slow machine. (A release build validates a 25-item answer in about 0.1 ms; these tests run
/// in debug builds, several times slower.)
@Suite struct ValidatorPerformanceTests {
    static func answer(items: Int) -> JSONValue {
        let result = JSONValue.object([
            ("company", .string("Company")), ("stage", .string("onsite")), ("season", .string("Summer 2026")),
            ("role", .string("SWE Intern")), ("confidence", .number(0.9)), ("posting", .null),
        ])
        return .object([("kind", .string("stage_update")), ("results", .array(Array(repeating: result, count: items)))])
    }

    static func averageDuration(of repetitions: Int, _ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        return clock.measure { for _ in 0..<repetitions { body() } } / repetitions
    }

    @Test func aTypicalAnswerValidatesQuickly() throws {
        let schema = try JSONParser.parse(LLMAnswerSchemaTests.schema.replacing(#""maxItems": 20"#, with: #""maxItems": 50"#))
        let validator = try SchemaValidator(schema: schema)
        let answer = Self.answer(items: 25)
        #expect(validator.isValid(answer))
        let average = Self.averageDuration(of: 50) { _ = validator.validate(answer) }
        #expect(average < .milliseconds(20), "average \(average)")
    }

    @Test func tenThousandItemsAndAMegabyteStringAreQuick() throws {
        let validator = try SchemaValidator(schema: try JSONParser.parse(LLMAnswerSchemaTests.schema))
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            count = validator.validate(Self.answer(items: 10_000)).count
            count +=
                validator.validate(.object([("kind", .string(String(repeating: "k", count: 1 << 20))), ("results", .array([]))])).count
        }
        #expect(count == 2)
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func compilingIsDoneOnce() throws {
        // Validating must not cost anything like compiling: no re-parsing, no regex compiling.
        let schema = try JSONParser.parse(LLMAnswerSchemaTests.schema)
        let compile = Self.averageDuration(of: 20) { _ = try? SchemaValidator(schema: schema) }
        let validator = try SchemaValidator(schema: schema)
        let answer = Self.answer(items: 1)
        let validate = Self.averageDuration(of: 200) { _ = validator.isValid(answer) }
        #expect(validate < compile, "validate \(validate), compile \(compile)")
    }
}
