import Domain
import Extraction
import HiringPulseTesting
import Testing

@testable import Store

/// What the daemon keeps between runs: gateway sessions and per-channel completeness watermarks.
@Suite struct GatewayStateTests {
    @Test func sessionsAreSavedReplacedAndForgotten() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let session = StoredGatewaySession(shardID: 0, sessionID: "abc", sequence: 41, resumeURL: "wss://resume", updatedAt: 1)
        try await fixture.store.gateway.saveSession(session, shardID: 0)
        var later = session
        later.sequence = 97
        try await fixture.store.gateway.saveSession(later, shardID: 0)
        #expect(try await fixture.store.gateway.sessions() == [later])
        try await fixture.store.gateway.saveSession(nil, shardID: 0)
        #expect(try await fixture.store.gateway.sessions().isEmpty)
    }

    static func gateway(_ messages: [IncomingMessage], session: String?) -> GatewayBatch {
        var batch = GatewayBatch()
        batch.operations = messages.map { .store($0, session: session) }
        return batch
    }

    @Test func storingMessagesMovesNoWatermark() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.gateway.closeGap(channelID: 2, guildID: 1, through: 10, liveSession: nil)
        try await fixture.store.messages.ingest([StoreFixture.message(20, "got the OA from JPMC")])
        try await fixture.store.gateway.commit(Self.gateway([StoreFixture.message(30, "superday at Citadel")], session: "s1"))
        #expect(try await fixture.store.gateway.watermarks()[2]?.completeThrough == 10)
    }

    @Test func onlyTheSessionThatContinuesAClosedGapMovesTheWatermark() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.gateway.closeGap(channelID: 2, guildID: 1, through: 10, liveSession: "s1")
        try await fixture.store.gateway.commit(Self.gateway([StoreFixture.message(20, "got the OA from JPMC")], session: "s1"))
        #expect(try await fixture.store.gateway.watermarks()[2]?.completeThrough == 20)
        // A new session has missed what came between: its messages wait for a backfill.
        try await fixture.store.gateway.commit(Self.gateway([StoreFixture.message(40, "offer from Stripe")], session: "s2"))
        #expect(try await fixture.store.gateway.watermarks()[2]?.completeThrough == 20)
        // The backfill in s2 read the history up to 40; from then on s2 continues the channel.
        try await fixture.store.gateway.closeGap(channelID: 2, guildID: 1, through: 40, liveSession: "s2")
        try await fixture.store.gateway.commit(Self.gateway([StoreFixture.message(50, "phone screen at Google")], session: "s2"))
        #expect(
            try await fixture.store.gateway.watermarks()[2]
                == ChannelWatermark(channelID: 2, guildID: 1, completeThrough: 50, liveSession: "s2"))
    }

    @Test func aWatermarkNeverMovesBack() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.gateway.closeGap(channelID: 3, guildID: 1, through: 100, liveSession: "s1")
        try await fixture.store.gateway.closeGap(channelID: 3, guildID: nil, through: 50, liveSession: nil)
        try await fixture.store.gateway.commit(Self.gateway([StoreFixture.message(70, "got the OA from JPMC", channel: 3)], session: "s1"))
        #expect(
            try await fixture.store.gateway.watermarks()[3]
                == ChannelWatermark(channelID: 3, guildID: 1, completeThrough: 100, liveSession: "s1"))
    }

    @Test func aBatchSavesItsSessionWithItsMessagesAndKeepsTheirOrder() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        var batch = Self.gateway(
            [StoreFixture.message(1, "got the OA from JPMC"), StoreFixture.message(2, "offer from Stripe")], session: "s1")
        batch.operations.append(.retract([2]))
        // A create replayed after its delete does not bring it back.
        batch.operations.append(.store(StoreFixture.message(2, "offer from Stripe"), session: "s1"))
        let session = StoredGatewaySession(shardID: 0, sessionID: "s1", sequence: 7, resumeURL: "wss://resume", updatedAt: 1)
        batch.sessions[0] = .save(session)
        let summary = try await fixture.store.gateway.commit(batch)
        #expect(summary.ingested.inserted == 2)
        #expect(try await fixture.store.gateway.sessions() == [session])
        #expect(try fixture.store.messages.unchangedMessageIDs([StoreFixture.message(2, "offer from Stripe")]) == [2])
        var forget = GatewayBatch()
        forget.sessions[0] = .forget
        try await fixture.store.gateway.commit(forget)
        #expect(try await fixture.store.gateway.sessions().isEmpty)
    }

    @Test func anEditOlderThanTheStoredTextChangesNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        var original = StoreFixture.message(1, "got the OA from JPMC")
        var newer = original
        newer.content = "got rejected by JPMC"
        newer.editedAt = 2_000
        var older = original
        older.content = "got the OA from JPMC (edited once)"
        older.editedAt = 1_000
        try await fixture.store.messages.ingest([original])
        #expect(try await fixture.store.messages.ingest([newer]).changed == 1)
        // An older export, or the original text again, arrives after the newer edit.
        #expect(try await fixture.store.messages.ingest([older]).unchanged == 1)
        original.editedAt = nil
        #expect(try await fixture.store.messages.ingest([original]).unchanged == 1)
        #expect(try fixture.store.messages.unchangedMessageIDs([older, original]) == [1])
        #expect(try await fixture.store.messages.pending(limit: 10).map(\.content) == ["got rejected by JPMC"])
    }
}

