import JSON
import JSONSchema
import Testing

@Suite struct ItemsAndPrefixItemsTests {
    @Test func itemsAppliesToEveryItem() throws {
        try expectValidity(
            of: #"{"items": {"type": "integer"}}"#, [("[]", true), ("[1, 2, 3]", true), (#"[1, "x"]"#, false), (#"{"0": "x"}"#, true)])
    }

    @Test func prefixItemsAppliesByPosition() throws {
        try expectValidity(
            of: #"{"prefixItems": [{"type": "integer"}, {"type": "string"}]}"#,
            [
                ("[]", true), ("[1]", true), (#"[1, "a"]"#, true), (#"[1, "a", null, {}]"#, true),
                (#"["a", 1]"#, false), (#"[1, 2]"#, false),
            ])
    }

    @Test func itemsAppliesOnlyAfterThePrefixItems() throws {
        try expectValidity(
            of: #"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"#,
            [
                (#"["a"]"#, true), (#"["a", 1, 2]"#, true), (#"["a", "b"]"#, false), ("[1]", false),
            ])
    }

    @Test func itemsFalseLimitsTheArrayToThePrefixItems() throws {
        let schema = #"{"prefixItems": [{}, {}], "items": false}"#
        try expectValidity(of: schema, [("[]", true), ("[1, 2]", true), ("[1, 2, 3]", false)])
        #expect(try violationLines(of: "[1, 2, 3]", against: schema) == ["/: 3 items, but only the 2 described by prefixItems are allowed"])
        #expect(try violationLines(of: "[1]", against: #"{"items": false}"#) == ["/: 1 item, but the array must be empty"])
    }

    @Test func violationsPointAtTheItem() throws {
        #expect(
            try violationLines(of: #"[1, "two", 3, "four"]"#, against: #"{"items": {"type": "integer"}}"#)
                == ["/1: expected integer, got string", "/3: expected integer, got string"])
    }
}

@Suite struct ItemCountTests {
    @Test func countsAreInclusive() throws {
        try expectValidity(
            of: #"{"minItems": 1, "maxItems": 2}"#,
            [("[1]", true), ("[1, 2]", true), ("[]", false), ("[1, 2, 3]", false), (#""abc""#, true)])
    }

    @Test func messagesGiveTheCount() throws {
        let schema = #"{"properties": {"updates": {"maxItems": 20}, "tags": {"minItems": 2}}}"#
        let validator = try makeValidator(schema)
        let updates = JSONValue.array(Array(repeating: .integer(1), count: 10_000))
        #expect(
            validator.validate(.object([("updates", updates)])).map(\.description) == ["/updates: 10000 items, more than the maximum of 20"]
        )
        #expect(try violationLines(of: #"{"tags": ["a"]}"#, against: schema) == ["/tags: 1 item, fewer than the minimum of 2"])
    }
}

@Suite struct UniqueItemsTests {
    @Test func itemsMustDifferByValue() throws {
        try expectValidity(
            of: #"{"uniqueItems": true}"#,
            [
                ("[]", true), ("[1, 2]", true), ("[1, 1]", false), ("[1, 1.0]", false),
                (#"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#, false), ("[[1], [1]]", false), (#"["a", "a"]"#, false),
                ("[1, true]", true), ("[0, false]", true), ("[[1], [true]]", true), (#"[{"a": 1}, {"a": 2}]"#, true),
                ("[null, null]", false), ("[9007199254740993, 9007199254740992]", true),
            ])
    }

    @Test func falseAllowsDuplicates() throws {
        try expectValidity(of: #"{"uniqueItems": false}"#, [("[1, 1]", true)])
    }

    @Test func messageNamesTheFirstDuplicate() throws {
        #expect(
            try violationLines(of: #"["a", "b", "c", "b", "a"]"#, against: #"{"uniqueItems": true}"#)
                == [#"/: items 1 and 3 are equal ("b"), but items must be unique"#])
    }

    @Test func largeArraysAreCheckedQuickly() throws {
        let validator = try makeValidator(#"{"uniqueItems": true}"#)
        var items = (0..<10_000).map { JSONValue.integer(Int64($0)) }
        #expect(validator.isValid(.array(items)))
        items.append(.number(9_999))
        #expect(
            validator.validate(.array(items)).map(\.description) == ["/: items 9999 and 10000 are equal (9999), but items must be unique"])
    }
}

@Suite struct ContainsTests {
    @Test func atLeastOneItemMustMatch() throws {
        try expectValidity(
            of: #"{"contains": {"minimum": 5}}"#, [("[3, 4, 5]", true), ("[2, 3, 4]", false), ("[]", false), (#""not an array""#, true)])
    }

    @Test func minContainsAndMaxContainsCountMatches() throws {
        let schema = #"{"contains": {"const": 1}, "minContains": 2, "maxContains": 3}"#
        try expectValidity(of: schema, [("[1, 1]", true), ("[1, 2, 1, 1]", true), ("[1]", false), ("[1, 1, 1, 1]", false), ("[]", false)])
        try expectValidity(of: #"{"contains": {"const": 1}, "minContains": 0}"#, [("[]", true), ("[2]", true)])
        try expectValidity(of: #"{"contains": {"const": 1}, "maxContains": 1}"#, [("[1]", true), ("[1, 1]", false), ("[2]", false)])
        // Without contains, minContains and maxContains do nothing.
        try expectValidity(of: #"{"minContains": 2, "maxContains": 0}"#, [("[]", true), ("[1]", true)])
    }

    @Test func messagesCountTheMatches() throws {
        #expect(
            try violationLines(of: "[1, 2]", against: #"{"contains": {"type": "string"}}"#) == ["/: no item matches the contains schema"])
        #expect(
            try violationLines(of: "[1, 2]", against: #"{"contains": {"const": 1}, "minContains": 2}"#)
                == ["/: 1 item matches the contains schema, fewer than the minimum of 2"])
        #expect(try violations(of: "[1, 2]", against: #"{"contains": {"const": 1}, "minContains": 2}"#).map(\.keyword) == ["minContains"])
        #expect(
            try violationLines(of: "[1, 1, 1]", against: #"{"contains": {"const": 1}, "maxContains": 2}"#)
                == ["/: 3 items match the contains schema, more than the maximum of 2"])
    }
}
