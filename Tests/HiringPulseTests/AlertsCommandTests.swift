import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// `hiringpulse alerts test PROFILE`: a dry run of a profile over the stored postings.
@Suite(.timeLimit(.minutes(2))) struct AlertsCommandTests {
    static let profiles = """
        profiles:
          - name: remote-go
            remote: required
            skills: {go: 3, postgresql: 1}
            min_salary: 140000
            destinations:
              - telegram: "-100123"
        """

    /// Two postings from messages, stored as extraction stores them.
    static func seed(_ cli: CommandLineRunner) async throws {
        let store = try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
        let now = Timestamp.now()
        let postings = [
            (
                1, "[Hiring] remote Go backend engineer at Acme, $150k–$180k",
                JobPosting(
                    company: "Acme", title: "Backend Engineer", remote: .yes, skills: ["go", "postgresql"], salaryMin: 150_000,
                    salaryMax: 180_000, currency: "USD", url: "https://acme.example/1")
            ),
            (
                2, "Hiring: Java engineer at Globex, NYC on-site",
                JobPosting(company: "Globex", title: "Java Engineer", location: "NYC", remote: RemotePolicy.no, skills: ["java"])
            ),
        ]
        try await store.messages.ingest(
            postings.map {
                IncomingMessage(id: Int64($0.0), guildID: 1, channelID: 2, authorHash: "a", content: $0.1, createdAt: now, source: .gateway)
            })
        try await store.extractions.record(
            postings.map { id, _, posting in
                ExtractionWrite(
                    messageID: Int64(id), extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(id: String(id), result: .success(ExtractionResult(kind: .jobPosting, posting: posting))),
                    postingIdentity: PostingIdentity(canonicalURL: posting.url, fingerprint: "posting \(id)"))
            })
    }

    @Test func showsWhatAProfileWouldSendAndWhy() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try Self.profiles.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
        _ = try await cli.run(["migrate"])
        try await Self.seed(cli)
        let result = try await cli.run(["alerts", "test", "remote-go"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                0.90  Backend Engineer at Acme  https://acme.example/1
                      2 of 2 skills: go, postgresql; remote; salary $150k–$180k
                1 of 2 stored postings match remote-go; nothing was sent.

                """)
        let json = try await cli.run(["alerts", "test", "remote-go", "--json"])
        let line = try JSONParser.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(line["company"] == .string("Acme") && line["score"] == .number(0.9))
    }

    @Test func anUnknownProfileOrABadFileIsOneClearLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try Self.profiles.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
        let unknown = try await cli.run(["alerts", "test", "interns"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "hiringpulse: alerts test: no profile named interns in config/alerts.yaml; it has remote-go\n")
        try "profiles:\n  - name: x\n    threshold: 3\n    destinations: [{telegram: \"1\"}]\n".write(
            toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
        let bad = try await cli.run(["alerts", "test", "x"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "hiringpulse: config/alerts.yaml:3: profile x: threshold must be between 0 and 1\n")
    }

    @Test func statusReportsEachDestinationAndWhyItFailed() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        _ = try await cli.run(["migrate"])
        #expect(try await cli.run(["alerts", "status"]).stdout == "No notifications yet.\n")
        try await Self.seed(cli)
        let store = try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
        let postings = try await store.postings.list().map(\.id)
        let profile = try await store.alertProfiles.syncConfigured([
            (name: "remote-go", criteria: .object([]), destinations: ["telegram:-100123", "slack:1f2e"])
        ])["remote-go"]!
        try await store.outbox.enqueue(
            postings.flatMap { posting in
                ["telegram:-100123", "slack:1f2e"].map {
                    OutboxEntry(postingID: posting, profileID: profile, destination: $0, score: 0.9, reasons: [])
                }
            })
        let due = try await store.outbox.due(limit: 10)
        try await store.outbox.recordDelivery(due.first { $0.entry.destination == "slack:1f2e" }!.id, .sent)
        try await store.outbox.recordDelivery(
            due.first { $0.entry.destination == "telegram:-100123" }!.id,
            .destinationRejected(
                reason: "Telegram: Forbidden: bot was blocked by the user"))
        let status = try await cli.run(["alerts", "status"])
        #expect(
            status.stdout == """
                slack:1f2e  sent 1, waiting 1, failed 0
                telegram:-100123  sent 0, waiting 0, failed 2
                    last problem: not sent: the destination refused an earlier notification (Telegram: Forbidden: bot was blocked by the user)

                """, "\(status.stdout)")
    }
}
