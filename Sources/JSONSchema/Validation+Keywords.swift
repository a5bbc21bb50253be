import JSON

/// The assertion keywords: each compares the instance with the keyword's value and words what
/// is wrong. Messages quote the value (shortened) and say what was expected.
extension Validation {
    /// `type`, `const` and `enum`, which apply to any value.
    mutating func checkValue(_ instance: JSONValue, _ node: SchemaNode) {
        if let types = node.types, !types.contains(where: { $0.matches(instance) }) {
            fail("type", "expected \(MessageText.alternatives(types.map(\.rawValue))), got \(MessageText.typeName(of: instance))")
        }
        if let constant = node.constant, !shouldStop, !instance.isSchemaEqual(to: constant) {
            fail("const", "must be \(MessageText.preview(constant)), got \(MessageText.preview(instance))")
        }
        if let values = node.enumeration, !shouldStop, !values.contains(where: { instance.isSchemaEqual(to: $0) }) {
            fail("enum", "\(MessageText.preview(instance)) is not one of \(MessageText.enumList(values))")
        }
    }

    // MARK: Numbers

    mutating func checkNumber(_ number: JSONNumber, _ checks: NumberChecks) {
        if let minimum = checks.minimum, !number.isAtLeast(minimum) {
            fail("minimum", "\(number.text) is less than the minimum of \(minimum.text)")
        }
        if let minimum = checks.exclusiveMinimum, !number.isGreater(than: minimum) {
            fail("exclusiveMinimum", "\(number.text) is not greater than the exclusive minimum of \(minimum.text)")
        }
        if let maximum = checks.maximum, !number.isAtMost(maximum) {
            fail("maximum", "\(number.text) is greater than the maximum of \(maximum.text)")
        }
        if let maximum = checks.exclusiveMaximum, !number.isLess(than: maximum) {
            fail("exclusiveMaximum", "\(number.text) is not less than the exclusive maximum of \(maximum.text)")
        }
        if let divisor = checks.multipleOf, !(DecimalNumber(number)?.isMultiple(of: divisor.decimal) ?? false) {
            fail("multipleOf", "\(number.text) is not a multiple of \(divisor.number.text)")
        }
    }

    // MARK: Strings

    mutating func checkString(_ string: String, _ checks: StringChecks) {
        var isTooLong = false
        if checks.minLength != nil || checks.maxLength != nil {
            // Lengths count Unicode code points, as JSON Schema defines them.
            let length = string.unicodeScalars.count
            if let minimum = checks.minLength, length < minimum {
                fail(
                    "minLength", "string of \(MessageText.count(length, "character", "characters")), shorter than the minimum of \(minimum)"
                )
            }
            if let maximum = checks.maxLength, length > maximum {
                isTooLong = true
                fail(
                    "maxLength", "string of \(MessageText.count(length, "character", "characters")), longer than the maximum of \(maximum)")
            }
        }
        // A string over maxLength has to be rewritten anyway; matching a megabyte against a
        // pattern is the one slow check, so it waits until the string is short enough.
        guard !isTooLong, !shouldStop else { return }
        if let pattern = checks.pattern, !pattern.matches(string) {
            fail("pattern", "\(MessageText.quoted(string)) does not match pattern \(pattern.source)")
        }
        if let format = checks.format, !shouldStop, !format.accepts(string) {
            fail("format", "\(MessageText.quoted(string)) is not a valid \(format.rawValue) (expected \(format.expectation))")
        }
    }

    // MARK: Arrays

    mutating func checkArray(_ items: [JSONValue], _ checks: ArrayChecks) {
        if let minimum = checks.minItems, items.count < minimum {
            fail("minItems", "\(MessageText.count(items.count, "item", "items")), fewer than the minimum of \(minimum)")
        }
        if let maximum = checks.maxItems, items.count > maximum {
            fail("maxItems", "\(MessageText.count(items.count, "item", "items")), more than the maximum of \(maximum)")
        }
        if checks.uniqueItems, !shouldStop, let (first, second) = Self.firstDuplicate(in: items) {
            fail("uniqueItems", "items \(first) and \(second) are equal (\(MessageText.preview(items[second]))), but items must be unique")
        }
        checkItems(items, checks)
        if let contains = checks.contains, !shouldStop {
            checkContains(items, contains, checks)
        }
    }

    /// Indexes of the first item that equals an earlier one, found in one pass with a hash table
    /// (comparing every pair of a 10,000-item array would take 50 million comparisons).
    private static func firstDuplicate(in items: [JSONValue]) -> (Int, Int)? {
        var firstIndex: [SchemaEqualityKey: Int] = [:]
        for (index, item) in items.enumerated() {
            if let earlier = firstIndex[SchemaEqualityKey(value: item)] { return (earlier, index) }
            firstIndex[SchemaEqualityKey(value: item)] = index
        }
        return nil
    }

