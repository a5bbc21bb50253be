import Foundation
import GRDB

/// The SQLite database: the only place that speaks SQL. WAL mode (readers never wait for the
/// writer), foreign keys on, a busy timeout so that the daemon and a command-line import can share
/// the file, and migrations applied on open.
///
/// Each aggregate has its own store over the one pool: `messages`, `extractions`, `postings`,
/// `outbox`, `rollups`, `members`, `companies`, `alertProfiles` and `gateway`. Their methods are
/// async: a read or write waits for the database without holding a thread of the caller's.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    public let messages: MessageStore
    public let extractions: ExtractionStore
    public let postings: PostingStore
    public let outbox: OutboxStore
    public let rollups: RollupStore
    public let members: MemberStore
    public let companies: CompanyStore
    public let alertProfiles: AlertProfileStore
    public let gateway: GatewayStore

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    public static func open(path: String, busyTimeout: Duration = .seconds(5)) throws -> Store {
        let store = try Store(path: path, busyTimeout: busyTimeout)
        do {
            try Schema.migrator.migrate(store.pool)
        } catch {
            // Another process (the daemon and a command started together) may have applied the
            // same migration between our look and our write: then there is nothing left to do.
            let completed = try? store.pool.read { db in try Schema.migrator.hasCompletedMigrations(db) }
            guard completed == true else {
                throw StoreError("cannot migrate database \(path): \(Store.describe(error))", kind: StoreError.kind(of: error))
            }
        }
        return store
    }

    /// Opens the database without migrating, to inspect it (`migrate --check`).
    public static func openWithoutMigrating(path: String) throws -> Store {
        try Store(path: path, busyTimeout: .seconds(5))
    }

    /// SQLite checks each `CHECK (x IN (…))` of a write with an ephemeral table, whose page cache
    /// takes a fresh block of memory and gives it back at the end of the statement: several per
    /// written row. With glibc's default thresholds the freed block was often handed back to the
    /// kernel at once (madvise), and taking it again cost a page fault per page: up to a third of the
    /// write path's time. Keeping up to 32 MB of freed memory in the process, and blocks under 4 MB
    /// off mmap, makes those blocks plain reuse.
    private static let allocatorTuned: Void = {
        #if canImport(Glibc)
        // malloc.h is not in the Glibc module: mallopt is looked up, with M_TRIM_THRESHOLD (-1) and
        // M_MMAP_THRESHOLD (-3) as malloc.h defines them.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(nil, "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-1, 32 << 20)
            _ = mallopt(-3, 4 << 20)
        }
        #endif
    }()

    private init(path: String, busyTimeout: Duration) throws {
        _ = Self.allocatorTuned
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError("cannot create the database directory \(directory): \((error as NSError).localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds))
        configuration.label = "hiringpulse"
        configuration.prepareDatabase { db in
            // WAL is set by DatabasePool; NORMAL sync is durable across process crashes in WAL mode.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint every 40 MB of WAL rather than every 4 MB: a large import then copies each
            // hot page back far less often (a 100,000-message import spent a fifth of its writing
            // time in checkpoints). The file is cut back to 64 MB after each.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // Each message written touches the indexes of several tables. With SQLite's default
            // 2 MB cache the writer read most of those pages back from the WAL, a system call and
            // a copy each: a fifth of a large import's writing time went to the kernel. The writer
            // keeps up to 16 MB (32 MB was no faster); the readers keep the default, as reports
            // read the small rollups.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -16384") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError("cannot open database \(path): \(Store.describe(error))", kind: StoreError.kind(of: error))
        }
        messages = MessageStore(pool: pool)
        extractions = ExtractionStore(pool: pool)
        postings = PostingStore(pool: pool)
        outbox = OutboxStore(pool: pool)
        rollups = RollupStore(pool: pool)
        members = MemberStore(pool: pool)
        companies = CompanyStore(pool: pool)
        alertProfiles = AlertProfileStore(pool: pool)
        gateway = GatewayStore(pool: pool)
    }

    /// Names of the migrations applied, and of those this build would apply.
    public func migrationStatus() throws -> (applied: [String], pending: [String]) {
        try pool.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let all = Schema.migrator.migrations
            return (all.filter { applied.contains($0) }, all.filter { !applied.contains($0) })
        }
    }

    public func migrate() throws {
        try Schema.migrator.migrate(pool)
    }

    /// One line, without SQL or internal detail a user cannot act on.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
