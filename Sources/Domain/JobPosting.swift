/// Whether a job can be done remotely.
public enum RemotePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case yes, no, hybrid
}

/// The kind of job, as the extraction contract, feeds and alert criteria name it.
public enum EmploymentType: String, Sendable, Hashable, Codable, CaseIterable {
    case fullTime = "full_time"
    case internship
    case contract
    case partTime = "part_time"

    /// "full time", as a sentence says it.
    public var words: String { rawValue.split(separator: "_").joined(separator: " ") }
}

/// How senior a job is, junior to senior, as titles say it ("Sr.", "Staff", "Intern").
public enum Seniority: String, Sendable, Hashable, Codable, CaseIterable {
    case intern, junior, mid, senior, staff, principal, lead
}

/// A job posting, in one shape wherever it comes from: a message (what the extractor read), a feed
/// (what the source states, then normalized), the store, matching and notifications.
///
/// The coding keys are the columns of `job_postings`, which the store reads and writes through
/// this type's `Codable` conformance (GRDB's record protocols): a new field is a property here, a
/// key below and a column added by a migration; reading, writing and matching input follow.
public struct JobPosting: Sendable, Hashable, Codable {
    /// As written, or the catalog's canonical name once normalized.
    public var company: String?
    public var title: String?
    /// Where, as written; several places are joined with "; ".
    public var location: String?
    public var remote: RemotePolicy?
    public var employmentType: EmploymentType?
    public var seniority: Seniority?
    /// Normalized skill names, for example `go`, `postgresql`, `node`.
    public var skills: [String]
    /// Annual amounts in `currency`.
    public var salaryMin: Int?
    public var salaryMax: Int?
    /// ISO 4217.
    public var currency: String?
    public var url: String?
    /// Unix milliseconds. Nil until known: a message's posting is dated by its message when stored.
    public var postedAt: Int64?
    /// What the source says of visa sponsorship, as it words it ("Offers Sponsorship", "U.S.
    /// Citizenship is Required").
    public var sponsorship: String?
    /// Plain text keyword criteria look in: a feed's description, or the message the posting was
    /// read from.
    public var description: String?

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case company, title, location, remote
        case employmentType = "employment_type"
        case seniority, skills
        case salaryMin = "salary_min"
        case salaryMax = "salary_max"
        case currency, url
        case postedAt = "posted_at"
        case sponsorship
        case description
    }

    public init(
        company: String? = nil, title: String? = nil, location: String? = nil, remote: RemotePolicy? = nil,
        employmentType: EmploymentType? = nil, seniority: Seniority? = nil, skills: [String] = [], salaryMin: Int? = nil,
        salaryMax: Int? = nil, currency: String? = nil, url: String? = nil, postedAt: Int64? = nil, sponsorship: String? = nil,
        description: String? = nil
    ) {
        self.company = company
        self.title = title
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.seniority = seniority
        self.skills = skills
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.currency = currency
        self.url = url
        self.postedAt = postedAt
        self.sponsorship = sponsorship
        self.description = description
    }
}
