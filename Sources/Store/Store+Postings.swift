import GRDB
import JSON

/// A stored job posting, as matching, `/jobs` and the notifier read it.
public struct StoredPosting: Sendable, Hashable {
    public var id: Int64
    /// `message` or `feed:<name>`.
    public var source: String
    /// The feed's own id of the job, for feed postings.
    public var externalID: String?
    public var company: String?
    public var title: String?
    public var location: String?
    public var remote: String?
    public var employmentType: String?
    public var seniority: String?
    public var skills: [String]
    public var salaryMin: Int?
    public var salaryMax: Int?
    public var currency: String?
    public var url: String?
    public var postedAt: Int64
    /// The message it came from, or the feed's description: what keyword criteria look in.
    public var text: String
    public var retracted: Bool

    public init(
        id: Int64, source: String, externalID: String? = nil, company: String?, title: String?, location: String?, remote: String?,
        employmentType: String?,
        seniority: String?, skills: [String], salaryMin: Int?, salaryMax: Int?, currency: String?, url: String?, postedAt: Int64,
        text: String, retracted: Bool = false
    ) {
        self.id = id
        self.source = source
        self.externalID = externalID
        self.company = company
        self.title = title
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.seniority = seniority
        self.skills = skills
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.currency = currency
        self.url = url
        self.postedAt = postedAt
        self.text = text
        self.retracted = retracted
    }
}

/// A posting read from a job feed, normalized, ready to be stored.
public struct FeedPostingWrite: Sendable, Hashable {
    /// The feed's configured name; stored as `feed:<name>`.
    public var feed: String
    public var externalID: String?
    public var company: String?
    public var title: String
    public var location: String?
    public var remote: String?
    public var employmentType: String?
    public var seniority: String?
    public var skills: [String]
    public var salaryMin: Int?
    public var salaryMax: Int?
    public var currency: String?
    public var url: String?
    public var description: String
    public var identity: PostingIdentity
    public var postedAt: Int64

    public init(
        feed: String, externalID: String?, company: String?, title: String, location: String?, remote: String?,
        employmentType: String?, seniority: String?, skills: [String], salaryMin: Int?, salaryMax: Int?, currency: String?,
        url: String?, description: String, identity: PostingIdentity, postedAt: Int64
    ) {
        self.feed = feed
        self.externalID = externalID
        self.company = company
        self.title = title
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.seniority = seniority
        self.skills = skills
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.currency = currency
        self.url = url
        self.description = description
        self.identity = identity
        self.postedAt = postedAt
    }
}

/// What `/jobs` asks for. Every filter left nil accepts everything.
public struct PostingSearch: Sendable, Hashable {
    /// Words that must all appear in the title, company, location or skills.
    public var query: String?
    public var remote: String?
    /// Company ids: the canonical company, resolved by the caller from a name or alias.
    public var companyIDs: [Int64]?
    public var postedSince: Int64?

    public init(query: String? = nil, remote: String? = nil, companyIDs: [Int64]? = nil, postedSince: Int64? = nil) {
        self.query = query
        self.remote = remote
        self.companyIDs = companyIDs
        self.postedSince = postedSince
    }
}

extension Store {
    /// The columns `storedPosting` reads. Without `text`, the message is not joined and the text
    /// is empty: an export has no use for it.
    static func postingColumns(text: Bool = true) -> String {
        """
        job_postings.id, job_postings.source, job_postings.external_id, companies.name, job_postings.title, job_postings.location,
        job_postings.remote, job_postings.employment_type, job_postings.seniority, job_postings.skills, job_postings.salary_min,
        job_postings.salary_max, job_postings.currency, job_postings.url, job_postings.posted_at,
        \(text ? "COALESCE(messages.content, job_postings.description, '')" : "''"), job_postings.retracted
        """
    }

    static func postingJoins(text: Bool = true) -> String {
        """
        FROM job_postings
        LEFT JOIN companies ON companies.id = job_postings.company_id
        \(text ? "LEFT JOIN messages ON messages.id = job_postings.message_id" : "")
        """
    }

