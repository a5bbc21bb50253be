import Alerts
import Domain
import Extraction
import Testing

/// Matching a posting against a profile: what leaves it out, how it scores, and the reasons a
/// subscriber reads in the notification.
@Suite struct ProfileMatcherTests {
    static let now: Int64 = 1_800_000_000_000
    static let day: Int64 = 86_400_000

    static let goBackend = JobPosting(
        company: "Acme", title: "Backend Engineer", location: "Remote in USA", remote: .yes, employmentType: .fullTime,
        skills: ["go", "postgresql", "kubernetes"], salaryMin: 150_000, salaryMax: 180_000, currency: "USD",
        url: "https://acme.example/jobs/1", postedAt: now - 2 * day,
        description: "We build payment rails in Go. Postgres, k8s. No clearance needed.")

    static let remoteGo = AlertProfile(
        name: "remote-go", remote: .required, employmentTypes: [.fullTime], includeKeywords: ["backend"],
        excludeKeywords: ["security clearance"], skills: ["go": 3, "postgresql": 1, "rust": 1], minimumSalary: 140_000,
        maxAgeDays: 14)

    func match(_ posting: JobPosting = goBackend, _ profile: AlertProfile = remoteGo) -> MatchResult? {
        ProfileMatcher(profile).match(PreparedPosting(posting), now: Self.now)
    }

    @Test func aMatchSaysWhyAndHowWell() throws {
        let result = try #require(match())
        // Skills are counted as skills; their weight is shown apart.
        #expect(
            result.reasons == ["2 of 3 skills: go, postgresql", "skill weight 4 of 5", "mentions backend", "remote", "salary $150k–$180k"])
        // 0.6 × 4/5 (skills) + 0.1 × 1/6 (the title names "backend" of go×3, postgresql, rust, backend)
        // + 0.1 × 0.5^(2/7) (two days old) + 0.1 (pay stated) + 0.1 (full time and remote, as asked)
        #expect(result.score == 0.78)
    }

    @Test func excludedWordsCompaniesAndKindsLeaveAPostingOut() {
        var cleared = Self.goBackend
        cleared.description? += " Requires an active security clearance."
        #expect(match(cleared) == nil)
        var profile = Self.remoteGo
        profile.excludedCompanies = ["ACME"]
        #expect(match(Self.goBackend, profile) == nil)
        var contract = Self.goBackend
        contract.employmentType = .contract
        #expect(match(contract) == nil)
        var frontend = Self.goBackend
        frontend.title = "Frontend Engineer"
        #expect(match(frontend) == nil, "no include keyword")
    }

    @Test func remoteRequirements() {
        var hybrid = Self.goBackend
        hybrid.remote = .hybrid
        #expect(match(hybrid) == nil)
        var profile = Self.remoteGo
        profile.remote = .remoteOrHybrid
        #expect(match(hybrid, profile)?.reasons.contains("hybrid") == true)
        var onsite = Self.goBackend
        onsite.remote = .no
        #expect(match(onsite, profile) == nil)
        profile.remote = .any
        #expect(match(onsite, profile)?.reasons.contains("on-site") == true)
    }

    @Test func salaryBelowTheMinimumIsOutAndUnstatedPayRanksLower() throws {
        var low = Self.goBackend
        (low.salaryMin, low.salaryMax) = (90_000, 120_000)
        #expect(match(low) == nil)
        var unstated = Self.goBackend
        (unstated.salaryMin, unstated.salaryMax) = (nil, nil)
        let result = try #require(match(unstated))
        #expect(result.reasons.contains("salary not stated"))
        // The pay's tenth of the score counts 0.3 instead of 1.
        #expect(result.score == 0.71)
    }

    @Test func oldPostingsAndUnwantedPlacesAreOut() {
        var old = Self.goBackend
        old.postedAt = Self.now - 30 * Self.day
        #expect(match(old) == nil)
        var profile = Self.remoteGo
        profile.remote = .any
        profile.locations = ["NYC", "Toronto"]
        var berlin = Self.goBackend
        (berlin.remote, berlin.location) = (.no, "Berlin")
        #expect(match(berlin, profile) == nil)
        var toronto = berlin
        toronto.location = "Toronto, ON"
        #expect(match(toronto, profile)?.reasons.contains("in Toronto") == true)
        var anywhere = Self.goBackend
        anywhere.location = nil
        #expect(match(anywhere, profile) != nil, "a remote posting with no place is anywhere")
    }

    @Test func aProfileWithSkillsWantsAtLeastOneOfThem() {
        var noSkills = Self.goBackend
        noSkills.skills = []
        noSkills.description = "Backend role. We go the extra mile."
        var lenient = Self.remoteGo
        lenient.threshold = 0
        #expect(match(noSkills, lenient) == nil)
    }

    @Test func theThresholdDecides() {
        var strict = Self.remoteGo
        strict.threshold = 0.79
        #expect(match(Self.goBackend, strict) == nil)
        strict.threshold = 0.78
        #expect(match(Self.goBackend, strict)?.score == 0.78)
    }

    @Test func aProfileWithoutSkillsStillRanksItsMatches() throws {
        let everything = AlertProfile(name: "all")
        // 0.35 × 0.5 (nothing asked) + 0.25 (an engineering title) + 0.25 × 0.5^(2/7) + 0.15 (pay stated)
        #expect(match(Self.goBackend, everything)?.score == 0.78)
        var older = Self.goBackend
        older.postedAt = Self.now - 20 * Self.day
        var unpaid = Self.goBackend
        (unpaid.salaryMin, unpaid.salaryMax) = (nil, nil)
        var sales = Self.goBackend
        sales.title = "Account Executive"
        let scores = try [Self.goBackend, older, unpaid, sales].map { try #require(match($0, everything)).score }
        #expect(Set(scores).count == 4, "\(scores)")
        #expect(scores[0] == scores.max(), "the newest engineering job that states its pay comes first: \(scores)")
    }

    @Test func seniorityLeavesOutOtherLevelsAndFitsTheOnesAsked() throws {
        let newGrad = AlertProfile(name: "new-grad", employmentTypes: [.fullTime], seniority: [.intern, .junior])
        var senior = Self.goBackend
        senior.seniority = .senior
        #expect(match(senior, newGrad) == nil)
        var junior = Self.goBackend
        junior.seniority = .junior
        var unstated = Self.goBackend
        unstated.seniority = nil
        let stated = try #require(match(junior, newGrad))
        #expect(stated.reasons.contains("junior level"))
        #expect(try #require(match(unstated, newGrad)).score < stated.score)
    }

    @Test func companiesOnlyAndSalaryFormats() {
        var profile = AlertProfile(name: "acme", companies: ["acme"])
        #expect(match(Self.goBackend, profile)?.reasons.first == "company Acme")
        profile.companies = ["Globex"]
        #expect(match(Self.goBackend, profile) == nil)
        var euro = Self.goBackend
        (euro.salaryMin, euro.salaryMax, euro.currency) = (90_000, 90_000, "EUR")
        #expect(ProfileMatcher.salaryText(euro) == "€90k")
        (euro.salaryMin, euro.salaryMax, euro.currency) = (120_000, 140_000, "CAD")
        #expect(ProfileMatcher.salaryText(euro) == "120k–140k CAD")
    }
}
