/// What one message is, following the extraction contract of DESIGN.md.
public enum MessageKind: String, Codable, Sendable, CaseIterable {
    case stageUpdate = "stage_update"
    case jobPosting = "job_posting"
    case other
}

/// One company and the stage the author reports reaching there.
public struct StageUpdate: Codable, Sendable, Hashable {
    public var company: String
    public var stage: Stage
    /// `internship`, `new_grad` or `full_time` when the message says so.
    public var role: String?
    /// For example "Summer 2026".
    public var season: String?

    public init(company: String, stage: Stage, role: String? = nil, season: String? = nil) {
        self.company = company
        self.stage = stage
        self.role = role
        self.season = season
    }

    enum CodingKeys: String, CodingKey { case company, stage, role, season }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(company, forKey: .company)
        try container.encode(stage, forKey: .stage)
        try container.encode(role, forKey: .role)
        try container.encode(season, forKey: .season)
    }
}

/// Whether a job can be done remotely.
public enum RemotePolicy: String, Codable, Sendable, CaseIterable {
    case yes, no, hybrid
}

/// A job posting found in a message (or, later, in a feed).
public struct JobPosting: Codable, Sendable, Hashable {
    public var company: String?
    public var title: String?
    public var location: String?
    public var remote: RemotePolicy?
    /// `full_time`, `internship`, `contract` or `part_time`.
    public var employmentType: String?
    /// Normalized skill names, for example `go`, `postgresql`, `node`.
    public var skills: [String]
    /// Annual amounts in `currency`.
    public var salaryMin: Int?
    public var salaryMax: Int?
    public var currency: String?
    public var url: String?

    public init(
        company: String? = nil, title: String? = nil, location: String? = nil, remote: RemotePolicy? = nil,
        employmentType: String? = nil, skills: [String] = [], salaryMin: Int? = nil, salaryMax: Int? = nil,
        currency: String? = nil, url: String? = nil
    ) {
        self.company = company
        self.title = title
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.skills = skills
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.currency = currency
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case company, title, location, remote, skills, currency, url
        case employmentType = "employment_type"
        case salaryMin = "salary_min"
        case salaryMax = "salary_max"
    }

    // Every key is always written, null included, so that consumers see one stable shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(company, forKey: .company)
        try container.encode(title, forKey: .title)
        try container.encode(location, forKey: .location)
        try container.encode(remote, forKey: .remote)
        try container.encode(employmentType, forKey: .employmentType)
        try container.encode(skills, forKey: .skills)
        try container.encode(salaryMin, forKey: .salaryMin)
        try container.encode(salaryMax, forKey: .salaryMax)
        try container.encode(currency, forKey: .currency)
        try container.encode(url, forKey: .url)
    }
}

/// The answer for one message: the object of DESIGN.md's extraction contract.
public struct ExtractionResult: Codable, Sendable, Hashable {
    public var kind: MessageKind
    public var spam: Bool
    public var updates: [StageUpdate]
    public var posting: JobPosting?
    /// Names outside the company catalog that the message reports a stage at ("final round at
    /// Quokka tmrw"), as written. Kept apart from `updates` — they count in no statistic — and
    /// offered to admins as aliases or companies to add (`companies suggest`). Not part of the
    /// JSON contract.
    public var unknownCompanies: [String]

    public init(
        kind: MessageKind, spam: Bool = false, updates: [StageUpdate] = [], posting: JobPosting? = nil, unknownCompanies: [String] = []
    ) {
        self.kind = kind
        self.spam = spam
        self.updates = updates
        self.posting = posting
        self.unknownCompanies = unknownCompanies
    }

    public static let other = ExtractionResult(kind: .other)

    enum CodingKeys: String, CodingKey { case kind, spam, updates, posting }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(MessageKind.self, forKey: .kind), spam: try container.decode(Bool.self, forKey: .spam),
            updates: try container.decode([StageUpdate].self, forKey: .updates),
            posting: try container.decodeIfPresent(JobPosting.self, forKey: .posting))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(spam, forKey: .spam)
        try container.encode(updates, forKey: .updates)
        try container.encode(posting, forKey: .posting)
    }
}
