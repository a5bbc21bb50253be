import JSON

/// One pass of a compiled schema over an instance.
///
/// It runs in one of two modes. Collecting, it records violations (up to a limit) with the
/// instance path of each, for `validate`. Checking, it only finds out whether the instance is
/// valid and stops at the first failure, for `isValid` and for the subschemas of `anyOf`,
/// `oneOf`, `not`, `if`, `contains` and `propertyNames`, whose own failures are not violations.
struct Validation {
    /// How many schemas may be applied inside one another (each `$ref`, `anyOf` alternative,
    /// property or item is one level) before the pass gives up on that branch with a
    /// violation. It keeps the recursion within a small thread stack (512 KB for secondary
    /// threads on macOS) even in debug builds; an LLM answer needs a few dozen at most.
    static let maximumDepth = 100

    let schema: CompiledSchema
    private let collecting: Bool
    private let limit: Int
    /// Where in the instance the current value is.
    private var path: [PathStep]
    /// How many `validate` calls are under way, counting those of the passes this one is part of.
    private var depth: Int
    private var found: [FoundViolation] = []
    private(set) var failed = false

    /// A step into the instance: a member (with its position among the members, so that
    /// violations can be put in document order) or an array item.
    enum PathStep {
        case member(String, position: Int)
        case item(Int)

        var token: String {
            switch self {
            case .member(let name, _): name
            case .item(let index): String(index)
            }
        }

        var position: Int {
            switch self {
            case .member(_, let position): position
            case .item(let index): index
            }
        }
    }

    private struct FoundViolation {
        var violation: SchemaViolation
        var positions: [Int]
        var sequence: Int
    }

    private init(schema: CompiledSchema, collecting: Bool, limit: Int, path: [PathStep], depth: Int) {
        self.schema = schema
        self.collecting = collecting
        self.limit = limit
        self.path = path
        self.depth = depth
    }

    /// Every violation, up to `maximumCount` (at least one), in document order.
    static func violations(of instance: JSONValue, against node: NodeID, in schema: CompiledSchema, maximumCount: Int) -> [SchemaViolation]
    {
        var validation = Validation(schema: schema, collecting: true, limit: max(1, maximumCount), path: [], depth: 0)
        validation.validate(instance, against: node)
        return validation.violations
    }

    static func isValid(_ instance: JSONValue, against node: NodeID, in schema: CompiledSchema) -> Bool {
        var validation = Validation(schema: schema, collecting: false, limit: 1, path: [], depth: 0)
        validation.validate(instance, against: node)
        return !validation.failed
    }

    /// The violations found, sorted by where they are in the instance (a member's own
    /// violations before those inside it), in the order found at the same place.
    var violations: [SchemaViolation] {
        found.sorted { a, b in
            a.positions == b.positions ? a.sequence < b.sequence : a.positions.lexicographicallyPrecedes(b.positions)
        }.map(\.violation)
    }

    // MARK: Recording

    /// Whether to go on: a check pass stops at the first failure, a collecting one at its limit.
    var shouldStop: Bool {
        collecting ? found.count >= limit : failed
    }

    /// Whether a failure's message would be kept. Messages that take work to build (anyOf's
    /// summary) are only built then; `fail` takes the others as autoclosures.
    var recordsMessages: Bool {
        collecting && found.count < limit
    }

    /// Records a failure. The message is only built when it is kept, and must not read `self`
    /// (that would overlap with this mutating access): build such messages first.
    mutating func fail(_ keyword: String, _ message: @autoclosure () -> String) {
        failed = true
        guard collecting, found.count < limit else { return }
        let violation = SchemaViolation(instancePath: currentPointer, keyword: keyword, message: message())
        found.append(FoundViolation(violation: violation, positions: path.map(\.position), sequence: found.count))
    }

    var currentPointer: String {
        JSONPointer.string(path.map(\.token))
    }

    // MARK: Walking

    /// Applies the schema `id` to `instance`, the value at the current path.
    mutating func validate(_ instance: JSONValue, against id: NodeID) {
        let node = schema.nodes[id]
        if node.isFalse {
            fail("false", "no value is allowed here (the schema is false)")
            return
        }
        guard depth < Self.maximumDepth else {
            fail("depth", "nested too deeply: more than \(Self.maximumDepth) schemas applied inside one another")
            return
        }
        depth += 1
        defer { depth -= 1 }
        checkValue(instance, node)
        if !shouldStop {
            checkKeywordsForType(of: instance, node)
        }
        for applicator in node.applicators {
            guard !shouldStop else { return }
            apply(applicator, to: instance)
        }
    }

    private mutating func checkKeywordsForType(of instance: JSONValue, _ node: SchemaNode) {
        switch instance {
        case .integer, .number:
            if let checks = node.number { checkNumber(JSONNumber(instance)!, checks) }
        case .string(let string):
            if let checks = node.string { checkString(string, checks) }
        case .array(let items):
            if let checks = node.array { checkArray(items, checks) }
        case .object(let members):
            if let checks = node.object { checkObject(instance, members, checks) }
        case .null, .bool:
            break
        }
    }

