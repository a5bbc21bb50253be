import JSON

/// Compiles a schema document into a `CompiledSchema`: every schema location reachable from the
/// starting one (through subschema keywords, `$defs` and `$ref`) becomes a node, and every
/// problem that would make the schema unusable is reported as a `SchemaError` with its location.
struct SchemaCompiler {
    private(set) var schema: CompiledSchema
    private let assertFormat: Bool
    /// Nodes reserved (so that others can refer to them) but not compiled yet.
    private var pending: [(node: NodeID, location: [String])] = []
    /// `$ref`s to anchors wait until every reachable schema, and so every anchor, is known.
    /// Each refers to an alias node, filled in then with a `$ref` to the anchored node.
    private var anchorReferences: [(alias: NodeID, anchor: String, location: String)] = []

    init(document: JSONValue, assertFormat: Bool) {
        self.init(extending: CompiledSchema(document: document), assertFormat: assertFormat)
    }

    /// Continues from an earlier compilation, to add locations it did not reach.
    init(extending schema: CompiledSchema, assertFormat: Bool) {
        self.schema = schema
        self.assertFormat = assertFormat
    }

    /// Compiles the schema the reference leads to (`#/$defs/item`, `#`, `#anchor`, or a plain
    /// JSON pointer such as `/$defs/item`) and everything it uses.
    mutating func compile(reference: String) throws(SchemaError) -> NodeID {
        let nodeCountBefore = schema.nodes.count
        let target: ReferenceTarget
        if reference.hasPrefix("/") {
            guard let tokens = JSONPointer.tokens(of: reference) else {
                throw SchemaError("\"\(reference)\" is not a valid JSON pointer")
            }
            guard let node = reserveNode(at: tokens) else {
                throw SchemaError("\"\(reference)\" does not resolve: the schema has nothing there")
            }
            target = .node(node)
        } else {
            target = try resolve(reference, describedAs: { SchemaError($0) })
        }
        try compilePending()
        let node: NodeID
        switch target {
        case .node(let id): node = id
        case .anchor(let name):
            guard let id = schema.anchors[name] else { throw SchemaError("\"\(reference)\": the schema has no $anchor named \"\(name)\"") }
            node = id
        }
        // Only new nodes can make a loop; most calls from `validate(_:against:)` add none.
        if schema.nodes.count > nodeCountBefore { try checkForLoops() }
        return node
    }

    // MARK: Nodes

    /// The node for the schema at `location`, reserved and queued for compiling if it is new;
    /// nil if the document has nothing there.
    private mutating func reserveNode(at location: [String]) -> NodeID? {
        let pointer = JSONPointer.string(location)
        if let existing = schema.nodeAtLocation[pointer] { return existing }
        guard JSONPointer.resolve(location, in: schema.document) != nil else { return nil }
        let node = schema.nodes.count
        schema.nodes.append(SchemaNode(location: pointer))
        schema.nodeAtLocation[pointer] = node
        pending.append((node, location))
        return node
    }

    /// For subschemas found while compiling: those always exist.
    private mutating func subschema(at location: [String]) -> NodeID {
        reserveNode(at: location)!
    }

    private mutating func compilePending() throws(SchemaError) {
        while let (node, location) = pending.popLast() {
            schema.nodes[node] = try compileNode(node, at: location)
        }
        for reference in anchorReferences {
            guard let target = schema.anchors[reference.anchor] else {
                throw SchemaError(at: reference.location, "there is no $anchor named \"\(reference.anchor)\"")
            }
            schema.nodes[reference.alias] = SchemaNode(location: reference.location, applicators: [.ref(target)])
        }
        anchorReferences = []
    }

    private mutating func compileNode(_ id: NodeID, at location: [String]) throws(SchemaError) -> SchemaNode {
        let value = JSONPointer.resolve(location, in: schema.document)!
        let pointer = JSONPointer.string(location)
        switch value {
        case .bool(let allowsAll):
            return SchemaNode(location: pointer, isFalse: !allowsAll)
        case .object:
            return try compileKeywords(Keywords(schema: value, location: location), id: id)
        default:
            throw SchemaError(at: pointer, "a schema must be an object or a boolean, got \(MessageText.typeName(of: value))")
        }
    }

    // MARK: Keywords

