import Domain
import Extraction
import Store

/// A job posting as alerts see it, normalized whatever it came from (a message, a feed): canonical
/// company, annual salary, normalized skills, when it was posted.
public struct Posting: Sendable, Hashable {
    public var company: String?
    public var title: String
    public var locations: [String]
    public var remote: RemotePolicy?
    /// `full_time`, `internship`, `contract` or `part_time`.
    public var employmentType: String?
    /// `intern`, `junior`, `mid`, `senior`, `staff`, `principal` or `lead`.
    public var seniority: String?
    /// Normalized names (`go`, `postgresql`, `node`).
    public var skills: [String]
    /// Annual amounts in `currency`.
    public var salaryMin: Int?
    public var salaryMax: Int?
    public var currency: String?
    public var url: String?
    /// The employer's id of the opening, when the source gives one (see `OpeningID`).
    public var openingID: String?
    /// Unix milliseconds.
    public var postedAt: Int64
    /// The words keyword criteria look in: title and description, plain text.
    public var text: String

    public init(
        company: String?, title: String, locations: [String] = [], remote: RemotePolicy? = nil, employmentType: String? = nil,
        seniority: String? = nil, skills: [String] = [], salaryMin: Int? = nil, salaryMax: Int? = nil, currency: String? = nil,
        url: String? = nil, openingID: String? = nil, postedAt: Int64, text: String = ""
    ) {
        self.company = company
        self.title = title
        self.locations = locations
        self.remote = remote
        self.employmentType = employmentType
        self.seniority = seniority
        self.skills = skills
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.currency = currency
        self.url = url
        self.openingID = openingID
        self.postedAt = postedAt
        self.text = text
    }
}

extension Posting {
    /// A posting as the store keeps it.
    public init(stored: StoredPosting) {
        self.init(
            company: stored.company, title: stored.title ?? "", locations: stored.location.map { [$0] } ?? [],
            remote: stored.remote.flatMap(RemotePolicy.init), employmentType: stored.employmentType, seniority: stored.seniority,
            skills: stored.skills, salaryMin: stored.salaryMin, salaryMax: stored.salaryMax, currency: stored.currency, url: stored.url,
            postedAt: stored.postedAt, text: stored.text)
    }
}