    /// Validates `child`, one step down from the current value.
    mutating func validate(_ child: JSONValue, at step: PathStep, against node: NodeID) {
        path.append(step)
        defer { path.removeLast() }
        validate(child, against: node)
    }

    /// Whether `instance` (at the current path) matches `node`, without recording anything.
    func isValid(_ instance: JSONValue, against node: NodeID) -> Bool {
        var check = Validation(schema: schema, collecting: false, limit: 1, path: [], depth: depth)
        check.validate(instance, against: node)
        return !check.failed
    }

    /// The violations `instance` (at the current path) has against `node`, up to `limit`, kept
    /// apart from this pass's own: for the messages of anyOf, oneOf and propertyNames.
    func violations(of instance: JSONValue, against node: NodeID, limit: Int) -> [SchemaViolation] {
        var detail = Validation(schema: schema, collecting: true, limit: limit, path: path, depth: depth)
        detail.validate(instance, against: node)
        return detail.violations
    }

    // MARK: Applicators

    /// Each keyword's work is in its own function: this one is on the path of every `$ref`
    /// recursion, and a debug build would otherwise reserve stack for all of them at each level.
    private mutating func apply(_ applicator: Applicator, to instance: JSONValue) {
        switch applicator {
        case .ref(let node):
            validate(instance, against: node)
        case .allOf(let nodes):
            for node in nodes where !shouldStop {
                validate(instance, against: node)
            }
        case .anyOf(let nodes):
            applyAnyOf(nodes, to: instance)
        case .oneOf(let nodes):
            applyOneOf(nodes, to: instance)
        case .not(let node):
            applyNot(node, to: instance)
        case .conditional(let condition, let then, let otherwise):
            if let next = isValid(instance, against: condition) ? then : otherwise {
                validate(instance, against: next)
            }
        }
    }

    private mutating func applyAnyOf(_ alternatives: [NodeID], to instance: JSONValue) {
        guard !alternatives.contains(where: { isValid(instance, against: $0) }) else { return }
        let message = recordsMessages ? noAlternativeMatches(instance, alternatives, keyword: "anyOf") : ""
        fail("anyOf", message)
    }

    private mutating func applyOneOf(_ alternatives: [NodeID], to instance: JSONValue) {
        let matching = alternatives.indices.filter { isValid(instance, against: alternatives[$0]) }
        guard matching.count != 1 else { return }
        let message = recordsMessages ? oneOfMessage(instance, alternatives, matching: matching) : ""
        fail("oneOf", message)
    }

    private mutating func applyNot(_ node: NodeID, to instance: JSONValue) {
        if isValid(instance, against: node) {
            fail("not", "\(MessageText.preview(instance)) matches the schema in not, which it must not")
        }
    }

    private func oneOfMessage(_ instance: JSONValue, _ alternatives: [NodeID], matching: [Int]) -> String {
        guard !matching.isEmpty else { return noAlternativeMatches(instance, alternatives, keyword: "oneOf") }
        let numbers = matching.map { String($0 + 1) }
        let list = numbers.dropLast().joined(separator: ", ") + " and " + numbers[numbers.count - 1]
        return "matches \(matching.count) of the \(alternatives.count) alternatives in oneOf (\(list)), but must match exactly one"
    }

    /// "matches none of the 2 alternatives in anyOf (alternative 2: missing required property
    /// "season"; alternative 1: expected null, got object)": each alternative's first problem,
    /// closest alternative first, so that the reader sees which one was meant and what to fix
    /// rather than every error of every alternative.
    private func noAlternativeMatches(_ instance: JSONValue, _ alternatives: [NodeID], keyword: String) -> String {
        let here = currentPointer
        let detailLimit = 10
        let outcomes = alternatives.enumerated().map { number, node in
            let violations = violations(of: instance, against: node, limit: detailLimit)
            // An alternative for another type of value is the furthest from this one.
            let isOtherType = violations.contains { $0.instancePath == here && ($0.keyword == "type" || $0.keyword == "false") }
            return (number: number + 1, violations: violations, distance: violations.count + (isOtherType ? 1000 : 0))
        }
        let closestFirst = outcomes.sorted { ($0.distance, $0.number) < ($1.distance, $1.number) }
        let shownCount = 3
        var parts = closestFirst.prefix(shownCount).map { outcome in
            guard let first = outcome.violations.first else { return "alternative \(outcome.number) fails" }
            var part = "alternative \(outcome.number): " + (first.instancePath == here ? first.message : first.description)
            if outcome.violations.count > 1 {
                let more = outcome.violations.count - 1
                let atLeast = outcome.violations.count == detailLimit ? "at least " : ""
                part += ", and \(atLeast)\(more) more \(more == 1 ? "problem" : "problems")"
            }
            return part
        }
        if outcomes.count > shownCount { parts.append("…") }
        return "matches none of the \(alternatives.count) alternatives in \(keyword) (\(parts.joined(separator: "; ")))"
    }
}