    private mutating func compileKeywords(_ keywords: Keywords, id: NodeID) throws(SchemaError) -> SchemaNode {
        for unsupported in ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef"] where keywords.has(unsupported) {
            throw keywords.error(unsupported, "\(unsupported) is not supported by this validator")
        }
        for anchorKeyword in ["$anchor", "$dynamicAnchor"] {
            if let name = try keywords.string(anchorKeyword) { try addAnchor(name, for: id, keywords: keywords, keyword: anchorKeyword) }
        }
        let types = keywords.has("type") ? try compileType(keywords) : nil
        var enumeration: [JSONValue]?
        if keywords.has("enum") {
            guard case .array(let values) = keywords["enum"] else { throw keywords.error("enum", "must be an array") }
            enumeration = values
        }
        let number = keywords.hasAny(Self.numberKeywords) ? try compileNumberChecks(keywords) : nil
        let string = keywords.hasAny(Self.stringKeywords) ? try compileStringChecks(keywords) : nil
        let array = keywords.hasAny(Self.arrayKeywords) ? try compileArrayChecks(keywords) : nil
        let object = keywords.hasAny(Self.objectKeywords) ? try compileObjectChecks(keywords) : nil
        let applicators = try compileApplicators(keywords)
        // $defs hold schemas only for $ref to use; compiling them now reports their errors now.
        if keywords.has("$defs") { _ = try subschemaMap(keywords, "$defs") }
        return SchemaNode(
            location: JSONPointer.string(keywords.location), types: types, constant: keywords["const"],
            enumeration: enumeration, number: number, string: string, array: array, object: object,
            applicators: applicators
        )
    }

    private static let numberKeywords = ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf"]
    private static let stringKeywords = ["minLength", "maxLength", "pattern", "format"]
    private static let arrayKeywords = [
        "minItems", "maxItems", "uniqueItems", "prefixItems", "items", "contains", "minContains", "maxContains",
    ]
    private static let objectKeywords = [
        "required", "minProperties", "maxProperties", "dependentRequired", "propertyNames", "properties",
        "patternProperties", "additionalProperties", "dependentSchemas",
    ]

    private mutating func addAnchor(_ name: String, for node: NodeID, keywords: Keywords, keyword: String) throws(SchemaError) {
        guard Self.isAnchorName(name) else {
            throw keywords.error(keyword, "\"\(name)\" is not a valid anchor name (a letter or _, then letters, digits, -, _ or .)")
        }
        if let existing = schema.anchors[name], existing != node {
            throw keywords.error(keyword, "the anchor \"\(name)\" is also defined at #\(schema.nodes[existing].location)")
        }
        schema.anchors[name] = node
    }

    private static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
    }

    private func compileType(_ keywords: Keywords) throws(SchemaError) -> [JSONType] {
        let names: [JSONValue]
        switch keywords["type"] {
        case .string?: names = [keywords["type"]!]
        case .array(let values)?: names = values
        default: throw keywords.error("type", "must be a type name or an array of type names")
        }
        var types: [JSONType] = []
        for name in names {
            guard let type = name.stringValue.flatMap(JSONType.init(rawValue:)) else {
                throw keywords.error(
                    "type", "\(MessageText.preview(name)) is not a type (null, boolean, object, array, number, string or integer)")
            }
            guard !types.contains(type) else { throw keywords.error("type", "\"\(type.rawValue)\" is listed twice") }
            types.append(type)
        }
        guard !types.isEmpty else { throw keywords.error("type", "must name at least one type") }
        return types
    }

    private func compileNumberChecks(_ keywords: Keywords) throws(SchemaError) -> NumberChecks {
        var checks = NumberChecks()
        checks.minimum = try keywords.number("minimum")
        checks.exclusiveMinimum = try keywords.number("exclusiveMinimum")
        checks.maximum = try keywords.number("maximum")
        checks.exclusiveMaximum = try keywords.number("exclusiveMaximum")
        if let divisor = try keywords.number("multipleOf") {
            guard let decimal = DecimalNumber(divisor), !decimal.isZero, divisor.compare(to: .integer(0)) == 1 else {
                throw keywords.error("multipleOf", "must be greater than 0, got \(divisor.text)")
            }
            checks.multipleOf = (divisor, decimal)
        }
        return checks
    }

    private func compileStringChecks(_ keywords: Keywords) throws(SchemaError) -> StringChecks {
        var checks = StringChecks()
        checks.minLength = try keywords.nonNegativeInteger("minLength")
        checks.maxLength = try keywords.nonNegativeInteger("maxLength")
        if let pattern = try keywords.string("pattern") {
            checks.pattern = try keywords.regex(pattern, keyword: "pattern")
        }
        // `format` is an annotation unless formats are asserted; unknown formats are ignored.
        if let format = try keywords.string("format"), assertFormat {
            checks.format = StringFormat(rawValue: format)
        }
        return checks
    }

    private mutating func compileArrayChecks(_ keywords: Keywords) throws(SchemaError) -> ArrayChecks {
        var checks = ArrayChecks()
        checks.minItems = try keywords.nonNegativeInteger("minItems")
        checks.maxItems = try keywords.nonNegativeInteger("maxItems")
        checks.uniqueItems = try keywords.bool("uniqueItems") ?? false
        checks.prefixItems = try subschemaList(keywords, "prefixItems") ?? []
        if case .array? = keywords["items"] {
            throw keywords.error("items", "must be a schema: since draft 2020-12 a list of schemas for the first items is prefixItems")
        }
        checks.items = try subschema(keywords, "items")
        checks.contains = try subschema(keywords, "contains")
        if let minimum = try keywords.nonNegativeInteger("minContains") {
            checks.minContains = minimum
            checks.hasMinContains = true
        }
        checks.maxContains = try keywords.nonNegativeInteger("maxContains")
        return checks
    }

    private mutating func compileObjectChecks(_ keywords: Keywords) throws(SchemaError) -> ObjectChecks {
        var checks = ObjectChecks()
        checks.required = try keywords.uniqueStrings("required") ?? []
        checks.minProperties = try keywords.nonNegativeInteger("minProperties")
        checks.maxProperties = try keywords.nonNegativeInteger("maxProperties")
        if keywords.has("dependentRequired") {
            guard case .object(let members) = keywords["dependentRequired"] else {
                throw keywords.error("dependentRequired", "must be an object whose values are arrays of property names")
            }
            // Each member's value is read like a `required` list, with errors pointing into it.
            let lists = Keywords(schema: keywords["dependentRequired"]!, location: keywords.location + ["dependentRequired"])
            for member in members {
                checks.dependentRequired.append((member.key, try lists.uniqueStrings(member.key) ?? []))
            }
        }
        checks.propertyNames = try subschema(keywords, "propertyNames")
        for (name, node) in try subschemaMap(keywords, "properties") ?? [] {
            checks.properties[name] = node
        }
        for (source, node) in try subschemaMap(keywords, "patternProperties") ?? [] {
            let pattern = try keywords.regex(source, keyword: "patternProperties", name: source)
            checks.patternProperties.append((pattern, node))
        }
        checks.additionalProperties = try subschema(keywords, "additionalProperties")
        checks.dependentSchemas = try subschemaMap(keywords, "dependentSchemas") ?? []
        return checks
    }

    private mutating func compileApplicators(_ keywords: Keywords) throws(SchemaError) -> [Applicator] {
        var applicators: [Applicator] = []
        if let reference = try keywords.string("$ref") {
            let location = JSONPointer.string(keywords.location + ["$ref"])
            switch try resolve(reference, describedAs: { SchemaError(at: location, $0) }) {
            case .node(let target):
                applicators.append(.ref(target))
            case .anchor(let name):
                // An alias node, filled in once every anchor is known (see `compilePending`).
                let alias = schema.nodes.count
                schema.nodes.append(SchemaNode(location: location))
                anchorReferences.append((alias, name, location))
                applicators.append(.ref(alias))
            }
        }
        if let schemas = try subschemaList(keywords, "allOf") { applicators.append(.allOf(schemas)) }
        if let schemas = try subschemaList(keywords, "anyOf") { applicators.append(.anyOf(schemas)) }
        if let schemas = try subschemaList(keywords, "oneOf") { applicators.append(.oneOf(schemas)) }
        if let schema = try subschema(keywords, "not") { applicators.append(.not(schema)) }
        // `then` and `else` mean nothing without `if`, but are compiled all the same so that
        // their errors show (and a $ref can point into them).
        let condition = try subschema(keywords, "if")
        let then = try subschema(keywords, "then")
        let otherwise = try subschema(keywords, "else")
        if let condition, then != nil || otherwise != nil {
            applicators.append(.conditional(if: condition, then: then, else: otherwise))
        }
        return applicators
    }

    // MARK: Subschema keywords

    private mutating func subschema(_ keywords: Keywords, _ keyword: String) throws(SchemaError) -> NodeID? {
        guard let value = keywords[keyword] else { return nil }
        try Self.requireSchema(value, keywords: keywords, at: [keyword])
        return subschema(at: keywords.location + [keyword])
    }

    /// A non-empty array of schemas (allOf, anyOf, oneOf, prefixItems).
    private mutating func subschemaList(_ keywords: Keywords, _ keyword: String) throws(SchemaError) -> [NodeID]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .array(let values) = value, !values.isEmpty else {
            throw keywords.error(keyword, "must be a non-empty array of schemas")
        }
        var nodes: [NodeID] = []
        for (index, value) in values.enumerated() {
            try Self.requireSchema(value, keywords: keywords, at: [keyword, String(index)])
            nodes.append(subschema(at: keywords.location + [keyword, String(index)]))
        }
        return nodes
    }

    /// An object whose values are schemas (properties, patternProperties, $defs, ...), in order.
    private mutating func subschemaMap(_ keywords: Keywords, _ keyword: String) throws(SchemaError) -> [(String, NodeID)]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .object(let members) = value else { throw keywords.error(keyword, "must be an object whose values are schemas") }
        var nodes: [(String, NodeID)] = []
        for member in members {
            try Self.requireSchema(member.value, keywords: keywords, at: [keyword, member.key])
            nodes.append((member.key, subschema(at: keywords.location + [keyword, member.key])))
        }
        return nodes
    }

    /// Checked here rather than when the node is compiled so that the error names the keyword
    /// that holds the bad value.
    private static func requireSchema(_ value: JSONValue, keywords: Keywords, at path: [String]) throws(SchemaError) {
        switch value {
        case .object, .bool: return
        default:
            throw SchemaError(
                at: JSONPointer.string(keywords.location + path),
                "a schema must be an object or a boolean, got \(MessageText.typeName(of: value))"
            )
        }
    }

    // MARK: References

    private enum ReferenceTarget {
        case node(NodeID)
        case anchor(String)
    }

    /// Resolves a `$ref` value: a fragment of this document (`#`, `#/json/pointer` with ~0, ~1
    /// and %XX escapes, or `#anchor`), possibly after the root's own `$id`. Anything else would
    /// need another document, which this validator does not load.
    private mutating func resolve(_ reference: String, describedAs error: (String) -> SchemaError) throws(SchemaError) -> ReferenceTarget {
        let base: Substring
        let fragment: Substring?
        if let hash = reference.firstIndex(of: "#") {
            base = reference[..<hash]
            fragment = reference[reference.index(after: hash)...]
        } else {
            base = reference[...]
            fragment = nil
        }
        if !base.isEmpty && base != rootIdentifier {
            let kind = base.contains(":") ? "a remote reference" : "relative to another document"
            throw error("\"\(reference)\" is \(kind); only references within this schema (\"#...\") are supported")
        }
        guard let fragment = fragment.map(String.init), !fragment.isEmpty else {
            return .node(reserveNode(at: [])!)
        }
        guard let decoded = JSONPointer.percentDecoded(fragment) else {
            throw error("\"\(reference)\" has a malformed %-escape")
        }
        guard decoded.hasPrefix("/") else {
            return .anchor(decoded)
        }
        guard let tokens = JSONPointer.tokens(of: decoded) else {
            throw error("\"\(reference)\" is not a valid JSON pointer (\"~\" must be followed by 0 or 1)")
        }
        guard let node = reserveNode(at: tokens) else {
            throw error("\"\(reference)\" does not resolve: the schema has nothing at \(decoded)")
        }
        return .node(node)
    }

    /// The root's `$id`, without an empty fragment: a `$ref` may name this document by it.
    private var rootIdentifier: Substring? {
        guard let identifier = schema.document["$id"]?.stringValue else { return nil }
        return identifier.hasSuffix("#") ? identifier.dropLast() : identifier[...]
    }

    // MARK: Loops

    /// Rejects schemas that apply themselves to the same instance forever, such as
    /// `{"$ref": "#"}` or two `$defs` that refer to each other through `allOf`: a loop of
    /// in-place applicators never moves to a smaller part of the instance, so it never ends.
    /// (Recursion through `properties` or `items` is fine: each step goes one level deeper.)
    private func checkForLoops() throws(SchemaError) {
        let edges = schema.nodes.map { node in
            node.applicators.flatMap(\.subschemas) + (node.object?.dependentSchemas.map(\.node) ?? [])
        }
        enum Visit { case notYet, onPath, done }
        var visits = Array(repeating: Visit.notYet, count: schema.nodes.count)
        // Depth-first, with an explicit stack so that long chains of $ref cannot overflow.
        for start in schema.nodes.indices where visits[start] == .notYet {
            var path: [(node: NodeID, nextEdge: Int)] = [(start, 0)]
            visits[start] = .onPath
            while let (node, nextEdge) = path.last {
                guard nextEdge < edges[node].count else {
                    visits[node] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].nextEdge += 1
                let target = edges[node][nextEdge]
                switch visits[target] {
                case .notYet:
                    visits[target] = .onPath
                    path.append((target, 0))
                case .onPath:
                    let loop = path.drop { $0.node != target }.map(\.node) + [target]
                    let steps = loop.map { "#" + schema.nodes[$0].location }.joined(separator: " → ")
                    throw SchemaError(
                        at: schema.nodes[target].location,
                        "the schema applies itself to the same value without end (\(steps)); validation would never finish"
                    )
                case .done:
                    break
                }
            }
        }
    }
}

