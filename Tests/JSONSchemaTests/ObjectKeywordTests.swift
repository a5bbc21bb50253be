import JSON
import JSONSchema
import Testing

@Suite struct RequiredTests {
    @Test func everyListedPropertyMustBePresent() throws {
        try expectValidity(
            of: #"{"required": ["a", "b"]}"#,
            [
                (#"{"a": 1, "b": null}"#, true), (#"{"a": 1, "b": 2, "c": 3}"#, true), (#"{"a": 1}"#, false), ("{}", false),
                ("[]", true), (#""a""#, true),
            ])
        try expectValidity(of: #"{"required": []}"#, [("{}", true)])
    }

    @Test func namesMatchByCodePoints() throws {
        try expectValidity(of: #"{"required": ["caf\u00e9"]}"#, [(#"{"caf\u00e9": 1}"#, true), (#"{"cafe\u0301": 1}"#, false)])
    }

    @Test func eachMissingPropertyIsOneViolation() throws {
        #expect(
            try violationLines(
                of: #"{"updates": [{"stage": "oa"}]}"#,
                against: #"{"properties": {"updates": {"items": {"required": ["stage", "season", "company"]}}}}"#)
                == [#"/updates/0: missing required property "season""#, #"/updates/0: missing required property "company""#])
        #expect(try violations(of: "{}", against: #"{"required": ["a"]}"#).map(\.keyword) == ["required"])
    }
}

@Suite struct PropertiesTests {
    @Test func eachPropertyHasItsSchema() throws {
        try expectValidity(
            of: #"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}"#,
            [
                (#"{"a": 1, "b": "x"}"#, true), (#"{"a": 1}"#, true), ("{}", true), (#"{"c": []}"#, true),
                (#"{"a": "1"}"#, false), (#"{"a": 1, "b": 2}"#, false), ("[1]", true),
            ])
    }

    @Test func namesAreMatchedExactly() throws {
        let schema = #"{"properties": {"a/b": {"type": "integer"}, "__proto__": {"type": "integer"}, "caf\u00e9": {"type": "integer"}}}"#
        try expectValidity(
            of: schema,
            [
                (#"{"a/b": "x"}"#, false), (#"{"a": {"b": "x"}}"#, true), (#"{"__proto__": "x"}"#, false), (#"{"constructor": "x"}"#, true),
                (#"{"caf\u00e9": "x"}"#, false), (#"{"cafe\u0301": "x"}"#, true),
            ])
    }

    @Test func aFalsePropertySchemaForbidsTheProperty() throws {
        let schema = #"{"properties": {"secret": false}}"#
        try expectValidity(of: schema, [("{}", true), (#"{"secret": null}"#, false)])
        #expect(try violationLines(of: #"{"secret": 1}"#, against: schema) == [#"/: property "secret" is not allowed"#])
    }
}

@Suite struct AdditionalPropertiesTests {
    @Test func falseForbidsUnlistedProperties() throws {
        let schema = #"{"properties": {"a": {}, "b": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"#
        try expectValidity(
            of: schema,
            [
                (#"{"a": 1, "b": 2}"#, true), (#"{"x-custom": 1}"#, true), ("{}", true), (#"{"c": 1}"#, false),
                (#"{"a": 1, "y-": 1}"#, false),
                ("[1, 2]", true),
            ])
    }

    @Test func aSchemaAppliesToUnlistedPropertiesOnly() throws {
        let schema =
            #"{"properties": {"name": {"type": "string"}}, "patternProperties": {"^n_": {"type": "number"}}, "additionalProperties": {"type": "boolean"}}"#
        try expectValidity(
            of: schema,
            [
                (#"{"name": "x", "n_1": 2, "flag": true}"#, true), (#"{"flag": 1}"#, false), (#"{"n_1": true}"#, false),
                (#"{"name": true}"#, false),
            ])
    }

    @Test func withoutPropertiesItAppliesToEverything() throws {
        try expectValidity(of: #"{"additionalProperties": {"type": "integer"}}"#, [(#"{"a": 1, "b": 2}"#, true), (#"{"a": 1.5}"#, false)])
    }

    @Test func messageNamesTheProperty() throws {
        let schema = #"{"properties": {"posting": {"properties": {"url": {}}, "additionalProperties": false}}}"#
        #expect(
            try violationLines(of: #"{"posting": {"url": "u", "extra": 1, "more": 2}}"#, against: schema)
                == [#"/posting: property "extra" is not allowed"#, #"/posting: property "more" is not allowed"#])
        #expect(try violations(of: #"{"posting": {"extra": 1}}"#, against: schema).map(\.keyword) == ["additionalProperties"])
    }
}

@Suite struct PatternPropertiesTests {
    @Test func everyMatchingPatternApplies() throws {
        // "a*" matches every name (unanchored, it matches the empty string anywhere).
        let schema = #"{"patternProperties": {"a*": {"type": "integer"}, "aaa*": {"maximum": 20}}}"#
        try expectValidity(
            of: schema,
            [
                (#"{"a": 21}"#, true), (#"{"aaaa": 18}"#, true), (#"{"a": "x"}"#, false), (#"{"aaaa": 31}"#, false), (#"{"b": 1}"#, true),
            ])
    }

    @Test func patternsAreUnanchoredAndCaseSensitive() throws {
        let schema = #"{"patternProperties": {"[0-9]{2,}": {"type": "boolean"}, "X_": {"type": "string"}}}"#
        try expectValidity(
            of: schema, [(#"{"answer 1": "42"}"#, true), (#"{"a31b": null}"#, false), (#"{"a_x_3": 3}"#, true), (#"{"a_X_3": 3}"#, false)])
    }

    @Test func falseForbidsMatchingNames() throws {
        let schema = #"{"patternProperties": {"^b": false}}"#
        try expectValidity(of: schema, [(#"{"foo": 1}"#, true), (#"{"bar": 1}"#, false)])
        #expect(try violationLines(of: #"{"bar": 1}"#, against: schema) == [#"/: property "bar" is not allowed"#])
    }
}

@Suite struct PropertyCountTests {
    @Test func countsAreInclusive() throws {
        try expectValidity(
            of: #"{"minProperties": 1, "maxProperties": 2}"#,
            [
                (#"{"a": 1}"#, true), (#"{"a": 1, "b": 2}"#, true), ("{}", false), (#"{"a": 1, "b": 2, "c": 3}"#, false), ("[]", true),
            ])
    }

    @Test func messagesGiveTheCount() throws {
        #expect(try violationLines(of: "{}", against: #"{"minProperties": 1}"#) == ["/: 0 properties, fewer than the minimum of 1"])
        #expect(
            try violationLines(of: #"{"a": 1, "b": 2}"#, against: #"{"maxProperties": 1}"#) == [
                "/: 2 properties, more than the maximum of 1"
            ])
    }
}

@Suite struct PropertyNamesTests {
    @Test func everyNameMustMatchTheSchema() throws {
        try expectValidity(
            of: #"{"propertyNames": {"pattern": "^[a-z_]+$", "maxLength": 10}}"#,
            [
                ("{}", true), (#"{"snake_case": 1}"#, true), (#"{"camelCase": 1}"#, false), (#"{"much_too_long": 1}"#, false),
                ("[1]", true),
            ])
        try expectValidity(of: #"{"propertyNames": false}"#, [("{}", true), (#"{"a": 1}"#, false)])
    }

    @Test func messageIsOnTheObjectAndNamesTheProperty() throws {
        #expect(
            try violationLines(of: #"{"ok": 1, "notOk": 2}"#, against: #"{"propertyNames": {"pattern": "^[a-z]+$"}}"#)
                == [#"/: property name "notOk": "notOk" does not match pattern ^[a-z]+$"#])
        #expect(try violations(of: #"{"A": 1}"#, against: #"{"propertyNames": {"maxLength": 0}}"#).map(\.keyword) == ["propertyNames"])
    }
}

@Suite struct DependentRequiredTests {
    @Test func aPresentPropertyRequiresOthers() throws {
        let schema = #"{"dependentRequired": {"credit_card": ["billing_address", "name"]}}"#
        try expectValidity(
            of: schema,
            [
                ("{}", true), (#"{"name": "x"}"#, true), (#"{"credit_card": 1, "billing_address": 2, "name": 3}"#, true),
                (#"{"credit_card": 1, "name": 3}"#, false), (#"{"credit_card": 1}"#, false), (#"["credit_card"]"#, true),
            ])
        #expect(
            try violationLines(of: #"{"credit_card": 1, "name": 3}"#, against: schema)
                == [#"/: missing property "billing_address", which is required when "credit_card" is present"#])
    }
}

@Suite struct DependentSchemasTests {
    @Test func aPresentPropertyAppliesASchemaToTheObject() throws {
        let schema = #"{"dependentSchemas": {"bar": {"properties": {"foo": {"type": "integer"}, "bar": {"type": "integer"}}}}}"#
        try expectValidity(
            of: schema,
            [
                (#"{"foo": 1, "bar": 2}"#, true), (#"{"foo": "quux"}"#, true), (#"{"foo": "quux", "bar": 2}"#, false),
                (#"{"bar": "x"}"#, false),
            ])
        try expectValidity(of: #"{"dependentSchemas": {"a": false}}"#, [("{}", true), (#"{"a": 1}"#, false)])
    }
}