    /// `prefixItems` for the leading items, `items` for the rest.
    private mutating func checkItems(_ items: [JSONValue], _ checks: ArrayChecks) {
        for (index, item) in items.enumerated() {
            guard !shouldStop else { return }
            let node: NodeID
            if index < checks.prefixItems.count {
                node = checks.prefixItems[index]
            } else if let rest = checks.items {
                if schema.nodes[rest].isFalse {
                    // `items: false` forbids any further item: one violation, on the array.
                    let allowed = checks.prefixItems.count
                    fail(
                        "items",
                        allowed == 0
                            ? "\(MessageText.count(items.count, "item", "items")), but the array must be empty"
                            : "\(MessageText.count(items.count, "item", "items")), but only the \(allowed) described by prefixItems are allowed"
                    )
                    return
                }
                node = rest
            } else {
                return
            }
            validate(item, at: .item(index), against: node)
        }
    }

    private mutating func checkContains(_ items: [JSONValue], _ contains: NodeID, _ checks: ArrayChecks) {
        // Without maxContains, counting can stop once there are enough.
        let enough = checks.maxContains == nil ? checks.minContains : items.count
        var matches = 0
        for item in items where matches < enough && isValid(item, against: contains) {
            matches += 1
        }
        if matches < checks.minContains {
            let keyword = checks.hasMinContains ? "minContains" : "contains"
            fail(
                keyword,
                matches == 0
                    ? "no item matches the contains schema"
                    : "\(MessageText.count(matches, "item matches", "items match")) the contains schema, fewer than the minimum of \(checks.minContains)"
            )
        }
        if let maximum = checks.maxContains, matches > maximum {
            fail(
                "maxContains",
                "\(MessageText.count(matches, "item matches", "items match")) the contains schema, more than the maximum of \(maximum)")
        }
    }

    // MARK: Objects

    /// Split in three so that the member walk, which recursion goes through, has a small frame.
    mutating func checkObject(_ instance: JSONValue, _ members: [(key: String, value: JSONValue)], _ checks: ObjectChecks) {
        checkObjectShape(members, checks)
        checkMembers(members, checks)
        for dependency in checks.dependentSchemas where !shouldStop {
            if members.contains(where: { $0.key.isIdentical(to: dependency.property) }) {
                validate(instance, against: dependency.node)
            }
        }
    }

    /// The keywords about which members there are: required, dependentRequired,
    /// minProperties, maxProperties, propertyNames.
    private mutating func checkObjectShape(_ members: [(key: String, value: JSONValue)], _ checks: ObjectChecks) {
        func has(_ name: String) -> Bool { members.contains { $0.key.isIdentical(to: name) } }

        for name in checks.required where !has(name) {
            fail("required", "missing required property \(MessageText.quoted(name))")
        }
        for dependency in checks.dependentRequired where has(dependency.property) {
            for name in dependency.requires where !has(name) {
                fail(
                    "dependentRequired",
                    "missing property \(MessageText.quoted(name)), which is required when \(MessageText.quoted(dependency.property)) is present"
                )
            }
        }
        if let minimum = checks.minProperties, members.count < minimum {
            fail("minProperties", "\(MessageText.count(members.count, "property", "properties")), fewer than the minimum of \(minimum)")
        }
        if let maximum = checks.maxProperties, members.count > maximum {
            fail("maxProperties", "\(MessageText.count(members.count, "property", "properties")), more than the maximum of \(maximum)")
        }
        if let names = checks.propertyNames {
            for member in members where !shouldStop {
                checkPropertyName(member.key, names)
            }
        }
    }

    private mutating func checkMembers(_ members: [(key: String, value: JSONValue)], _ checks: ObjectChecks) {
        for (position, member) in members.enumerated() {
            guard !shouldStop else { return }
            checkMember(member, at: position, checks)
        }
    }

    /// The name is validated as a string; its violations are reported on the object.
    private mutating func checkPropertyName(_ name: String, _ schema: NodeID) {
        guard !isValid(.string(name), against: schema) else { return }
        let problems = recordsMessages ? violations(of: .string(name), against: schema, limit: 3).map(\.message) : []
        let shown = problems.isEmpty ? "does not match the propertyNames schema" : problems.joined(separator: "; ")
        fail("propertyNames", "property name \(MessageText.quoted(name)): \(shown)")
    }

    /// `properties` and `patternProperties` for the member's name, else `additionalProperties`.
    private mutating func checkMember(_ member: (key: String, value: JSONValue), at position: Int, _ checks: ObjectChecks) {
        var isMatched = false
        // The dictionary finds names by Swift's `==`; the name must also be the same code points.
        if let index = checks.properties.index(forKey: member.key), checks.properties[index].key.isIdentical(to: member.key) {
            let node = checks.properties[index].value
            isMatched = true
            checkMember(member, at: position, against: node, keyword: "properties")
        }
        for (pattern, node) in checks.patternProperties where pattern.matches(member.key) {
            isMatched = true
            checkMember(member, at: position, against: node, keyword: "patternProperties")
        }
        if !isMatched, let node = checks.additionalProperties {
            checkMember(member, at: position, against: node, keyword: "additionalProperties")
        }
    }

    private mutating func checkMember(_ member: (key: String, value: JSONValue), at position: Int, against node: NodeID, keyword: String) {
        guard !shouldStop else { return }
        if schema.nodes[node].isFalse {
            // A member whose schema is `false` may not be there at all: say so on the object.
            fail(keyword, "property \(MessageText.quoted(member.key)) is not allowed")
        } else {
            validate(member.value, at: .member(member.key, position: position), against: node)
        }
    }
}
