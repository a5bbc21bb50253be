import Domain
import Extraction
import GRDB
import HiringPulseTesting

@testable import Store

/// A real SQLite database in a fresh temporary directory.
struct StoreFixture {
    let directory: TemporaryDirectory
    let store: Store

    init() throws {
        directory = try TemporaryDirectory(prefix: "store-tests")
        store = try Store.open(path: directory.file("data/hiringpulse.sqlite"))
    }

    static let rules = ExtractorInfo(name: "rules", promptVersion: "rules.v1")

    static func message(_ id: Int64, _ content: String, author: String = "author-a", at createdAt: Int64 = 1_000, channel: Int64 = 2)
        -> IncomingMessage
    {
        IncomingMessage(
            id: id, guildID: 1, channelID: channel, authorHash: author, content: content, createdAt: createdAt, source: .gateway)
    }

    static func success(_ id: Int64, _ updates: [StageUpdate], kind: MessageKind = .stageUpdate) -> ExtractionWrite {
        ExtractionWrite(
            messageID: id, extractor: rules,
            outcome: ExtractionOutcome(id: String(id), result: .success(ExtractionResult(kind: kind, updates: updates))))
    }

    static func failure(_ id: Int64, retryable: Bool) -> ExtractionWrite {
        ExtractionWrite(
            messageID: id, extractor: rules,
            outcome: ExtractionOutcome(id: String(id), result: .failure(ExtractionError("server said 503", retryable: retryable))))
    }

    func status(of id: Int64) throws -> String? {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT status FROM messages WHERE id = ?", arguments: [id]) }
    }

    func count(_ sql: String) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

/// A database file left at an earlier schema version, as an older release wrote it: the pool is
/// open for the test to add rows, and closed before `Store.open` migrates the file the rest of
/// the way.
struct OldDatabase {
    let directory: TemporaryDirectory
    let path: String
    let pool: DatabasePool

    init(upTo migration: String) throws {
        directory = try TemporaryDirectory(prefix: "store-tests")
        path = directory.file("old.sqlite")
        pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: migration)
    }
}
