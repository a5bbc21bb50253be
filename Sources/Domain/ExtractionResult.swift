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
