public import Domain

/// What one subscriber wants to hear about. Every criterion left empty accepts everything.
public struct AlertProfile: Sendable, Hashable {
    public enum RemoteRequirement: String, Sendable, CaseIterable {
        /// Remote jobs only.
        case required
        /// Remote or hybrid.
        case remoteOrHybrid = "remote_or_hybrid"
        case any
    }

    public var name: String
    public var remote: RemoteRequirement
    /// Places, any of which a posting's location must mention ("NYC", "Canada"); a remote posting
    /// with no location passes.
    public var locations: [String]
    public var employmentTypes: [EmploymentType]
    /// Levels accepted; a posting whose title states another level
    /// is left out, one that states none passes.
    public var seniority: [Seniority]
    /// At least one must appear in the title or description.
    public var includeKeywords: [String]
    /// None may appear.
    public var excludeKeywords: [String]
    /// Normalized skill → weight: the share of the weight a posting names is most of its score.
    public var skills: [String: Double]
    /// Annual, in the posting's currency; a posting that states less is left out.
    public var minimumSalary: Int?
    /// Only these companies, when any are given.
    public var companies: [String]
    public var excludedCompanies: [String]
    public var maxAgeDays: Int?
    /// The least score (0 to 1) that notifies.
    public var threshold: Double

    public init(
        name: String, remote: RemoteRequirement = .any, locations: [String] = [], employmentTypes: [EmploymentType] = [],
        includeKeywords: [String] = [], excludeKeywords: [String] = [], skills: [String: Double] = [:],
        minimumSalary: Int? = nil, companies: [String] = [], excludedCompanies: [String] = [], maxAgeDays: Int? = nil,
        threshold: Double = 0.5, seniority: [Seniority] = []
    ) {
        self.name = name
        self.remote = remote
        self.locations = locations
        self.employmentTypes = employmentTypes
        self.includeKeywords = includeKeywords
        self.excludeKeywords = excludeKeywords
        self.skills = skills
        self.minimumSalary = minimumSalary
        self.companies = companies
        self.excludedCompanies = excludedCompanies
        self.maxAgeDays = maxAgeDays
        self.threshold = threshold
        self.seniority = seniority
    }
}
