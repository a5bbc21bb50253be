public import Domain
import GRDB
import JSON

/// A job posting as the store keeps it: the posting, where it came from, and whether it was taken
/// back. What matching, `/jobs`, exports and the notifier read.
public struct StoredPosting: Sendable, Hashable {
    public var id: Int64
    /// `message` or `feed:<name>`.
    public var source: String
    /// The feed's own id of the job, for feed postings.
    public var externalID: String?
    /// Its description is the message it came from, or the feed's description.
    public var posting: JobPosting
    public var retracted: Bool

    public init(id: Int64, source: String, externalID: String? = nil, posting: JobPosting, retracted: Bool = false) {
        self.id = id
        self.source = source
        self.externalID = externalID
        self.posting = posting
        self.retracted = retracted
    }

    /// Unix milliseconds: the message's time, or when the feed says it was posted.
    public var postedAt: Int64 { posting.postedAt ?? 0 }
}

/// A posting read from a job feed, normalized, ready to be stored.
public struct FeedPostingWrite: Sendable, Hashable {
    /// The feed's configured name; stored as `feed:<name>`.
    public var feed: String
    public var externalID: String?
    public var posting: JobPosting
    public var identity: PostingIdentity

    public init(feed: String, externalID: String?, posting: JobPosting, identity: PostingIdentity) {
        self.feed = feed
        self.externalID = externalID
        self.posting = posting
        self.identity = identity
    }
}

/// What `/jobs` asks for. Every filter left nil accepts everything.
public struct PostingSearch: Sendable, Hashable {
    /// Words that must all appear in the title, company, location or skills.
    public var query: String?
    public var remote: RemotePolicy?
    /// Company ids: the canonical company, resolved by the caller from a name or alias.
    public var companyIDs: [Int64]?
    public var postedSince: Int64?

    public init(query: String? = nil, remote: RemotePolicy? = nil, companyIDs: [Int64]? = nil, postedSince: Int64? = nil) {
        self.query = query
        self.remote = remote
        self.companyIDs = companyIDs
        self.postedSince = postedSince
    }
}

/// Job postings, from messages and from feeds.
public struct PostingStore: Sendable {
    let pool: DatabasePool

    /// What `storedPosting` reads: every column of the posting, its company's name, and the
    /// message it came from. Without `text`, the message is not joined: an export has no use for it.
    static func postingColumns(text: Bool = true) -> String {
        "job_postings.*, companies.name AS company, \(text ? "messages.content" : "NULL") AS message_text"
    }

    static func postingJoins(text: Bool = true) -> String {
        """
        FROM job_postings
        LEFT JOIN companies ON companies.id = job_postings.company_id
        \(text ? "LEFT JOIN messages ON messages.id = job_postings.message_id" : "")
        """
    }

    /// Columns are read by name; the posting's own through its `Codable` keys (`PostingRecord`).
    static func storedPosting(_ row: Row) throws -> StoredPosting {
        var posting = try PostingRecord(row: row).posting
        if let text: String = row["message_text"] { posting.description = text }
        return StoredPosting(
            id: row["id"], source: row["source"], externalID: row["external_id"], posting: posting, retracted: row["retracted"])
    }

    /// Postings not retracted, newest first, posted at or after `since` when given.
    public func list(since: Int64? = nil, limit: Int = 10_000) async throws -> [StoredPosting] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.postingColumns()) \(Self.postingJoins())
                    WHERE job_postings.retracted = 0 AND posted_at >= ?
                    ORDER BY posted_at DESC, job_postings.id DESC LIMIT ?
                    """, arguments: [since ?? Int64.min, limit]
            ).map { try Self.storedPosting($0) }
        }
    }

    /// One posting, retracted or not; nil when it is gone.
    public func posting(id: Int64) async throws -> StoredPosting? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.postingColumns()) \(Self.postingJoins()) WHERE job_postings.id = ?", arguments: [id])
                .map { try Self.storedPosting($0) }
        }
    }

    /// Stores feed postings; one already stored (the same canonical URL or fingerprint, from any
    /// source) is left as it is. Returns how many were new.
    @discardableResult
    public func insertFromFeeds(_ postings: [FeedPostingWrite], now: Int64 = Timestamp.now()) async throws -> Int {
        guard !postings.isEmpty else { return 0 }
        return try await pool.write { db in
            var companies = CompanyIDCache()
            var inserted = 0
            for write in postings {
                let origin = PostingOrigin(source: "feed:\(write.feed)", externalID: write.externalID, identity: write.identity)
                inserted += try PostingRecord.insert(write.posting, origin: origin, companies: &companies, now: now, in: db)
            }
            return inserted
        }
    }

    /// Postings stored after `id`, oldest first: what the matcher has not seen yet. Retracted ones
    /// are included, so that the matcher can move past them.
    public func list(after id: Int64, limit: Int) async throws -> [StoredPosting] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.postingColumns()) \(Self.postingJoins()) WHERE job_postings.id > ? ORDER BY job_postings.id LIMIT ?
                    """, arguments: [id, limit]
            ).map { try Self.storedPosting($0) }
        }
    }

    /// Postings for `/jobs`, newest first, and how many match in all.
    public func search(_ search: PostingSearch, offset: Int, limit: Int) async throws -> (postings: [StoredPosting], total: Int) {
        var conditions = ["job_postings.retracted = 0"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        for word in (search.query ?? "").lowercased().split(whereSeparator: \.isWhitespace) {
            conditions.append(
                """
                (instr(lower(COALESCE(title, '')), ?) > 0 OR instr(lower(COALESCE(companies.name, '')), ?) > 0
                 OR instr(lower(COALESCE(location, '')), ?) > 0 OR instr(skills, ?) > 0)
                """)
            let word = String(word)
            arguments += [word, word, word, "\"\(word)\""]
        }
        if let remote = search.remote {
            conditions.append("remote = ?")
            arguments.append(remote.rawValue)
        }
        if let ids = search.companyIDs {
            conditions.append("job_postings.company_id IN (\(SQLText.placeholders(ids.count)))")
            arguments += ids.map { $0 }
        }
        if let since = search.postedSince {
            conditions.append("posted_at >= ?")
            arguments.append(since)
        }
        let filter = "\(Self.postingJoins()) WHERE \(conditions.joined(separator: " AND "))"
        let countArguments = StatementArguments(arguments)
        let pageArguments = StatementArguments(arguments + [limit, offset])
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(filter)", arguments: countArguments) ?? 0
            let postings = try Row.fetchAll(
                db, sql: "SELECT \(Self.postingColumns()) \(filter) ORDER BY posted_at DESC, job_postings.id DESC LIMIT ? OFFSET ?",
                arguments: pageArguments
            ).map { try Self.storedPosting($0) }
            return (postings, total)
        }
    }
}