    /// A column holding a JSON array of strings (skills, destinations); anything else reads as none.
    static func stringArray(_ text: String) -> [String] {
        ((try? JSONParser.parse(text))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// `?, ?, ?` for an `IN (…)` of `count` values; `NULL` for none, which matches nothing.
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    static func storedPosting(_ row: Row) -> StoredPosting {
        StoredPosting(
            id: row[0], source: row[1], externalID: row[2], company: row[3], title: row[4], location: row[5], remote: row[6],
            employmentType: row[7], seniority: row[8], skills: stringArray(row[9]), salaryMin: row[10], salaryMax: row[11],
            currency: row[12],
            url: row[13], postedAt: row[14], text: row[15], retracted: row[16])
    }

    /// Postings not retracted, newest first, posted at or after `since` when given.
    public func postings(since: Int64? = nil, limit: Int = 10_000) throws -> [StoredPosting] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.postingColumns()) \(Self.postingJoins())
                    WHERE job_postings.retracted = 0 AND posted_at >= ?
                    ORDER BY posted_at DESC, job_postings.id DESC LIMIT ?
                    """, arguments: [since ?? Int64.min, limit]
            ).map(Self.storedPosting)
        }
    }

    /// One posting, retracted or not; nil when it is gone.
    public func posting(id: Int64) throws -> StoredPosting? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.postingColumns()) \(Self.postingJoins()) WHERE job_postings.id = ?", arguments: [id])
                .map(Self.storedPosting)
        }
    }

    /// Stores feed postings; one already stored (the same canonical URL or fingerprint, from any
    /// source) is left as it is. Returns how many were new.
    @discardableResult
    public func insertFeedPostings(_ postings: [FeedPostingWrite], now: Int64 = Timestamp.now()) throws -> Int {
        guard !postings.isEmpty else { return 0 }
        return try pool.write { db in
            var companies = CompanyIDCache()
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO job_postings (source, external_id, company_id, title, location, remote, employment_type, seniority, skills,
                                              salary_min, salary_max, currency, url, description, canonical_url, fingerprint, posted_at,
                                              created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """)
            var inserted = 0
            for posting in postings {
                let companyID = try posting.company.map { try companies.id(for: $0, in: db, now: now) }
                try insert.execute(arguments: [
                    "feed:\(posting.feed)", posting.externalID, companyID, posting.title, posting.location, posting.remote,
                    posting.employmentType, posting.seniority, JSONValue.array(posting.skills.map(JSONValue.string)).serialized,
                    posting.salaryMin, posting.salaryMax, posting.currency, posting.url, posting.description,
                    posting.identity.canonicalURL, posting.identity.fingerprint, posting.postedAt, now,
                ])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    /// Postings stored after `id`, oldest first: what the matcher has not seen yet. Retracted ones
    /// are included, so that the matcher can move past them.
    public func postings(after id: Int64, limit: Int) throws -> [StoredPosting] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.postingColumns()) \(Self.postingJoins()) WHERE job_postings.id > ? ORDER BY job_postings.id LIMIT ?
                    """, arguments: [id, limit]
            ).map(Self.storedPosting)
        }
    }

    /// Postings for `/jobs`, newest first, and how many match in all.
    public func searchPostings(_ search: PostingSearch, offset: Int, limit: Int) throws -> (postings: [StoredPosting], total: Int) {
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
            arguments.append(remote)
        }
        if let ids = search.companyIDs {
            conditions.append("job_postings.company_id IN (\(Self.placeholders(ids.count)))")
            arguments += ids.map { $0 }
        }
        if let since = search.postedSince {
            conditions.append("posted_at >= ?")
            arguments.append(since)
        }
        let filter = "\(Self.postingJoins()) WHERE \(conditions.joined(separator: " AND "))"
        return try pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(filter)", arguments: StatementArguments(arguments)) ?? 0
            let postings = try Row.fetchAll(
                db, sql: "SELECT \(Self.postingColumns()) \(filter) ORDER BY posted_at DESC, job_postings.id DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [limit, offset])
            ).map(Self.storedPosting)
            return (postings, total)
        }
    }
}
