/// What one message is, following the extraction contract of DESIGN.md.
public enum MessageKind: String, Sendable, CaseIterable {
    case stageUpdate = "stage_update"
    case jobPosting = "job_posting"
    case other
}

/// One company and the stage the author reports reaching there.
public struct StageUpdate: Sendable, Hashable {
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
}

/// Whether a job can be done remotely.
public enum RemotePolicy: String, Sendable, CaseIterable {
    case yes, no, hybrid
}

/// A job posting found in a message (or, later, in a feed).
public struct JobPosting: Sendable, Hashable {
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
}

/// The answer for one message: the object of DESIGN.md's extraction contract.
public struct ExtractionResult: Sendable, Hashable {
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
}
