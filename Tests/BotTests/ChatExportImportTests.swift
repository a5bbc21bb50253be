import Bot
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Store
import Testing

/// Imports of DiscordChatExporter files into a real database.
@Suite struct ChatExportImportTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let store: Store
        let importer: ChatExportImporter

        init(batchSize: Int = 50) async throws {
            directory = try TemporaryDirectory(prefix: "import-tests")
            store = try Store.open(path: directory.file("hiringpulse.sqlite"))
            let catalog = try CompanyCatalog([
                CompanyDefinition(name: "JPMorgan Chase", aliases: ["JPMC", "JP Morgan"], strict: ["Chase"]),
                CompanyDefinition(name: "Goldman Sachs", aliases: ["GS", "Goldman"]),
                CompanyDefinition(name: "Google"),
            ])
            try await store.companies.sync(catalog)
            let pipeline = ExtractionPipeline(store: store, extractor: RuleExtractor(catalog: catalog), batchSize: batchSize)
            importer = ChatExportImporter(
                store: store, pipeline: pipeline, hasher: AuthorHasher(key: Array("test key".utf8)), batchSize: batchSize)
        }

        func write(_ messages: [ExportMessageSpec], name: String = "export.json") throws -> String {
            let path = directory.file(name)
            try ChatExportWriter.write(messages, to: path)
            return path
        }

        func companies() async throws -> [String] {
            let names = try await store.companies.names()
            return try await store.extractions.stageEvents().map { names[$0.companyID] ?? "?" }.sorted()
        }
    }

    static func message(
        _ id: UInt64, _ content: String, author: String = "111111111111111111", isBot: Bool = false,
        type: String = "Default", edited: String? = nil, attachment: String? = nil, sticker: String? = nil
    ) -> ExportMessageSpec {
        ExportMessageSpec(
            id: id, type: type, timestamp: "2026-09-0\(id % 9 + 1)T10:00:00.000+00:00", timestampEdited: edited,
            content: content, authorID: author, isBot: isBot, attachment: attachment, sticker: sticker)
    }

    static let sample = [
        message(1, "got the OA from JPMC today"),
        message(2, "Goldman superday friday, rejected by Google 😭", author: "222222222222222222"),
        message(3, "has anyone heard back from GS?"),
        message(4, "offer from Google!! posted by a bot", isBot: true),
        message(5, "", type: "GuildMemberJoin"),
        message(6, "   "),
    ]

    @Test func importsMessagesSkipsBotsAndWritesUpdates() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.write(Self.sample)
        let summary = try await fixture.importer.importFile(path)
        #expect(summary.messagesRead == 6)
        #expect(summary.new == 3)
        #expect(summary.skipped == 3)
        #expect(summary.failed == 0)
        #expect(summary.updatesWritten == 3)
        await #expect(try fixture.companies() == ["Goldman Sachs", "Google", "JPMorgan Chase"])
        #expect(try await fixture.store.messages.counts()[.done] == 3)
    }

    @Test func importingTheSameFileTwiceChangesNothing() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.write(Self.sample)
        _ = try await fixture.importer.importFile(path)
        let again = try await fixture.importer.importFile(path)
        #expect(again.messagesRead == 6)
        #expect(again.new == 0 && again.edited == 0 && again.updatesWritten == 0)
        #expect(try await fixture.store.messages.count() == 3)
        #expect(try await fixture.store.extractions.stageUpdateCount() == 3)
    }

    @Test func anEditedMessageInALaterExportReplacesItsUpdates() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.importer.importFile(try fixture.write([Self.message(1, "got the OA from JPMC today")]))
        let later = try fixture.write(
            [Self.message(1, "got the OA from Goldman today", edited: "2026-09-03T11:00:00+00:00")], name: "later.json")
        let summary = try await fixture.importer.importFile(later)
        #expect(summary.edited == 1)
        await #expect(try fixture.companies() == ["Goldman Sachs"])
    }

    @Test func anOlderExportImportedAfterANewerOneKeepsTheNewestText() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let newest = try fixture.write(
            [Self.message(1, "got rejected by Goldman", edited: "2026-09-04T09:00:00+00:00")], name: "newest.json")
        let edited = try fixture.write(
            [Self.message(1, "got the OA from Goldman today", edited: "2026-09-03T11:00:00+00:00")], name: "edited.json")
        let original = try fixture.write([Self.message(1, "got the OA from JPMC today")], name: "original.json")
        _ = try await fixture.importer.importFile(newest)
        for older in [edited, original] {
            let summary = try await fixture.importer.importFile(older)
            #expect(summary.edited == 0 && summary.updatesWritten == 0)
        }
        await #expect(try fixture.companies() == ["Goldman Sachs"])
        #expect(try await fixture.store.extractions.stageEvents().map(\.stage) == [.rejected])
        // edited_at is the message's own edit time, not the time of the import.
        let stored = try #require(try await fixture.store.messages.message(id: 1))
        #expect(stored.editedAt == Timestamp.parse("2026-09-04T09:00:00+00:00"))
    }

    @Test func skippedMessagesAreCountedByReason() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.write([
            Self.message(1, "got the OA from JPMC today"),
            Self.message(2, "", type: "GuildMemberJoin"),
            Self.message(3, "", type: "ChannelPinnedMessage"),
            Self.message(4, "offer from Google!! posted by a bot", isBot: true),
            Self.message(5, "", attachment: "offer-letter.png"),
            Self.message(6, "", sticker: "party"),
            Self.message(7, "  "),
        ])
        let summary = try await fixture.importer.importFile(path)
        #expect(summary.new == 1)
        #expect(summary.skippedSystem == 2 && summary.skippedBot == 1 && summary.skippedAttachmentsOnly == 2 && summary.skippedEmpty == 1)
        #expect(summary.line.contains("6 skipped (2 system, 1 bot, 2 attachment or sticker only, 1 empty)"))
    }

    @Test func aGeneratedExportImportsInBatches() async throws {
        let fixture = try await Fixture(batchSize: 100)
        defer { fixture.directory.remove() }
        let path = fixture.directory.file("generated.json")
        try ChatExportGenerator(seed: 7, authors: 50).write(count: 1_500, to: path)
        let summary = try await fixture.importer.importFile(path)
        #expect(summary.messagesRead == 1_500)
        #expect(summary.new + summary.skipped == 1_500)
        #expect(summary.updatesWritten > 300)
        #expect(try await fixture.store.messages.counts()[.pending] == nil)
        let again = try await fixture.importer.importFile(path)
        #expect(again.new == 0 && again.updatesWritten == 0)
    }

    @Test func aHundredKilobyteMessageAndAnSQLLookingCompanyAreStoredLiterally() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let long = "offer from Google!! " + String(repeating: "so happy 🎉 ", count: 9_000)
        #expect(long.utf8.count > 100_000)
        let path = try fixture.write([
            Self.message(1, long),
            Self.message(2, "got an OA from '; DROP TABLE companies; --", author: "333333333333333333"),
        ])
        let summary = try await fixture.importer.importFile(path)
        #expect(summary.new == 2 && summary.failed == 0)
        #expect(try await fixture.store.companies.id(named: "Google") != nil)
        #expect(try await fixture.store.companies.names().count >= 3)
    }

    /// The file is read a megabyte at a time, and plain text inside strings is stepped over in
    /// runs: a message longer than a read, with escapes, quotes, newlines and emoji all through it,
    /// must come out whole wherever the reads cut it.
    @Test func aMessageLongerThanAReadIsStoredWhole() async throws {
        // A megabyte read and stored in a debug build: seconds of work, on a thread of its own.
        try await offThePool { try await messageLongerThanAReadIsStoredWhole() }
    }

    func messageLongerThanAReadIsStoredWhole() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let long = "offer from Google!! " + String(repeating: #"a "quoted" \ path\to\it, line\#ttab\n\#n 🎉 ünï "#, count: 25_000)
        #expect(long.utf8.count > 1 << 20)
        let path = try fixture.write([Self.message(1, long), Self.message(2, "got the OA from JPMC today")])
        let summary = try await fixture.importer.importFile(path)
        #expect(summary.new == 2 && summary.failed == 0)
        let stored = IncomingMessage(id: 1, guildID: nil, channelID: 0, authorHash: "", content: long, createdAt: 0, source: .importFile)
        #expect(try fixture.store.messages.unchangedMessageIDs([stored]) == [1])
    }

    // MARK: - Bad files change nothing

    @Test func aMissingFileIsAOneLineError() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        await #expect {
            _ = try await fixture.importer.importFile(fixture.directory.file("nope.json"))
        } throws: { error in
            "\(error)".contains("nope.json") && !"\(error)".contains("\n")
        }
        #expect(try await fixture.store.messages.count() == 0)
    }

    @Test(arguments: [0.5, 0.9, 0.999])
    func aTruncatedFileChangesNothing(keptFraction: Double) async throws {
        let fixture = try await Fixture(batchSize: 2)
        defer { fixture.directory.remove() }
        let path = try fixture.write(Self.sample)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(Int(Double(bytes.count) * keptFraction)).write(to: URL(fileURLWithPath: path))
        await #expect {
            _ = try await fixture.importer.importFile(path)
        } throws: { error in
            !"\(error)".contains("\n")
        }
        #expect(try await fixture.store.messages.count() == 0)
    }

    /// A byte that is not UTF-8, or a raw control character, inside a message's text: the file is
    /// refused at that byte, and nothing is stored.
    @Test(arguments: zip([0xFF, 0x01] as [UInt8], ["invalid UTF-8", "control character"]))
    func aBadByteInAStringChangesNothing(byte: UInt8, reason: String) async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let path = try fixture.write(Self.sample)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let offset = try #require(bytes.range(of: Data("JPMC".utf8))).lowerBound
        bytes[offset] = byte
        try bytes.write(to: URL(fileURLWithPath: path))
        await #expect {
            _ = try await fixture.importer.importFile(path)
        } throws: { error in
            "\(error)".contains("invalid JSON at byte \(offset)") && "\(error)".contains(reason)
        }
        #expect(try await fixture.store.messages.count() == 0)
    }

    @Test func aFileThatIsNotAnExportChangesNothing() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        for (name, text) in [("array.json", "[1, 2, 3]"), ("empty.json", ""), ("nomessages.json", #"{"guild": {"id": "1"}}"#)] {
            let path = fixture.directory.file(name)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            await #expect(throws: ImportError.self) { _ = try await fixture.importer.importFile(path) }
        }
        #expect(try await fixture.store.messages.count() == 0)
    }
}
