import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// `hiringpulse companies suggest` and `companies add`: unknown names members report stages at,
/// listed with examples, and added in one step.
@Suite(.timeLimit(.minutes(2))) struct CompaniesCommandTests {
    /// Three members report stages at Quokka (one of them twice), one at Brindle; as extraction
    /// stores a name outside the catalog.
    static func seed(_ cli: CommandLineRunner) async throws -> Store {
        let store = try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
        let messages: [(Int64, String, String, [String])] = [
            (1, "a", "final round at Quokka tmrw", ["Quokka"]),
            (2, "b", "Quokka OA came in, 90 minutes", ["Quokka"]),
            (3, "c", "got the offer from Quokka!!", ["Quokka"]),
            (4, "a", "Quokka onsite went well", ["Quokka"]),
            (5, "b", "rejected by Brindle", ["Brindle"]),
        ]
        try await store.messages.ingest(
            messages.map {
                IncomingMessage(
                    id: $0.0, guildID: 1, channelID: 2, authorHash: $0.1, content: $0.2, createdAt: 1_000 * $0.0, source: .gateway)
            })
        try await store.extractions.record(
            messages.map { id, _, _, names in
                ExtractionWrite(
                    messageID: id, extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(id: String(id), result: .success(ExtractionResult(kind: .other, unknownCompanies: names))))
            })
        return store
    }

    @Test func suggestsNamesOfEnoughMembersThenAddsOneAndReclassifyCountsIt() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        _ = try await cli.run(["migrate"])
        let store = try await Self.seed(cli)
        let listed = try await cli.run(["companies", "suggest"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(
            listed.stdout == """
                Quokka  3 members, 4 messages
                    "Quokka onsite went well"
                    "got the offer from Quokka!!"
                    "Quokka OA came in, 90 minutes"
                Add one with: hiringpulse companies add NAME (or --alias-of COMPANY)

                """, "\(listed.stdout)")
        let two = try await cli.run(["companies", "suggest", "--min-members", "1", "--json"])
        let lines = try two.stdoutLines.map { try JSONParser.parse($0) }
        #expect(lines.map { $0["name"] } == [.string("Quokka"), .string("Brindle")])
        #expect(lines.first?["members"] == .integer(3) && lines.first?["messages"] == .integer(4))

        let added = try await cli.run(["companies", "add", "Quokka"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            added.stdout == """
                Quokka is now a company.
                4 stored messages report a stage there and count for it once reclassified: hiringpulse reclassify --scope all

                """, "\(added.stdout)")
        #expect(try await cli.run(["companies", "suggest"]).stdout == "No unknown company reported by 3 or more members.\n")
        // The catalog in force now knows it: reclassifying counts the past messages for Quokka.
        let reclassified = try await cli.run(["reclassify", "--scope", "all"])
        #expect(reclassified.status == 0, "\(reclassified.stderr)")
        let quokka = try #require(try await store.companies.id(named: "Quokka"))
        let events = try await store.extractions.stageEvents().filter { $0.companyID == quokka }
        #expect(Set(events.map(\.stage)) == [.onsite, .oa, .offer], "\(events)")
        #expect(try await store.auditLog().contains { $0.action == "company-add" && $0.target == "Quokka" })
    }

    @Test func anAliasOfAKnownCompanyOrARefusalInOneLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        _ = try await cli.run(["migrate"])
        _ = try await Self.seed(cli)
        let alias = try await cli.run(["companies", "add", "Brindle", "--alias-of", "stripe"])
        #expect(alias.status == 0, "\(alias.stderr)")
        #expect(alias.stdoutLines.first == "\"Brindle\" now means Stripe.")
        #expect(try await cli.run(["companies", "suggest", "--min-members", "1"]).stdoutLines.first == "Quokka  3 members, 4 messages")
        let known = try await cli.run(["companies", "add", "JPMC"])
        #expect(known.status == 1)
        #expect(known.stderr == "hiringpulse: companies add: \"JPMC\" already means JPMorgan Chase.\n")
        let noTarget = try await cli.run(["companies", "add", "Quokka", "--alias-of", "Nowhere Inc"])
        #expect(
            noTarget.stderr == "hiringpulse: companies add: No company \"Nowhere Inc\" in the catalog to make \"Quokka\" an alias of.\n")
        let bad = try await cli.run(["companies", "suggest", "--min-members", "0"])
        #expect(bad.status != 0)
    }
}