@Suite struct CorrectionTests {
    @Test func aLabelReplacesTheUpdatesAndSurvivesReExtraction() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.messages.ingest([StoreFixture.message(1, "got the OA from JPMC")])
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "JPMorgan Chase", stage: .oa)])])
        #expect(try await fixture.store.extractions.correct(messageID: 1, company: "Citadel", stage: .onsite, actorHash: "admin"))
        #expect(try await fixture.store.extractions.stageUpdates(messageID: 1).map { "\($0.company) \($0.stage)" } == ["Citadel onsite"])
        // The extractor disagrees again: its answer is kept as an extraction, the label still counts.
        try await fixture.store.extractions.record([StoreFixture.success(1, [StageUpdate(company: "JPMorgan Chase", stage: .oa)])])
        #expect(try await fixture.store.extractions.stageUpdates(messageID: 1).map { "\($0.company) \($0.stage)" } == ["Citadel onsite"])
        #expect(
            try await fixture.store.extractions.corrections().map { "\($0.content) → \($0.company) \($0.stage)" } == [
                "got the OA from JPMC → Citadel onsite"
            ]
        )
        await #expect(try !fixture.store.extractions.correct(messageID: 99, company: "Citadel", stage: .offer, actorHash: nil))
    }
}

@Suite struct AliasTests {
    @Test func anAliasMovesWhatWasStoredUnderItsName() async throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try await fixture.store.companies.sync(try CompanyCatalog([CompanyDefinition(name: "JPMorgan Chase", aliases: ["JPMC"])]))
        try await fixture.store.messages.ingest([StoreFixture.message(1, "JPM oa"), StoreFixture.message(2, "jpmc oa", author: "author-b")])
        try await fixture.store.extractions.record([
            StoreFixture.success(1, [StageUpdate(company: "JPM", stage: .oa)]),
            StoreFixture.success(2, [StageUpdate(company: "JPMorgan Chase", stage: .oa)]),
        ])
        #expect(try await fixture.store.companies.id(named: "JPM") != nil)
        #expect(try await fixture.store.companies.addAlias("jpm", company: "JPMorgan Chase") == 1)
        #expect(try await fixture.store.companies.id(named: "JPM") == nil)
        #expect(try await fixture.store.extractions.stageUpdates(messageID: 1).map(\.company) == ["JPMorgan Chase"])
        #expect(try await fixture.store.companies.adminAliases().map { "\($0.alias)=\($0.company)" } == ["jpm=JPMorgan Chase"])
        #expect(try await fixture.store.companies.aliases(ofCompany: "JPMorgan Chase").map(\.alias).contains("jpm"))
        #expect(try await fixture.store.companies.removeAlias("JPM"))
        await #expect(try !fixture.store.companies.removeAlias("JPMC")) // the file's, not an admin's
        #expect(try await fixture.store.extractions.stageUpdates(messageID: 1).map(\.company) == ["JPMorgan Chase"])
    }
}
