import Domain
import Extraction
import GRDB
import HiringPulseTesting
import Testing

@testable import Store

/// Unknown companies: recorded with the extraction, gone with the message, offered once enough
/// distinct members name them, and never when the catalog knows them.
@Suite struct UnknownCompanyStoreTests {
    static func unknown(_ id: Int64, _ names: [String], updates: [StageUpdate] = []) -> ExtractionWrite {
        ExtractionWrite(
            messageID: id, extractor: StoreFixture.rules,
            outcome: ExtractionOutcome(
                id: String(id),
                result: .success(
                    ExtractionResult(
                        kind: updates.isEmpty ? .other : .stageUpdate, updates: updates, unknownCompanies: names))))
    }

    static func nothingKnown(_ name: String) -> Bool { false }

    /// Messages 1–3 from three members at Quokka, 4 from a second message of member a, 5 at Brindle.
    static func seed(_ store: Store) async throws {
        try await store.messages.ingest([
            StoreFixture.message(1, "final round at Quokka tmrw", author: "a", at: 1_000),
            StoreFixture.message(2, "Quokka OA came in", author: "b", at: 2_000),
            StoreFixture.message(3, "got the offer from quokka!!", author: "c", at: 3_000),
            StoreFixture.message(4, "Quokka onsite went well", author: "a", at: 4_000),
            StoreFixture.message(5, "rejected by Brindle", author: "a", at: 5_000),
        ])
        try await store.extractions.record([
            unknown(1, ["Quokka"]), unknown(2, ["Quokka"]), unknown(3, ["quokka"]), unknown(4, ["Quokka"]),
            unknown(5, ["Brindle"]),
        ])
    }

    @Test func namesSeenByEnoughDistinctMembersAreSuggestedWithExamples() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions") == 5)
        let suggestions = try await fixture.store.companies.unknownSuggestions(minMembers: 3, isKnown: Self.nothingKnown)
        #expect(
            suggestions == [
                UnknownCompanySuggestion(
                    name: "Quokka", key: "quokka", members: 3, mentions: 4,
                    examples: ["Quokka onsite went well", "got the offer from quokka!!", "Quokka OA came in"])
            ])
        // Four messages, but only three members: a fourth member is needed for four.
        #expect(try await fixture.store.companies.unknownSuggestions(minMembers: 4, isKnown: Self.nothingKnown).isEmpty)
        #expect(
            try await fixture.store.companies.unknownSuggestions(minMembers: 1, isKnown: Self.nothingKnown).map(\.name) == [
                "Quokka", "Brindle",
            ])
        // Nothing of it counts in a statistic.
        #expect(try await fixture.store.extractions.stageUpdateCount() == 0)
        #expect(try await fixture.store.companies.company(named: "Quokka") == nil)
    }

    @Test func aNameTheCatalogKnowsNowIsNotSuggested() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        let catalog = try CompanyCatalog([CompanyDefinition(name: "Quokka Labs", aliases: ["Quokka"])])
        let suggestions = try await fixture.store.companies.unknownSuggestions(minMembers: 1) { name in
            if case .unknown = catalog.resolve(name) { return false }
            return true
        }
        #expect(suggestions.map(\.name) == ["Brindle"])
    }

    @Test func reExtractionReplacesAMessagesMentionsAndDeletionRemovesThem() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        // Message 2 edited and extracted again: it now names a known company only.
        try await fixture.store.messages.ingest([StoreFixture.message(2, "Google OA came in", author: "b", at: 2_000)])
        try await fixture.store.extractions.record([Self.unknown(2, [], updates: [StageUpdate(company: "Google", stage: .oa)])])
        #expect(try await fixture.store.companies.unknownSuggestions(minMembers: 3, isKnown: Self.nothingKnown).isEmpty)
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE message_id = 2") == 0)
        // Deleted through the gateway's batch path: message 3's mention goes.
        var batch = GatewayBatch()
        batch.operations = [.retract([3])]
        try await fixture.store.gateway.commit(batch)
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE message_id = 3") == 0)
        // A late extraction of the deleted message records nothing.
        try await fixture.store.extractions.record([Self.unknown(3, ["Quokka"])])
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE message_id = 3") == 0)
        // Retracted directly too.
        try await fixture.store.messages.retract(messageIDs: [5])
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE message_id = 5") == 0)
    }

    @Test func aGatewayBatchRecordsMentionsWithItsMessages() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        var batch = GatewayBatch()
        batch.operations = [.store(StoreFixture.message(9, "superday at Payly friday", author: "z"), session: "s1")]
        batch.outcomes[9] = Self.unknown(9, ["Payly"])
        try await fixture.store.gateway.commit(batch)
        #expect(try await fixture.store.companies.unknownSuggestions(minMembers: 1, isKnown: Self.nothingKnown).map(\.name) == ["Payly"])
    }

    @Test func aForgottenMembersMentionsGo() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        try await fixture.store.members.forget(authorHash: "c")
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE author_hash = 'c'") == 0)
        #expect(try await fixture.store.companies.unknownSuggestions(minMembers: 3, isKnown: Self.nothingKnown).isEmpty)
        #expect(try await fixture.store.companies.unknownSuggestions(minMembers: 2, isKnown: Self.nothingKnown).map(\.members) == [2])
    }

    @Test func aCorrectionTakesTheMessagesMentionsAway() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        try await fixture.store.extractions.correct(messageID: 1, company: "Quokka Labs", stage: .onsite, actorHash: "admin")
        #expect(try fixture.count("SELECT COUNT(*) FROM unknown_company_mentions WHERE message_id = 1") == 0)
    }

    @Test func addingACompanyMakesItAnAdminNameOfItself() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await Self.seed(fixture.store)
        #expect(try await fixture.store.companies.add("Quokka"))
        #expect(try await fixture.store.companies.adminAliases().map { "\($0.alias)=\($0.company)" } == ["Quokka=Quokka"])
        #expect(try fixture.count("SELECT COUNT(*) FROM companies WHERE name = 'Quokka' AND source = 'admin'") == 1)
        #expect(try await fixture.store.companies.unknownMessageCount(key: "quokka") == 4)
        // Twice is refused.
        await #expect(try !fixture.store.companies.add("quokka"))
    }
}
