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

    @Test func aJobAlreadyStoredFromAnySourceIsNotStoredAgain() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        #expect(
            try await store.postings.insertFromFeeds([
                Self.feedPosting("Go Engineer", url: "https://acme.example/1"),
                Self.feedPosting("Rust Engineer", url: "https://acme.example/2"),
            ]) == 2)
        // The same URL, or the same company, title and place under another URL.
        #expect(
            try await store.postings.insertFromFeeds([
                Self.feedPosting("Go Engineer (again)", url: "https://acme.example/1"),
                Self.feedPosting("Rust Engineer", url: "https://other.example/2", fingerprint: "acme|Rust Engineer|remote"),
            ]) == 0)
        let stored = try await store.postings.list()
        #expect(stored.map(\.source) == ["feed:remoteok", "feed:remoteok"])
        #expect(
            stored.compactMap(\.posting.description).sorted() == ["Build Go Engineer things", "Build Rust Engineer things"],
            "the description is what keywords read")
    }

    @Test func theMatcherStartsAfterWhatWasStoredBeforeAndMovesWithWhatItQueues() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.postings.insertFromFeeds([Self.feedPosting("Old", url: "https://acme.example/old")])
        // Turning alerts on does not announce the history.
        let start = try await store.outbox.matchedThrough()
        #expect(try await store.postings.list(after: start, limit: 10).isEmpty)
        try await store.postings.insertFromFeeds([Self.feedPosting("New", url: "https://acme.example/new")])
        let new = try await store.postings.list(after: start, limit: 10)
        #expect(new.map(\.posting.title) == ["New"])
        let profiles = try await store.alertProfiles.syncConfigured([(name: "all", criteria: .object([]), destinations: ["telegram:1"])])
        try await store.outbox.enqueue(
            [OutboxEntry(postingID: new[0].id, profileID: profiles["all"]!, destination: "telegram:1", score: 1, reasons: [])],
            matchedThrough: new[0].id)
        #expect(try await store.outbox.matchedThrough() == new[0].id)
        #expect(try await store.postings.list(after: store.outbox.matchedThrough(), limit: 10).isEmpty)
    }

    @Test func searchFiltersByWordsRemoteCompanyAndAgeNewestFirst() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.postings.insertFromFeeds([
            Self.feedPosting("Go Backend Engineer", url: "https://acme.example/1", postedAt: 1_000),
            Self.feedPosting(
                "Frontend Engineer", company: "Globex", url: "https://globex.example/2", remote: .no, skills: ["react"], postedAt: 2_000),
            Self.feedPosting("Platform Engineer", url: "https://acme.example/3", skills: ["go", "kubernetes"], postedAt: 3_000),
        ])
        #expect(
            try await store.postings.search(PostingSearch(), offset: 0, limit: 10).postings.map(\.posting.title)
                == ["Platform Engineer", "Frontend Engineer", "Go Backend Engineer"])
        // "go" is a word of one title and a skill of another.
        #expect(
            try await store.postings.search(PostingSearch(query: "go"), offset: 0, limit: 10).postings.map(\.posting.title)
                == ["Platform Engineer", "Go Backend Engineer"])
        #expect(
            try await store.postings.search(PostingSearch(query: "engineer globex"), offset: 0, limit: 10).postings.map(\.posting.title)
                == [
                    "Frontend Engineer"
                ])
        #expect(try await store.postings.search(PostingSearch(remote: .yes), offset: 0, limit: 10).total == 2)
        let acme = try #require(try await store.companies.names().first { $0.value == "Acme" }?.key)
        #expect(
            try await store.postings.search(PostingSearch(companyIDs: [acme], postedSince: 2_000), offset: 0, limit: 10).postings.map(
                \.posting.title)
                == ["Platform Engineer"])
        let page = try await store.postings.search(PostingSearch(), offset: 2, limit: 2)
        #expect(page.total == 3 && page.postings.map(\.posting.title) == ["Go Backend Engineer"])
        // SQL in a query is only text.
        #expect(try await store.postings.search(PostingSearch(query: "' OR 1=1 --"), offset: 0, limit: 10).total == 0)
    }

    @Test func membersKeepTheirOwnProfilesUpToTheLimit() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        let criteria = JSONValue.object([("remote", .string("required"))])
        #expect(
            try await store.alertProfiles.saveMemberProfile(
                ownerHash: "a", name: "go", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .created)
        #expect(
            try await store.alertProfiles.saveMemberProfile(
                ownerHash: "a", name: "go", criteria: .object([]), destinations: ["discord_dm:1"], limit: 2)
                == .replaced)
        #expect(
            try await store.alertProfiles.saveMemberProfile(
                ownerHash: "a", name: "rust", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .created)
        #expect(
            try await store.alertProfiles.saveMemberProfile(
                ownerHash: "a", name: "java", criteria: criteria, destinations: ["discord_dm:1"], limit: 2)
                == .limitReached(limit: 2))
        // Another member's profile of the same name is theirs.
        #expect(
            try await store.alertProfiles.saveMemberProfile(
                ownerHash: "b", name: "go", criteria: criteria, destinations: ["discord_dm:2"], limit: 2)
                == .created)
        #expect(try await store.alertProfiles.memberProfiles(ownerHash: "a").map(\.name) == ["go", "rust"])
        #expect(try await store.alertProfiles.memberProfiles(ownerHash: "a").first?.criteria == .object([]))
        #expect(try await store.alertProfiles.removeMemberProfile(ownerHash: "a", name: "go"))
        await #expect(try !store.alertProfiles.removeMemberProfile(ownerHash: "a", name: "go"))
        #expect(try await store.alertProfiles.all().map(\.ownerHash).sorted() == ["a", "b"])
        // Forgetting a member removes their profiles.
        try await store.members.forget(authorHash: "b")
        #expect(try await store.alertProfiles.all().map(\.name) == ["rust"])
    }

    @Test func aServicesWaitHoldsTheDestinationsWholeQueueAndADroppedRowFailsAlone() async throws {
        defer { fixture.directory.remove() }
        let store = fixture.store
        try await store.postings.insertFromFeeds((1...3).map { Self.feedPosting("Job \($0)", url: "https://acme.example/\($0)") })
        let ids = try await store.postings.list(after: 0, limit: 10).map(\.id)
        let profile = try await store.alertProfiles.syncConfigured([
            (name: "all", criteria: .object([]), destinations: ["telegram:1", "slack:x"])
        ])["all"]!
        try await store.outbox.enqueue(
            ids.flatMap { id in
                ["telegram:1", "slack:x"].map { OutboxEntry(postingID: id, profileID: profile, destination: $0, score: 1, reasons: []) }
            }, now: 0)
        let first = try #require(try await store.outbox.due(limit: 10, now: 0).first { $0.entry.destination == "telegram:1" })
        try await store.outbox.recordDelivery(first.id, .retry(afterMilliseconds: 5_000, reason: "Telegram: Too Many Requests"), now: 0)
        #expect(try await store.outbox.due(limit: 10, now: 4_999).map(\.entry.destination) == ["slack:x", "slack:x", "slack:x"])
        #expect(try await store.outbox.due(limit: 10, now: 5_000).count == 6)
        let slack = try #require(try await store.outbox.due(limit: 10, now: 5_000).first { $0.entry.destination == "slack:x" })
        try await store.outbox.recordDelivery(slack.id, .dropped(reason: "the posting was retracted before it was sent"), now: 5_000)
        let states = try await store.outbox.states()
        #expect(states.filter { $0.status == "failed" }.map(\.id) == [slack.id])
        #expect(states.filter { $0.status == "pending" }.count == 5)
    }
}
