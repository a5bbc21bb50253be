public import JSON

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

extension ExtractionResult {
    /// `jsonValue.serialized`, the text stored with each extraction. Most messages are chatter:
    /// for a result with no updates and no posting the text is one of six constants.
    public var serializedJSON: String {
        guard updates.isEmpty, posting == nil else { return jsonValue.serialized }
        switch (kind, spam) {
        case (.other, false): return #"{"kind":"other","spam":false,"updates":[],"posting":null}"#
        case (.other, true): return #"{"kind":"other","spam":true,"updates":[],"posting":null}"#
        case (.stageUpdate, false): return #"{"kind":"stage_update","spam":false,"updates":[],"posting":null}"#
        case (.stageUpdate, true): return #"{"kind":"stage_update","spam":true,"updates":[],"posting":null}"#
        case (.jobPosting, false): return #"{"kind":"job_posting","spam":false,"updates":[],"posting":null}"#
        case (.jobPosting, true): return #"{"kind":"job_posting","spam":true,"updates":[],"posting":null}"#
        }
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
            ("remote", JSONValue(remote?.rawValue)), ("employment_type", JSONValue(employmentType?.rawValue)),
            ("skills", .array(skills.map(JSONValue.string))), ("salary_min", JSONValue(salaryMin)),
            ("salary_max", JSONValue(salaryMax)), ("currency", JSONValue(currency)), ("url", JSONValue(url)),
        ])
    }
}

/// Why an object is not in the extraction contract's shape.
public struct ContractError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension ExtractionResult {
    /// Reads an object in the contract's shape: a model's validated answer, or a label of an
    /// evaluation set. Optional fields may be missing or null; `updates` may be missing.
    public init(contract json: JSONValue) throws(ContractError) {
        guard case .object = json else { throw ContractError(description: "expected an object") }
        guard let kindName = json["kind"]?.stringValue, let kind = MessageKind(rawValue: kindName) else {
            throw ContractError(description: "\"kind\" must be one of stage_update, job_posting, other")
        }
        var updates: [StageUpdate] = []
        for (index, update) in (json["updates"]?.arrayValue ?? []).enumerated() {
            guard let company = update["company"]?.stringValue, let stage = update["stage"]?.stringValue.flatMap(Stage.init)
            else {
                throw ContractError(
                    description:
                        "updates[\(index)] needs a company and a stage of \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            updates.append(
                StageUpdate(company: company, stage: stage, role: update["role"]?.stringValue, season: update["season"]?.stringValue))
        }
        var posting: JobPosting?
        if let value = json["posting"], case .object = value {
            posting = try JobPosting(contract: value)
        }
        self.init(kind: kind, spam: json["spam"]?.boolValue ?? false, updates: updates, posting: posting)
    }
}

extension JobPosting {
    public init(contract json: JSONValue) throws(ContractError) {
        var remote: RemotePolicy?
        if let written = json["remote"]?.stringValue {
            guard let policy = RemotePolicy(rawValue: written) else {
                throw ContractError(description: "posting.remote must be yes, no or hybrid")
            }
            remote = policy
        }
        var employmentType: EmploymentType?
        if let written = json["employment_type"]?.stringValue {
            guard let type = EmploymentType(rawValue: written) else {
                throw ContractError(description: "posting.employment_type must be full_time, internship, contract or part_time")
            }
            employmentType = type
        }
        self.init(
            company: json["company"]?.stringValue, title: json["title"]?.stringValue, location: json["location"]?.stringValue,
            remote: remote, employmentType: employmentType,
            skills: (json["skills"]?.arrayValue ?? []).compactMap(\.stringValue),
            salaryMin: json["salary_min"]?.integerValue.map { Int($0) }, salaryMax: json["salary_max"]?.integerValue.map { Int($0) },
            currency: json["currency"]?.stringValue, url: json["url"]?.stringValue)
    }
}