/// The keywords of one schema object, with errors that point at the keyword.
private struct Keywords {
    let schema: JSONValue
    /// The schema object's location.
    let location: [String]

    subscript(keyword: String) -> JSONValue? { schema[keyword] }

    func has(_ keyword: String) -> Bool { schema[keyword] != nil }

    func hasAny(_ keywords: [String]) -> Bool { keywords.contains { schema[$0] != nil } }

    func error(_ keyword: String, _ problem: String) -> SchemaError {
        SchemaError(at: JSONPointer.string(location + [keyword]), problem)
    }

    func string(_ keyword: String) throws(SchemaError) -> String? {
        guard let value = schema[keyword] else { return nil }
        guard case .string(let string) = value else { throw error(keyword, "must be a string, got \(MessageText.preview(value))") }
        return string
    }

    func bool(_ keyword: String) throws(SchemaError) -> Bool? {
        guard let value = schema[keyword] else { return nil }
        guard case .bool(let bool) = value else { throw error(keyword, "must be true or false, got \(MessageText.preview(value))") }
        return bool
    }

    func number(_ keyword: String) throws(SchemaError) -> JSONNumber? {
        guard let value = schema[keyword] else { return nil }
        guard let number = JSONNumber(value), number.compare(to: number) == 0 else {
            throw error(keyword, "must be a number, got \(MessageText.preview(value))")
        }
        return number
    }

