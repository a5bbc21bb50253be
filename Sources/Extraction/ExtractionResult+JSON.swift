import JSONSchema

extension ExtractionResult {
    /// The contract object as a JSON value, keys in the contract's order.
    public var jsonValue: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("spam", .bool(spam)),
            ("updates", .array(updates.map(\.jsonValue))),
            ("posting", posting?.jsonValue ?? .null),
        ])
    }
}

extension StageUpdate {
    public var jsonValue: JSONValue {
        .object([
            ("company", .string(company)), ("stage", .string(stage.rawValue)), ("role", JSONValue(role)),
            ("season", JSONValue(season)),
        ])
    }
}

extension JobPosting {
    public var jsonValue: JSONValue {
        .object([
            ("company", JSONValue(company)), ("title", JSONValue(title)), ("location", JSONValue(location)),
            ("remote", JSONValue(remote?.rawValue)), ("employment_type", JSONValue(employmentType)),
            ("skills", .array(skills.map(JSONValue.string))), ("salary_min", JSONValue(salaryMin)),
            ("salary_max", JSONValue(salaryMax)), ("currency", JSONValue(currency)), ("url", JSONValue(url)),
        ])
    }
}
