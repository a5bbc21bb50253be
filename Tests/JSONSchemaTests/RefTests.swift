import JSON
import JSONSchema
import Testing

@Suite struct RefTests {
    @Test func refToDefs() throws {
        let schema =
            ##"{"$defs": {"id": {"type": "string", "pattern": "^[0-9]+$"}}, "properties": {"a": {"$ref": "#/$defs/id"}, "b": {"$ref": "#/$defs/id"}}}"##
        try expectValidity(of: schema, [(#"{"a": "12", "b": "3"}"#, true), (#"{"a": "x"}"#, false), (#"{"b": 3}"#, false)])
    }

    @Test func refToAnyLocationInTheSchema() throws {
        let schema =
            ##"{"properties": {"a": {"type": "integer"}, "b": {"$ref": "#/properties/a"}, "c": {"$ref": "#/allOf/0"}}, "allOf": [{"minProperties": 0}]}"##
        try expectValidity(of: schema, [(#"{"b": 1}"#, true), (#"{"b": "1"}"#, false)])
        // An array of schemas is indexed like any JSON pointer.
        try expectValidity(
            of: ##"{"prefixItems": [{"type": "string"}], "items": {"$ref": "#/prefixItems/0"}}"##,
            [(#"["a", "b"]"#, true), (#"["a", 1]"#, false)])
    }

    @Test func refToTheRootRecursesThroughTheInstance() throws {
        let schema = ##"{"properties": {"foo": {"$ref": "#"}}, "additionalProperties": false}"##
        try expectValidity(
            of: schema,
            [
                (#"{"foo": false}"#, true), (#"{"foo": {"foo": false}}"#, true), (#"{"bar": false}"#, false),
                (#"{"foo": {"bar": false}}"#, false),
            ])
    }

    @Test func pointerEscapesAndPercentEncoding() throws {
        let schema = ##"""
            {
                "$defs": {"tilde~field": {"type": "integer"}, "slash/field": {"type": "integer"}, "percent%field": {"type": "integer"}, "a b\"c": {"type": "integer"}},
                "properties": {
                    "tilde": {"$ref": "#/$defs/tilde~0field"},
                    "slash": {"$ref": "#/$defs/slash~1field"},
                    "percent": {"$ref": "#/$defs/percent%25field"},
                    "spaceQuote": {"$ref": "#/$defs/a%20b%22c"}
                }
            }
            """##
        try expectValidity(
            of: schema,
            [
                (#"{"tilde": 1, "slash": 2, "percent": 3, "spaceQuote": 4}"#, true),
                (#"{"tilde": "a"}"#, false), (#"{"slash": "a"}"#, false), (#"{"percent": "a"}"#, false), (#"{"spaceQuote": "a"}"#, false),
            ])
    }

    @Test func recursiveTreeSchema() throws {
        let schema = ##"""
            {
                "$ref": "#/$defs/node",
                "$defs": {
                    "node": {
                        "type": "object",
                        "required": ["value"],
                        "properties": {"value": {"type": "number"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                        "additionalProperties": false
                    }
                }
            }
            """##
        let deepValid = #"{"value": 1, "children": [{"value": 2, "children": [{"value": 3}, {"value": 4, "children": []}]}]}"#
        let deepInvalid = #"{"value": 1, "children": [{"value": 2, "children": [{"value": 3}, {"value": "four"}]}]}"#
        try expectValidity(of: schema, [(deepValid, true), (deepInvalid, false), (#"{"value": 1, "children": [{}]}"#, false)])
        #expect(try violationLines(of: deepInvalid, against: schema) == ["/children/0/children/1/value: expected number, got string"])
    }

    @Test func siblingKeywordsApplyAlongsideRef() throws {
        // Since 2019-09, $ref is one keyword among others, not a replacement for the schema.
        let schema = ##"{"$defs": {"positive": {"minimum": 0}}, "$ref": "#/$defs/positive", "maximum": 10, "type": "integer"}"##
        try expectValidity(of: schema, [("5", true), ("-1", false), ("11", false), ("5.5", false)])
        #expect(
            try violationLines(of: "-1.5", against: schema) == ["/: expected integer, got number", "/: -1.5 is less than the minimum of 0"])
    }

    @Test func refThroughSeveralHops() throws {
        let schema = ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"type": "null"}}, "$ref": "#/$defs/a"}"##
        try expectValidity(of: schema, [("null", true), ("1", false)])
    }

    @Test func refToAnAnchor() throws {
        let schema =
            ##"{"$defs": {"year": {"$anchor": "year", "type": "integer", "minimum": 2000}}, "properties": {"from": {"$ref": "#year"}, "to": {"$ref": "#year"}}}"##
        try expectValidity(of: schema, [(#"{"from": 2020, "to": 2024}"#, true), (#"{"from": 1999}"#, false)])
    }

    @Test func refNamingTheRootByItsID() throws {
        let schema =
            ##"{"$id": "https://example.com/answer.json", "$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "https://example.com/answer.json#/$defs/n"}}}"##
        try expectValidity(of: schema, [(#"{"a": 1}"#, true), (#"{"a": "1"}"#, false)])
    }

    @Test func aSchemaThatAppliesItselfForeverIsRejected() throws {
        #expect(
            try schemaError(##"{"$ref": "#"}"##)?.hasPrefix(
                "invalid schema at #: the schema applies itself to the same value without end (# → #)") == true)
        let mutual = try schemaError(##"{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}}}"##)
        #expect(mutual?.contains("validation would never finish") == true)
        #expect(mutual?.contains("#/$defs/a") == true)
        #expect(try schemaError(##"{"not": {"$ref": "#"}}"##) != nil)
        #expect(try schemaError(##"{"if": {"$ref": "#"}, "then": true}"##) != nil)
        #expect(try schemaError(##"{"dependentSchemas": {"a": {"$ref": "#"}}}"##) != nil)
    }

    @Test func recursionThatDescendsIntoTheInstanceIsNotALoop() throws {
        try expectValidity(
            of: ##"{"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#"}}]}"##,
            [("[1, [2, [3]]]", true), (#"[1, ["x"]]"#, false)])
    }

    @Test func unresolvableRefsAreSchemaErrors() throws {
        #expect(
            try schemaError(##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##)
                == ##"invalid schema at #/properties/a/$ref: "#/$defs/missing" does not resolve: the schema has nothing at /$defs/missing"##
        )
        #expect(try schemaError(##"{"$ref": "#/$defs/a~2b"}"##)?.contains("not a valid JSON pointer") == true)
        #expect(try schemaError(##"{"$ref": "#/$defs/%zz"}"##)?.contains("malformed %-escape") == true)
        #expect(try schemaError(##"{"$ref": "#nowhere"}"##) == ##"invalid schema at #/$ref: there is no $anchor named "nowhere""##)
        #expect(
            try schemaError(##"{"$defs": {"a": 1}, "$ref": "#/$defs/a"}"##)?.hasPrefix(
                "invalid schema at #/$defs/a: a schema must be an object or a boolean") == true)
    }

    @Test func remoteRefsAreSchemaErrors() throws {
        #expect(
            try schemaError(##"{"$ref": "https://example.com/schema.json#/$defs/x"}"##)
                == ##"invalid schema at #/$ref: "https://example.com/schema.json#/$defs/x" is a remote reference; only references within this schema ("#...") are supported"##
        )
        #expect(try schemaError(##"{"properties": {"a": {"$ref": "other.json"}}}"##)?.contains("relative to another document") == true)
    }

    @Test func validateAgainstASubschema() throws {
        let validator = try makeValidator(
            ##"{"$defs": {"result": {"type": "object", "required": ["ok"]}, "a b": {"type": "string"}}, "type": "array"}"##)
        #expect(try validator.validate(.object([("ok", .bool(true))]), against: "#/$defs/result").isEmpty)
        #expect(
            try validator.validate(.object([]), against: "#/$defs/result").map(\.description) == [#"/: missing required property "ok""#])
        #expect(try validator.validate(.string("x"), against: "#/$defs/a%20b").isEmpty)
        #expect(try validator.validate(.string("x"), against: "/$defs/a b").isEmpty)
        #expect(try validator.validate(.array([]), against: "#").isEmpty)
        #expect(try validator.validate(.object([]), against: "#").map(\.keyword) == ["type"])
        #expect(throws: SchemaError.self) { try validator.validate(.null, against: "#/$defs/missing") }
        #expect(throws: SchemaError.self) { try validator.validate(.null, against: "https://example.com/#/$defs/result") }
        do {
            _ = try validator.validate(.null, against: "#/$defs/missing")
        } catch {
            #expect(error.description == ##""#/$defs/missing" does not resolve: the schema has nothing at /$defs/missing"##)
        }
    }

    @Test func validateAgainstALocationTheSchemaDidNotUseAsASchema() throws {
        // Not reached by the keywords (an unknown keyword holds it), so compiled on demand.
        let validator = try makeValidator(#"{"definitions": {"n": {"type": "integer"}}}"#)
        #expect(try validator.validate(.string("x"), against: "#/definitions/n").map(\.keyword) == ["type"])
        #expect(try validator.validate(.integer(1), against: "#/definitions/n").isEmpty)
        #expect(throws: SchemaError.self) { try makeValidator(#"{"definitions": {"n": 3}}"#).validate(.null, against: "#/definitions/n") }
    }
}
