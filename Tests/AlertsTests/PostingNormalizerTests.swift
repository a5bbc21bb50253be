import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Store
import Testing

/// From a feed item or a message's posting to the normalized `Posting` that alerts match.
@Suite struct PostingNormalizerTests {
    static let normalizer: PostingNormalizer = {
        do {
            return PostingNormalizer(catalog: try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml")))
        } catch {
            fatalError("\(error)")
        }
    }()
    static let now: Int64 = 1_800_000_000_000

    @Test func aFeedItemIsNormalized() throws {
        let item = FeedItem(
            source: "remoteok", title: "Senior Backend Engineer (Golang)",
            posting: JobPosting(
                company: "JPMC", url: "https://remoteok.example/42", postedAt: 1_799_900_000_000,
                description: "Full-time. Our stack: Go, PostgreSQL, Kafka."),
            externalID: "42", locations: ["USA"], remoteText: "Remote in USA", tags: ["golang", "postgres", "k8s"], salaryMin: 150_000,
            salaryMax: 180_000, applyURL: "https://jpmc.example/apply/42")
        let posting = try #require(Self.normalizer.posting(from: item, now: Self.now))
        #expect(posting.company == "JPMorgan Chase")
        #expect(posting.remote == .yes)
        #expect(posting.employmentType == .fullTime)
        #expect(posting.seniority == .senior)
        #expect(posting.skills == ["go", "postgresql", "kubernetes", "kafka"])
        #expect(posting.salaryMin == 150_000 && posting.salaryMax == 180_000 && posting.currency == "USD")
        #expect(posting.url == "https://jpmc.example/apply/42")
        #expect(posting.postedAt == 1_799_900_000_000)
    }

    @Test(arguments: [
        ("Remote in USA", RemotePolicy?.some(.yes)), ("Hybrid - 3 days in office, NYC", .hybrid), ("On-site, Berlin", .no),
        ("Work from home", .yes), ("New York, NY", nil), ("remote-friendly, hybrid", .hybrid),
    ])
    func remoteIsReadFromWords(text: String, expected: RemotePolicy?) throws {
        let item = FeedItem(source: "rss", title: "Engineer", remoteText: text)
        #expect(try #require(Self.normalizer.posting(from: item, now: Self.now)).remote == expected)
    }

    @Test func hourlyPayInAnAnnualFieldIsAnnualizedAndAbsurdPayDropped() throws {
        let hourly = FeedItem(source: "remoteok", title: "Intern", salaryMin: 30, salaryMax: 45)
        let annualized = try #require(Self.normalizer.posting(from: hourly, now: Self.now))
        #expect(annualized.salaryMin == 62_400 && annualized.salaryMax == 93_600)
        #expect(annualized.employmentType == .internship)
        let absurd = FeedItem(source: "remoteok", title: "Engineer", salaryMin: 0, salaryMax: 99_000_000)
        let dropped = try #require(Self.normalizer.posting(from: absurd, now: Self.now))
        #expect(dropped.salaryMin == nil && dropped.salaryMax == nil)
        let written = FeedItem(source: "rss", title: "Engineer", salaryText: "€90k-€120k")
        let parsed = try #require(Self.normalizer.posting(from: written, now: Self.now))
        #expect(parsed.salaryMin == 90_000 && parsed.salaryMax == 120_000 && parsed.currency == "EUR")
    }

    @Test func closedOrUntitledItemsAreNotPostings() {
        #expect(Self.normalizer.posting(from: FeedItem(source: "simplify", title: "SWE Intern", active: false), now: Self.now) == nil)
        #expect(Self.normalizer.posting(from: FeedItem(source: "rss", title: "  "), now: Self.now) == nil)
    }

    @Test func aMessagesPostingKeepsWhatExtractionFound() {
        let message = "We're hiring! Backend Engineer at Ramp — NYC hybrid, Go + Postgres, $150k–$180k"
        // As the store keeps what extraction found, with the message's text.
        let extracted = StoredPosting(
            id: 1, source: "message",
            posting: JobPosting(
                company: "Ramp", title: "Backend Engineer", location: "NYC", remote: .hybrid, skills: ["go", "postgresql"],
                salaryMin: 150_000, salaryMax: 180_000, currency: "USD", url: "https://ramp.com/careers", postedAt: 5, description: message)
        )
        let posting = PostingNormalizer.posting(from: extracted)
        #expect(posting.company == "Ramp" && posting.location == "NYC" && posting.remote == .hybrid)
        #expect(posting.skills == ["go", "postgresql"] && posting.postedAt == 5 && posting.description == message)
    }
}
