import Alerts
import Domain
import Extraction
import JSON
import Store
import Testing

/// From stored postings and profiles to outbox entries: criteria kept as the store keeps them,
/// a message's posting completed from its words, one entry per match and destination.
@Suite struct PostingRouterTests {
    static let now: Int64 = 1_800_000_000_000
    static let day: Int64 = 86_400_000

    static func stored(
        _ id: Int64, source: String = "message", title: String, remote: RemotePolicy? = nil, skills: [String] = [], text: String = "",
        postedAt: Int64 = now - day, retracted: Bool = false
    ) -> StoredPosting {
        StoredPosting(
            id: id, source: source,
            posting: JobPosting(
                company: "Acme", title: title, remote: remote, skills: skills, salaryMin: 160_000, currency: "USD",
                url: "https://acme.example/\(id)", postedAt: postedAt, description: text),
            retracted: retracted)
    }

    static let remoteGo = AlertProfile(
        name: "remote-go", remote: .required, locations: ["USA"], employmentTypes: [.fullTime], includeKeywords: ["backend"],
        excludeKeywords: ["clearance"], skills: ["go": 3, "postgresql": 1], minimumSalary: 140_000, companies: ["Acme"],
        excludedCompanies: ["Globex"], maxAgeDays: 14, threshold: 0.6)

    @Test func criteriaSurviveTheStoreUnchanged() {
        let criteria = Self.remoteGo.criteria
        #expect(AlertProfile(name: "remote-go", criteria: criteria) == Self.remoteGo)
        #expect(AlertProfile(name: "all", criteria: .object([])) == AlertProfile(name: "all"))
        // Serialized and read back, as the store does.
        #expect(AlertProfile(name: "remote-go", criteria: try! JSONParser.parse(criteria.serialized)) == Self.remoteGo)
        #expect(
            Self.remoteGo.summary
                == "remote only · skills go×3, postgresql · at least $140k · in USA · full time · mentioning backend · not mentioning clearance · at Acme · not at Globex · posted within 14 days · threshold 0.6"
        )
    }

    @Test func eachMatchGoesToEveryDestinationOfItsProfile() {
        let profiles = [
            StoredAlertProfile(
                id: 1, name: "remote-go", ownerHash: "", source: "config",
                criteria: AlertProfile(name: "remote-go", remote: .required, skills: ["go": 1]).criteria,
                destinations: ["telegram:1", "slack:abc"]),
            StoredAlertProfile(
                id: 2, name: "rust", ownerHash: "m", source: "discord",
                criteria: AlertProfile(name: "rust", skills: ["rust": 1]).criteria, destinations: ["discord_dm:9"]),
        ]
        let router = PostingRouter(profiles: profiles)
        let entries = router.entries(
            for: [
                // What the extractor left out is read from the message: remote, and the skills.
                Self.stored(1, title: "Backend Engineer", text: "[Hiring] Backend Engineer at Acme, fully remote, Go and Postgres"),
                Self.stored(2, title: "Rust Engineer", remote: .no, skills: ["rust"]),
                Self.stored(3, title: "Go Engineer", remote: .yes, skills: ["go"], retracted: true),
            ], now: Self.now)
        #expect(
            entries.map { "\($0.postingID) \($0.profileID) \($0.destination)" } == ["1 1 telegram:1", "1 1 slack:abc", "2 2 discord_dm:9"])
        #expect(entries.first?.reasons.first == "1 of 1 skills: go")
    }

    @Test func historyIsNotNewsUnlessAProfileAsksForIt() {
        let old = Self.stored(1, title: "Go Engineer", remote: .yes, skills: ["go"], postedAt: Self.now - 45 * Self.day)
        let any = StoredAlertProfile(
            id: 1, name: "any", ownerHash: "", source: "config", criteria: AlertProfile(name: "any").criteria, destinations: ["telegram:1"])
        #expect(PostingRouter(profiles: [any]).entries(for: [old], now: Self.now).isEmpty)
        var patient = AlertProfile(name: "patient")
        patient.maxAgeDays = 60
        let long = StoredAlertProfile(
            id: 2, name: "patient", ownerHash: "", source: "config", criteria: patient.criteria, destinations: ["telegram:1"])
        #expect(PostingRouter(profiles: [long]).entries(for: [old], now: Self.now).count == 1)
    }

    @Test func destinationsAreFoundAgainByTheirKeysExceptSlacksWhichHidesItsURL() {
        for destination in [AlertDestination.telegram(chatID: "-100123"), .discordChannel("42"), .discordUser("7")] {
            #expect(AlertDestination(key: destination.key) == destination)
        }
        let slack = AlertDestination.slack(webhookURL: "https://hooks.slack.com/services/T/B/secret")
        #expect(!slack.key.contains("secret"))
        #expect(AlertDestination(key: slack.key) == nil)
        #expect(AlertDestination(key: "telegram:") == nil && AlertDestination(key: "pager:1") == nil)
    }

    @Test func aPacerKeepsEachDestinationToOneMessageASecondAndHonoursHolds() {
        var pacer = DestinationPacer(spacingMilliseconds: 1_000)
        #expect(pacer.readyAt("telegram:1", now: 0) == 0)
        pacer.sent(to: "telegram:1", at: 0)
        #expect(pacer.readyAt("telegram:1", now: 400) == 1_000)
        #expect(pacer.readyAt("slack:x", now: 400) == 400, "another destination is not held up")
        pacer.hold("telegram:1", until: 30_000)
        pacer.sent(to: "telegram:1", at: 1_000)
        #expect(pacer.readyAt("telegram:1", now: 1_000) == 30_000, "a sent message does not shorten a service's wait")
    }
}
