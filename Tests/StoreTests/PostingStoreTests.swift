import Domain
import Extraction
import HiringPulseTesting
import JSON
import Testing

@testable import Store

/// Feed postings, the matcher's place, `/jobs` search and members' alert profiles, over a real
/// SQLite file.
@Suite struct PostingStoreTests {
    let fixture: StoreFixture

    init() throws {
        fixture = try StoreFixture()
    }

    static func feedPosting(
        _ title: String, company: String = "Acme", url: String?, fingerprint: String? = nil, remote: RemotePolicy? = .yes,
        skills: [String] = ["go"], postedAt: Int64 = 10_000
    ) -> FeedPostingWrite {
        FeedPostingWrite(
            feed: "remoteok", externalID: title,
            posting: JobPosting(
                company: company, title: title, location: "Remote", remote: remote, skills: skills, salaryMin: 150_000,
                salaryMax: 180_000, currency: "USD", url: url, postedAt: postedAt, description: "Build \(title) things"),
            identity: PostingIdentity(canonicalURL: url, fingerprint: fingerprint ?? "acme|\(title)|remote"))
    }

    @Test func aJobAlreadyStoredFromAnySourceIsNotStoredAgain() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        #expect(
            try store.insertFeedPostings([
                Self.feedPosting("Go Engineer", url: "https://acme.example/1"),
                Self.feedPosting("Rust Engineer", url: "https://acme.example/2"),
            ]) == 2)
        // The same URL, or the same company, title and place under another URL.
        #expect(
            try store.insertFeedPostings([
                Self.feedPosting("Go Engineer (again)", url: "https://acme.example/1"),
                Self.feedPosting("Rust Engineer", url: "https://other.example/2", fingerprint: "acme|Rust Engineer|remote"),
            ]) == 0)
        let stored = try store.postings()
        #expect(stored.map(\.source) == ["feed:remoteok", "feed:remoteok"])
        #expect(
            stored.compactMap(\.posting.description).sorted() == ["Build Go Engineer things", "Build Rust Engineer things"],
            "the description is what keywords read")
    }

    @Test func theMatcherStartsAfterWhatWasStoredBeforeAndMovesWithWhatItQueues() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.insertFeedPostings([Self.feedPosting("Old", url: "https://acme.example/old")])
        // Turning alerts on does not announce the history.
        let start = try store.matchedThrough()
        #expect(try store.postings(after: start, limit: 10).isEmpty)
        try store.insertFeedPostings([Self.feedPosting("New", url: "https://acme.example/new")])
        let new = try store.postings(after: start, limit: 10)
        #expect(new.map(\.posting.title) == ["New"])
        let profiles = try store.syncConfigProfiles([(name: "all", criteria: .object([]), destinations: ["telegram:1"])])
        try store.enqueueNotifications(
            [OutboxEntry(postingID: new[0].id, profileID: profiles["all"]!, destination: "telegram:1", score: 1, reasons: [])],
            matchedThrough: new[0].id)
        #expect(try store.matchedThrough() == new[0].id)
        #expect(try store.postings(after: store.matchedThrough(), limit: 10).isEmpty)
    }

    @Test func searchFiltersByWordsRemoteCompanyAndAgeNewestFirst() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.insertFeedPostings([
            Self.feedPosting("Go Backend Engineer", url: "https://acme.example/1", postedAt: 1_000),
            Self.feedPosting(
                "Frontend Engineer", company: "Globex", url: "https://globex.example/2", remote: .no, skills: ["react"], postedAt: 2_000),
            Self.feedPosting("Platform Engineer", url: "https://acme.example/3", skills: ["go", "kubernetes"], postedAt: 3_000),
        ])
        #expect(
            try store.searchPostings(PostingSearch(), offset: 0, limit: 10).postings.map(\.posting.title)
                == ["Platform Engineer", "Frontend Engineer", "Go Backend Engineer"])
        // "go" is a word of one title and a skill of another.
        #expect(
            try store.searchPostings(PostingSearch(query: "go"), offset: 0, limit: 10).postings.map(\.posting.title)
                == ["Platform Engineer", "Go Backend Engineer"])
        #expect(
            try store.searchPostings(PostingSearch(query: "engineer globex"), offset: 0, limit: 10).postings.map(\.posting.title) == [
                "Frontend Engineer"
            ])
        #expect(try store.searchPostings(PostingSearch(remote: .yes), offset: 0, limit: 10).total == 2)
        let acme = try #require(try store.companyNames().first { $0.value == "Acme" }?.key)
        #expect(
            try store.searchPostings(PostingSearch(companyIDs: [acme], postedSince: 2_000), offset: 0, limit: 10).postings.map(
                \.posting.title)
                == ["Platform Engineer"])
        let page = try store.searchPostings(PostingSearch(), offset: 2, limit: 2)
        #expect(page.total == 3 && page.postings.map(\.posting.title) == ["Go Backend Engineer"])
        // SQL in a query is only text.
        #expect(try store.searchPostings(PostingSearch(query: "' OR 1=1 --"), offset: 0, limit: 10).total == 0)
    }

    @Test func membersKeepTheirOwnProfilesUpToTheLimit() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        let criteria = JSONValue.object([("remote", .string("required"))])
        #expect(
            try store.saveMemberProfile(ownerHash: "a", name: "go", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .created)
        #expect(
            try store.saveMemberProfile(ownerHash: "a", name: "go", criteria: .object([]), destinations: ["discord_dm:1"], limit: 2)
                == .replaced)
        #expect(
            try store.saveMemberProfile(ownerHash: "a", name: "rust", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .created)
        #expect(
            try store.saveMemberProfile(ownerHash: "a", name: "java", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .limitReached(limit: 2))
        // Another member's profile of the same name is theirs.
        #expect(
            try store.saveMemberProfile(ownerHash: "b", name: "go", criteria: criteria, destinations: ["discord_dm:2"], limit: 2)
                == .created)
        #expect(try store.memberProfiles(ownerHash: "a").map(\.name) == ["go", "rust"])
        #expect(try store.memberProfiles(ownerHash: "a").first?.criteria == .object([]))
        #expect(try store.removeMemberProfile(ownerHash: "a", name: "go"))
        #expect(try !store.removeMemberProfile(ownerHash: "a", name: "go"))
        #expect(try store.alertProfiles().map(\.ownerHash).sorted() == ["a", "b"])
        // Forgetting a member removes their profiles.
        try store.forget(authorHash: "b")
        #expect(try store.alertProfiles().map(\.name) == ["rust"])
    }

    @Test func aServicesWaitHoldsTheDestinationsWholeQueueAndADroppedRowFailsAlone() throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try store.insertFeedPostings((1...3).map { Self.feedPosting("Job \($0)", url: "https://acme.example/\($0)") })
        let ids = try store.postings(after: 0, limit: 10).map(\.id)
        let profile = try store.syncConfigProfiles([(name: "all", criteria: .object([]), destinations: ["telegram:1", "slack:x"])])["all"]!
        try store.enqueueNotifications(
            ids.flatMap { id in
                ["telegram:1", "slack:x"].map { OutboxEntry(postingID: id, profileID: profile, destination: $0, score: 1, reasons: []) }
            }, now: 0)
        let first = try #require(try store.dueNotifications(limit: 10, now: 0).first { $0.entry.destination == "telegram:1" })
        try store.recordDelivery(first.id, .retry(afterMilliseconds: 5_000, reason: "Telegram: Too Many Requests"), now: 0)
        #expect(try store.dueNotifications(limit: 10, now: 4_999).map(\.entry.destination) == ["slack:x", "slack:x", "slack:x"])
        #expect(try store.dueNotifications(limit: 10, now: 5_000).count == 6)
        let slack = try #require(try store.dueNotifications(limit: 10, now: 5_000).first { $0.entry.destination == "slack:x" })
        try store.recordDelivery(slack.id, .dropped(reason: "the posting was retracted before it was sent"), now: 5_000)
        let states = try store.notificationStates()
        #expect(states.filter { $0.status == "failed" }.map(\.id) == [slack.id])
        #expect(states.filter { $0.status == "pending" }.count == 5)
    }
}
