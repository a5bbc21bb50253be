public import JSON

/// Validates JSON values against a JSON Schema (draft 2020-12).
///
/// The schema is compiled once, in `init`: every keyword is read and checked, regexes are
/// compiled and `$ref`s resolved, so that an unusable schema fails there with a `SchemaError`
/// rather than later, and validating does no parsing. A validator is immutable and can be
/// shared between tasks.
///
/// Supported: every validation and applicator keyword of 2020-12 except `unevaluatedProperties`,
/// `unevaluatedItems` and `$dynamicRef` (schemas using them are rejected rather than half
/// obeyed). `$ref` may point anywhere in the same document, by JSON pointer or `$anchor`;
/// references to other documents are rejected. `$id` is only used to recognise a `$ref` that
/// names the root by its `$id`.
public struct SchemaValidator: Sendable {
    public struct Options: Sendable {
        /// Whether `format` is checked (date, date-time, time, email, uri, uuid; other formats
        /// are ignored). Off by default: the specification makes `format` an annotation.
        public var assertFormat: Bool
        /// Validation stops collecting violations after this many (at least 1).
        public var maximumErrors: Int

        public init(assertFormat: Bool = false, maximumErrors: Int = 20) {
            self.assertFormat = assertFormat
            self.maximumErrors = maximumErrors
        }
    }

    private let options: Options
    private let schema: CompiledSchema
    private let root: NodeID

    /// Compiles the schema once (regexes compiled, $refs checked to resolve); throws when the schema is unusable.
    public init(schema: JSONValue, options: Options = .init()) throws(SchemaError) {
        var compiler = SchemaCompiler(document: schema, assertFormat: options.assertFormat)
        self.root = try compiler.compile(reference: "#")
        self.schema = compiler.schema
        self.options = options
    }

    private init(schema: CompiledSchema, root: NodeID, options: Options) {
        self.schema = schema
        self.root = root
        self.options = options
    }

    /// A validator for the subschema a reference names ("#/$defs/result", "#", "#name" for an
    /// `$anchor`, or a plain pointer such as "/$defs/result"), compiled once: for validating many
    /// instances against one part of the schema. Throws SchemaError if it does not resolve.
    public func subschema(at pointer: String) throws(SchemaError) -> SchemaValidator {
        var compiler = SchemaCompiler(extending: schema, assertFormat: options.assertFormat)
        let node = try compiler.compile(reference: pointer)
        return SchemaValidator(schema: compiler.schema, root: node, options: options)
    }

    /// Every violation (up to maximumErrors), in document order; empty when valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        Validation.violations(of: instance, against: root, in: schema, maximumCount: options.maximumErrors)
    }

    /// Validates against a subschema named by a reference such as "#/$defs/result" (see
    /// `subschema(at:)`, which to prefer when validating many instances); throws SchemaError if
    /// it does not resolve.
    public func validate(_ instance: JSONValue, against pointer: String) throws(SchemaError) -> [SchemaViolation] {
        try subschema(at: pointer).validate(instance)
    }

    /// Whether `instance` is valid; faster than `validate(_:).isEmpty`, as it stops at the first
    /// violation and words none.
    public func isValid(_ instance: JSONValue) -> Bool {
        Validation.isValid(instance, against: root, in: schema)
    }
}
