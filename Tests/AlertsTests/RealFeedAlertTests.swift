import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Store
import Testing

/// Alerts as a new user gets them from real feeds: answers in RemoteOK's and SimplifyJobs' own
/// shapes (`Fixtures/`), with the traps real data has — RemoteOK's auto-tags ("go" on a sales job),
/// "go-live", "be the go-to owner", "part of the HR team", "Job Type: Full-time", "(contractor)
/// Full-time", a location of "United States", "Distributed Software Engineer" in Sunnyvale, and
/// two requisitions with one title — and two ordinary profiles.
@Suite struct RealFeedAlertTests {
    /// With the shipped company alias map.
    static var normalizer: PostingNormalizer { PostingNormalizerTests.normalizer }
    /// An hour after the RemoteOK answer's `last_updated`.
    static let now: Int64 = 1_796_641_200_000
    static var nowMilliseconds: Int64 { now }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryFile.path("Tests/AlertsTests/Fixtures/\(name)"))))
    }

    static func postings(_ format: FeedFormat, _ file: String) throws -> [JobPosting] {
        let parsed = format.parse(try fixture(file), source: format.rawValue)
        #expect(parsed.error == nil)
        return parsed.items.compactMap { normalizer.posting(from: $0, now: now) }
    }

    static func byTitle(_ postings: [JobPosting]) -> [String: JobPosting] {
        Dictionary(postings.map { ($0.title ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// "remote backend: Go 3, Python 2, Postgres 1, k8s 1, remote required".
    static let remoteBackend = AlertProfile(
        name: "remote-backend", remote: .required, skills: ["go": 3, "python": 2, "postgresql": 1, "kubernetes": 1])

    /// "new grad SWE, full time, not senior".
    static let newGrad = AlertProfile(
        name: "new-grad-swe", employmentTypes: [.fullTime], includeKeywords: ["software"], seniority: [.junior])

    static func matches(_ profile: AlertProfile, _ postings: [JobPosting]) -> [(title: String, score: Double)] {
        let matcher = ProfileMatcher(profile)
        return postings.compactMap { posting in
            matcher.match(PreparedPosting(posting), now: nowMilliseconds).map { (posting.title ?? "", $0.score) }
        }.sorted { $0.score > $1.score }
    }

    @Test func everyRemoteOKPostingIsRemoteWithItsLocationKept() throws {
        let parsed = FeedFormat.remoteOK.parse(try Self.fixture("remoteok-api.json"), source: "remoteok")
        #expect(parsed.items.count == 9)
        #expect(parsed.skipped.map(\.index) == [10], "the job with no position")
        let postings = try Self.postings(.remoteOK, "remoteok-api.json")
        #expect(postings.count == 9 && postings.allSatisfy { $0.remote == .yes })
        let places = Self.byTitle(postings).mapValues(\.location)
        #expect(places["Senior Backend Engineer"] == "United States")
        #expect(places["Software Engineer Platform"] == "Remote - US/Canada")
        #expect(places["Data Center Operations Manager"] == "Phoenix, Arizona, United States")
        #expect(places["Backend Engineer Python"] == .some(nil), "RemoteOK left it empty")
        #expect(postings.filter { $0.location != nil }.count == 7)
        let company = try #require(Self.byTitle(postings)["Software Engineer Platform"]?.company)
        #expect(company == "Parcel & Post")
        #expect(try #require(Self.byTitle(postings)["Senior Backend Engineer"]).description?.contains("Please mention the word") == false)
    }

    @Test func employmentTypesAreDeclaredNotGuessed() throws {
        let types = Self.byTitle(try Self.postings(.remoteOK, "remoteok-api.json")).mapValues(\.employmentType)
        #expect(types["Senior Backend Engineer"] == .fullTime, "Job Type: Full-time")
        #expect(types["Backend Engineer Python"] == .fullTime, "a full-time position")
        #expect(types["Software Engineer Platform"] == .fullTime, "Remote - Full time")
        #expect(types["Full Stack Engineer"] == .fullTime, "Job Type: (contractor) Full-time; full-stack is not full time")
        #expect(types["HR Generalist"] == .partTime, "a part time role")
        #expect(types["Data Center Operations Manager"] == .some(nil), "take active part in")
        #expect(types["Restaurant Account Manager"] == .some(nil), "part of the HR team, full accountability")
        #expect(types["Sales Engineer"] == .some(nil))
    }

    @Test func noNonTechnicalJobHasAnAmbiguousSkill() throws {
        let skills = Self.byTitle(try Self.postings(.remoteOK, "remoteok-api.json")).mapValues(\.skills)
        for title in ["Data Center Operations Manager", "Restaurant Account Manager", "Sales Engineer", "VP Marketing", "HR Generalist"] {
            #expect(skills[title]?.contains("go") == false, "\(title): \(skills[title] ?? [])")
        }
        #expect(skills["Senior Backend Engineer"] == ["go", "postgresql", "kubernetes"])
        #expect(skills["Backend Engineer Python"] == ["python", "django", "postgresql", "go"], "\"some Go.\" in an engineering job")
        #expect(skills["Software Engineer Platform"] == ["go", "kubernetes"])
        #expect(skills["Full Stack Engineer"] == ["react", "typescript", "node"])
    }

    @Test func theBackendProfileGetsTheBackendJobsAndNoJunk() throws {
        let postings = try Self.postings(.remoteOK, "remoteok-api.json")
        let required = Self.matches(Self.remoteBackend, postings)
        // Go, Python and Postgres (6 of 7) before Go, Postgres and k8s (5 of 7), before Go and k8s (4 of 7).
        #expect(
            required.map(\.title) == ["Backend Engineer Python", "Senior Backend Engineer", "Software Engineer Platform"], "\(required)")
        var anywhere = Self.remoteBackend
        anywhere.remote = .any
        anywhere.threshold = 0
        #expect(
            Set(Self.matches(anywhere, postings).map(\.title))
                == ["Senior Backend Engineer", "Backend Engineer Python", "Software Engineer Platform"])
    }

    @Test func scoresRankEvenWithoutSkillsOrPay() throws {
        let postings = try Self.postings(.remoteOK, "remoteok-api.json") + Self.postings(.simplifyJobs, "simplify-listings.json")
        let everything = AlertProfile(name: "everything", threshold: 0)
        let scored = Self.matches(everything, postings)
        #expect(scored.count == postings.count)
        #expect(Set(scored.map(\.score)).count >= 8, "\(scored)")
        // Engineering jobs first; among them the newest that state their pay.
        let engineering = scored.filter { PostingSkills.isTechnicalTitle($0.title) }
        let others = scored.filter { !PostingSkills.isTechnicalTitle($0.title) }
        #expect(others.count == 5 && engineering.allSatisfy { job in others.allSatisfy { job.score > $0.score } }, "\(scored)")
        #expect(scored.prefix(2).map(\.title) == ["Senior Backend Engineer", "Backend Engineer Python"])
    }

    @Test func distinctRequisitionsStayApartAndOneRequisitionUnderTwoURLsIsOne() async throws {
        let directory = try TemporaryDirectory(prefix: "real-feeds")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("data/hiringpulse.sqlite"))
        let parsed = FeedFormat.simplifyJobs.parse(try Self.fixture("simplify-listings.json"), source: "simplify-new-grad")
        let writes = parsed.items.compactMap { Self.normalizer.write(from: $0, now: Self.now) }
        #expect(writes.count == 11, "the closed, hidden listing is not a posting")
        #expect(try await store.postings.insertFromFeeds(writes) == 9)
        let stored = try await store.postings.list()
        let titles = stored.map { "\($0.posting.company ?? "")|\($0.posting.title ?? "")" }
        #expect(titles.filter { $0 == "Golden Arches Tech|Software Engineer I" }.count == 2, "two SuccessFactors job numbers")
        #expect(titles.filter { $0 == "Blocky Games|2027 Software Engineer - Early Career - Security" }.count == 2, "two gh_jid")
        #expect(titles.filter { $0 == "Voyant Systems|Software Engineer I" }.count == 1, "one Workday requisition under two URLs")
        #expect(titles.filter { $0 == "Stripe|Software Engineer Intern" }.count == 1, "its careers page and its gh_jid link")
        // Polled again, nothing is new.
        #expect(try await store.postings.insertFromFeeds(writes) == 0)
    }

    @Test func whatAListingSaysOfSponsorshipIsStoredAndReadBack() async throws {
        let directory = try TemporaryDirectory(prefix: "real-feeds")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("data/hiringpulse.sqlite"))
        let parsed = FeedFormat.simplifyJobs.parse(try Self.fixture("simplify-listings.json"), source: "simplify-new-grad")
        let writes = parsed.items.compactMap { Self.normalizer.write(from: $0, now: Self.now) }
        #expect(try await store.postings.insertFromFeeds(writes) == 9)
        let stored = try await store.postings.list().map(\.posting)
        // Each stored posting says what its listing said; the fixture has all three answers.
        let written = Dictionary(writes.map { ($0.posting.url ?? "", $0.posting.sponsorship) }, uniquingKeysWith: { first, _ in first })
        #expect(stored.count == 9 && stored.allSatisfy { written[$0.url ?? ""] == .some($0.sponsorship) })
        #expect(Set(stored.compactMap(\.sponsorship)) == ["Offers Sponsorship", "Does Not Offer Sponsorship", "Other"])
    }

    @Test func twoGreenhouseRequisitionsWithOneTitleAreTwoOpenings() async throws {
        let directory = try TemporaryDirectory(prefix: "real-feeds")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("data/hiringpulse.sqlite"))
        let first = try #require(FeedFormat.greenhouse.parse(Array(JobBoardAnswers.greenhouse.utf8), source: "acme").items.first)
        var second = first
        second.openingID = "greenhouse:4999001"
        (second.posting.url, second.applyURL) = (
            "https://job-boards.greenhouse.io/acme/jobs/4999001", "https://job-boards.greenhouse.io/acme/jobs/4999001"
        )
        var sameAsFirst = first
        sameAsFirst.posting.url = first.posting.url.map { $0 + "?gh_src=newsletter" }.map {
            $0.replacingOccurrences(of: "job-boards.", with: "boards.")
        }
        sameAsFirst.applyURL = sameAsFirst.posting.url
        let writes = [first, second].compactMap { Self.normalizer.write(from: $0, now: Self.now) }
        #expect(
            writes.count == 2 && writes[0].posting.title == writes[1].posting.title
                && writes[0].posting.location == writes[1].posting.location)
        #expect(try await store.postings.insertFromFeeds(writes) == 2)
        #expect(
            try await store.postings.insertFromFeeds([sameAsFirst].compactMap { Self.normalizer.write(from: $0, now: Self.now) }) == 0,
            "the same gh_jid under another URL is the same opening")
    }

    @Test func simplifyListingsKeepTheirPlacesAndKinds() throws {
        let postings = Self.byTitle(try Self.postings(.simplifyJobs, "simplify-listings.json"))
        let distributed = try #require(postings["Distributed Software Engineer"])
        #expect(distributed.remote == nil && distributed.location == "Sunnyvale, CA", "distributed systems, in Sunnyvale")
        #expect(postings["New Grad Software Engineer"]?.remote == .yes)
        #expect(postings["New Grad Software Engineer"]?.seniority == .junior)
        #expect(postings["Software Engineer Intern"]?.employmentType == .internship)
        #expect(postings["Software Engineer I"]?.seniority == .junior)
        #expect(postings["Senior Software Engineer"]?.seniority == .senior)
    }

    @Test func theNewGradProfileGetsEntryLevelSoftwareJobsOnly() throws {
        let postings = try Self.postings(.simplifyJobs, "simplify-listings.json")
        let titles = Set(Self.matches(Self.newGrad, postings).map(\.title))
        #expect(
            titles == [
                "Software Engineer I", "2027 Software Engineer - Early Career - Security", "New Grad Software Engineer",
                "Distributed Software Engineer",
            ])
        let scored = Self.matches(Self.newGrad, postings)
        let distributed = try #require(scored.first { $0.title == "Distributed Software Engineer" })
        #expect(
            scored.filter { $0.title != "Distributed Software Engineer" }.allSatisfy { $0.score > distributed.score },
            "a title that states no level ranks below those that state the level asked: \(scored)")
    }
}
