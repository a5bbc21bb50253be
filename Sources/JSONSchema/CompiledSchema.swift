import JSON

/// A schema compiled once from its JSON: a table of nodes, one per schema location, each
/// holding its keywords already decoded (numbers read, regexes compiled, `$ref`s resolved).
/// Validation only reads it.
///
/// Subschemas refer to each other by index into `nodes` rather than by reference, so that
/// `$ref` can make cycles (a tree whose children are trees) without reference cycles.
struct CompiledSchema: Sendable {
    /// The schema document, kept to compile further locations on demand (`validate(_:against:)`).
    let document: JSONValue
    var nodes: [SchemaNode] = []
    /// The node compiled for each location (a JSON pointer into `document`), so that a
    /// location reached both by walking the schema and through `$ref` is compiled once.
    var nodeAtLocation: [String: NodeID] = [:]
    /// `$anchor` (and `$dynamicAnchor`) names, which `$ref: "#name"` refers to.
    var anchors: [String: NodeID] = [:]
}

/// Index of a node in `CompiledSchema.nodes`.
typealias NodeID = Int

/// One schema (object or boolean), compiled. Checks for one instance type only apply to
/// instances of that type: `minLength` says nothing about a number.
///
/// A class, immutable once built, so that validation reaches a node's parts through one
/// reference instead of copying them all for every value it visits.
final class SchemaNode: Sendable {
    /// Where the schema is, as a JSON pointer into the schema document ("" for the root).
    let location: String
    /// The `false` schema: nothing is valid.
    let isFalse: Bool
    let types: [JSONType]?
    let constant: JSONValue?
    let enumeration: [JSONValue]?
    let number: NumberChecks?
    let string: StringChecks?
    let array: ArrayChecks?
    let object: ObjectChecks?
    /// Keywords that apply other schemas to the same instance, in the order they run.
    let applicators: [Applicator]

    init(
        location: String, isFalse: Bool = false, types: [JSONType]? = nil, constant: JSONValue? = nil,
        enumeration: [JSONValue]? = nil, number: NumberChecks? = nil, string: StringChecks? = nil,
        array: ArrayChecks? = nil, object: ObjectChecks? = nil, applicators: [Applicator] = []
    ) {
        self.location = location
        self.isFalse = isFalse
        self.types = types
        self.constant = constant
        self.enumeration = enumeration
        self.number = number
        self.string = string
        self.array = array
        self.object = object
        self.applicators = applicators
    }
}

/// The values of the `type` keyword.
enum JSONType: String, Sendable {
    case null, boolean, object, array, number, string, integer

    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.string, .string): true
        case (.number, .integer), (.number, .number): true
        // 1.0 is an integer: the type is about the mathematical value, not how it was written.
        case (.integer, .integer): true
        case (.integer, .number(let double)): JSONNumber.double(double).isIntegral
        default: false
        }
    }
}

struct NumberChecks: Sendable {
    var minimum: JSONNumber?
    var exclusiveMinimum: JSONNumber?
    var maximum: JSONNumber?
    var exclusiveMaximum: JSONNumber?
    /// The divisor as written, for messages, and as a decimal, for the check.
    var multipleOf: (number: JSONNumber, decimal: DecimalNumber)?
}

struct StringChecks: Sendable {
    var minLength: Int?
    var maxLength: Int?
    var pattern: ECMARegex?
    /// Only set when formats are asserted.
    var format: StringFormat?
}

struct ArrayChecks: Sendable {
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    /// `prefixItems`: one schema per leading item.
    var prefixItems: [NodeID] = []
    /// `items`: the schema for the items after the `prefixItems`.
    var items: NodeID?
    var contains: NodeID?
    /// Meaningful only with `contains`; 1 unless `minContains` says otherwise.
    var minContains = 1
    var maxContains: Int?
    /// Whether `minContains` was given, to name the failing keyword.
    var hasMinContains = false
}

struct ObjectChecks: Sendable {
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    /// `dependentRequired`: when the key is present, these must be too.
    var dependentRequired: [(property: String, requires: [String])] = []
    var propertyNames: NodeID?
    var properties: [String: NodeID] = [:]
    var patternProperties: [(pattern: ECMARegex, node: NodeID)] = []
    /// Applies to members matched by neither `properties` nor `patternProperties`.
    var additionalProperties: NodeID?
    /// `dependentSchemas`: when the key is present, the whole object must match the schema.
    var dependentSchemas: [(property: String, node: NodeID)] = []
}

/// A keyword that applies other schemas to the instance itself (not to a part of it).
enum Applicator: Sendable {
    case ref(NodeID)
    case allOf([NodeID])
    case anyOf([NodeID])
    case oneOf([NodeID])
    case not(NodeID)
    case conditional(if: NodeID, then: NodeID?, else: NodeID?)

    /// The schemas it applies, for finding loops.
    var subschemas: [NodeID] {
        switch self {
        case .ref(let node), .not(let node): [node]
        case .allOf(let nodes), .anyOf(let nodes), .oneOf(let nodes): nodes
        case .conditional(let condition, let then, let otherwise): [condition] + [then, otherwise].compactMap { $0 }
        }
    }
}
