import Extraction
import HiringPulseTesting
@testable import Store
import Testing

/// What the daemon keeps between runs: gateway sessions and per-channel backfill cursors.
@Suite struct GatewayStateTests {
    @Test func sessionsAreSavedReplacedAndForgotten() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let session = StoredGatewaySession(shardId: 0, sessionId: "abc", sequence: 41, resumeURL: "wss://resume", updatedAt: 1)
        try fixture.store.saveGatewaySession(session, shardId: 0)
        var later = session
        later.sequence = 97
        try fixture.store.saveGatewaySession(later, shardId: 0)
        #expect(try fixture.store.gatewaySessions() == [later])
        try fixture.store.saveGatewaySession(nil, shardId: 0)
        #expect(try fixture.store.gatewaySessions().isEmpty)
    }

    @Test func ingestMovesEachChannelsCursorForwardOnly() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try fixture.store.ingest([StoreFixture.message(20, "got the OA from JPMC"), StoreFixture.message(10, "superday at Citadel")])
        #expect(try fixture.store.channelCursors() == [2: 20])
        // An older message (an edit of one, a late backfill page) never moves it back.
        try fixture.store.ingest([StoreFixture.message(5, "offer from Stripe")])
        #expect(try fixture.store.channelCursors() == [2: 20])
    }

    @Test func aStartedCursorNeverOverridesOneAlreadyThere() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.startCursor(channelId: 3, guildId: 1, at: 100)
        try await fixture.store.startCursor(channelId: 3, guildId: 1, at: 500)
        try fixture.store.ingest([StoreFixture.message(50, "got the OA from JPMC")])
        #expect(try fixture.store.channelCursors() == [2: 50, 3: 100])
    }
}

@Suite struct CorrectionTests {
    @Test func aLabelReplacesTheUpdatesAndSurvivesReExtraction() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try fixture.store.ingest([StoreFixture.message(1, "got the OA from JPMC")])
        try fixture.store.record([StoreFixture.success(1, [StageUpdate(company: "JPMorgan Chase", stage: .oa)])])
        #expect(try fixture.store.correct(messageId: 1, company: "Citadel", stage: .onsite, actorHash: "admin"))
        #expect(try fixture.store.stageUpdates(messageId: 1).map { "\($0.company) \($0.stage)" } == ["Citadel onsite"])
        // The extractor disagrees again: its answer is kept as an extraction, the label still counts.
        try fixture.store.record([StoreFixture.success(1, [StageUpdate(company: "JPMorgan Chase", stage: .oa)])])
        #expect(try fixture.store.stageUpdates(messageId: 1).map { "\($0.company) \($0.stage)" } == ["Citadel onsite"])
        #expect(try fixture.store.corrections().map { "\($0.content) → \($0.company) \($0.stage)" } == ["got the OA from JPMC → Citadel onsite"])
        #expect(try !fixture.store.correct(messageId: 99, company: "Citadel", stage: .offer, actorHash: nil))
    }
}

@Suite struct AliasTests {
    @Test func anAliasMovesWhatWasStoredUnderItsName() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try fixture.store.syncCompanies(try CompanyCatalog([CompanyDefinition(name: "JPMorgan Chase", aliases: ["JPMC"])]))
        try fixture.store.ingest([StoreFixture.message(1, "JPM oa"), StoreFixture.message(2, "jpmc oa", author: "author-b")])
        try fixture.store.record([
            StoreFixture.success(1, [StageUpdate(company: "JPM", stage: .oa)]),
            StoreFixture.success(2, [StageUpdate(company: "JPMorgan Chase", stage: .oa)]),
        ])
        #expect(try fixture.store.companyId(named: "JPM") != nil)
        #expect(try fixture.store.addAlias("jpm", company: "JPMorgan Chase") == 1)
        #expect(try fixture.store.companyId(named: "JPM") == nil)
        #expect(try fixture.store.stageUpdates(messageId: 1).map(\.company) == ["JPMorgan Chase"])
        #expect(try fixture.store.adminAliases().map { "\($0.alias)=\($0.company)" } == ["jpm=JPMorgan Chase"])
        #expect(try fixture.store.aliases(ofCompany: "JPMorgan Chase").map(\.alias).contains("jpm"))
        #expect(try fixture.store.removeAlias("JPM"))
        #expect(try !fixture.store.removeAlias("JPMC"))  // the file's, not an admin's
        #expect(try fixture.store.stageUpdates(messageId: 1).map(\.company) == ["JPMorgan Chase"])
    }
}