    /// A count such as minLength: 0 or more, and an integer (2.0 counts as one). Counts too
    /// large for Int mean "no limit" in practice and are clamped.
    func nonNegativeInteger(_ keyword: String) throws(SchemaError) -> Int? {
        guard let value = schema[keyword] else { return nil }
        switch JSONNumber(value) {
        case .integer(let integer)? where integer >= 0:
            return Int(integer)
        case .double(let double)? where double >= 0 && JSONNumber.double(double).isIntegral:
            return double < 9.2e18 ? Int(double) : Int.max
        default:
            throw error(keyword, "must be a non-negative integer, got \(MessageText.preview(value))")
        }
    }

    /// An array of distinct strings (required, dependentRequired's lists).
    func uniqueStrings(_ keyword: String) throws(SchemaError) -> [String]? {
        guard let value = schema[keyword] else { return nil }
        guard case .array(let values) = value else {
            throw error(keyword, "must be an array of strings, got \(MessageText.preview(value))")
        }
        var strings: [String] = []
        for value in values {
            guard case .string(let string) = value else {
                throw error(keyword, "must be an array of strings, but holds \(MessageText.preview(value))")
            }
            guard !strings.contains(string) else { throw error(keyword, "lists \(MessageText.quoted(string)) twice") }
            strings.append(string)
        }
        return strings
    }

    func regex(_ source: String, keyword: String, name: String? = nil) throws(SchemaError) -> ECMARegex {
        do {
            return try ECMARegex(source)
        } catch {
            let location = JSONPointer.string(self.location + [keyword] + (name.map { [$0] } ?? []))
            throw SchemaError(at: location, "\(MessageText.quoted(source)) is not a valid regular expression: \(error.reason)")
        }
    }
}
