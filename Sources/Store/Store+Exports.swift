public import Domain
import Foundation
import GRDB
import JSON

/// Which postings an export keeps; nil keeps all.
public struct PostingExportFilter: Sendable, Hashable {
    /// A company's name or any of its aliases, without regard to case or punctuation ("JPMC").
    public var company: String?
    /// Part of the title, without regard to case.
    public var role: String?
    /// Part of the location, without regard to case.
    public var location: String?
    public var remote: RemotePolicy?
    public var employmentType: EmploymentType?
    /// Unix milliseconds: postings posted at or after it.
    public var postedSince: Int64?

    public init(
        company: String? = nil, role: String? = nil, location: String? = nil, remote: RemotePolicy? = nil,
        employmentType: EmploymentType? = nil, postedSince: Int64? = nil
    ) {
        self.company = company
        self.role = role
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.postedSince = postedSince
    }
}

/// A stage update as `updates export` writes it. The author is the stored pseudonym, never a
/// Discord id.
public struct StageUpdateExportRow: Sendable, Hashable {
    public var id: Int64
    /// The Discord message it came from; nil for updates entered without one.
    public var messageID: Int64?
    public var authorHash: String
    public var company: String
    public var stage: String
    public var role: String?
    public var season: String?
    /// Unix milliseconds.
    public var reportedAt: Int64
}

/// Which stage updates an export keeps; nil keeps all.
public struct StageUpdateExportFilter: Sendable, Hashable {
    /// A company's name or any of its aliases, without regard to case or punctuation.
    public var company: String?
    public var stage: Stage?
    /// Part of the role, without regard to case.
    public var role: String?
    /// Unix milliseconds: updates reported at or after it.
    public var reportedSince: Int64?

    public init(company: String? = nil, stage: Stage? = nil, role: String? = nil, reportedSince: Int64? = nil) {
        self.company = company
        self.stage = stage
        self.role = role
        self.reportedSince = reportedSince
    }
}

extension Store {

    /// Calls `body` with each posting the filter keeps (not retracted), oldest first. Rows are read
    /// one at a time from one read transaction: a consistent snapshot however many there are, never
    /// all in memory, while the daemon goes on writing (WAL).
    public func exportPostings(_ filter: PostingExportFilter, _ body: (StoredPosting) throws -> Void) throws {
        try stream("postings", query: { db in try Self.postingsQuery(filter, in: db) }) { row in
            try body(PostingStore.storedPosting(row))
        }
    }

    /// Calls `body` with each stage update the filter keeps (not retracted), oldest first, read as
    /// `exportPostings` reads.
    public func exportStageUpdates(_ filter: StageUpdateExportFilter, _ body: (StageUpdateExportRow) throws -> Void) throws {
        try stream("stage updates", query: { db in try Self.stageUpdatesQuery(filter, in: db) }) { row in
            try body(
                StageUpdateExportRow(
                    id: row[0], messageID: row[1], authorHash: row[2], company: row[3], stage: row[4], role: row[5], season: row[6],
                    reportedAt: row[7]))
        }
    }

    /// Runs the query built inside the read transaction and hands over its rows one by one; a nil
    /// query has none. Database failures become one line without SQL; what `each` throws (the
    /// output failing) passes as it is.
    private func stream(
        _ what: String, query: (Database) throws -> (sql: String, arguments: StatementArguments)?, each: (Row) throws -> Void
    ) throws {
        do {
            try pool.read { db in
                guard let query = try query(db) else { return }
                let cursor = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
                while let row = try cursor.next() { try each(row) }
            }
        } catch let error as DatabaseError {
            throw StoreError("cannot read \(what): \(Self.describe(error))", kind: StoreError.kind(of: error))
        }
    }

    /// One page of the postings the filter keeps, newest first, and how many it keeps in all: the
    /// dashboard's list. Both are read in one transaction.
    public func postingsPage(_ filter: PostingExportFilter, offset: Int, limit: Int) async throws -> (
        postings: [StoredPosting], total: Int
    ) {
        try await pool.read { db in
            guard let filtered = try Self.postingsFilter(filter, in: db) else { return ([], 0) }
            // Counted without the join to companies: every condition is on the postings' own
            // columns, and joining each row costs forty times the count (50,000 postings: 88 ms
            // against 2 ms).
            let total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM job_postings WHERE \(filtered.conditions)", arguments: filtered.arguments)
                ?? 0
            let postings = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(PostingStore.postingColumns(text: false)) \(PostingStore.postingJoins(text: false))
                    WHERE \(filtered.conditions)
                    ORDER BY job_postings.posted_at DESC, job_postings.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: filtered.arguments + [limit, offset]
            ).map { try PostingStore.storedPosting($0) }
            return (postings, total)
        }
    }

    /// nil when the company filter names no stored company.
    private static func postingsQuery(_ filter: PostingExportFilter, in db: Database) throws -> (
        sql: String, arguments: StatementArguments
    )? {
        guard let filtered = try postingsFilter(filter, in: db) else { return nil }
        // The order of the posted_at index (which holds the id too): SQLite streams it without sorting.
        return (
            """
            SELECT \(PostingStore.postingColumns(text: false)) \(PostingStore.postingJoins(text: false)) WHERE \(filtered.conditions)
            ORDER BY job_postings.posted_at, job_postings.id
            """,
            filtered.arguments
        )
    }

    /// The conditions on `job_postings`' own columns that keep what the filter keeps; nil when
    /// the company filter names no stored company.
    private static func postingsFilter(_ filter: PostingExportFilter, in db: Database) throws -> (
        conditions: String, arguments: StatementArguments
    )? {
        var conditions = ["job_postings.retracted = 0"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let company = filter.company {
            let ids = try CompanyStore.companyIDs(matching: company, in: db)
            guard !ids.isEmpty else { return nil }
            conditions.append("job_postings.company_id IN (\(SQLText.placeholders(ids.count)))")
            arguments += ids
        }
        if let role = filter.role {
            conditions.append(containsCondition("job_postings.title", role))
            arguments.append(role.lowercased())
        }
        if let location = filter.location {
            conditions.append(containsCondition("job_postings.location", location))
            arguments.append(location.lowercased())
        }
        if let remote = filter.remote {
            conditions.append("job_postings.remote = ?")
            arguments.append(remote.rawValue)
        }
        if let type = filter.employmentType {
            conditions.append("job_postings.employment_type = ?")
            arguments.append(type.rawValue)
        }
        if let since = filter.postedSince {
            conditions.append("job_postings.posted_at >= ?")
            arguments.append(since)
        }
        return (conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// nil when the company filter names no stored company.
    private static func stageUpdatesQuery(
        _ filter: StageUpdateExportFilter, in db: Database
    ) throws -> (sql: String, arguments: StatementArguments)? {
        var conditions = ["stage_updates.retracted = 0"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let company = filter.company {
            let ids = try CompanyStore.companyIDs(matching: company, in: db)
            guard !ids.isEmpty else { return nil }
            conditions.append("stage_updates.company_id IN (\(SQLText.placeholders(ids.count)))")
            arguments += ids
        }
        if let stage = filter.stage {
            conditions.append("stage_updates.stage = ?")
            arguments.append(stage.rawValue)
        }
        if let role = filter.role {
            conditions.append(containsCondition("stage_updates.role", role))
            arguments.append(role.lowercased())
        }
        if let since = filter.reportedSince {
            conditions.append("stage_updates.reported_at >= ?")
            arguments.append(since)
        }
        // No index leads with reported_at: SQLite sorts in its temporary store (on disk when large),
        // not in this process.
        let sql = """
            SELECT stage_updates.id, stage_updates.message_id, stage_updates.author_hash, companies.name, stage_updates.stage,
                   stage_updates.role, stage_updates.season, stage_updates.reported_at
            FROM stage_updates JOIN companies ON companies.id = stage_updates.company_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY stage_updates.reported_at, stage_updates.id
            """
        return (sql, StatementArguments(arguments))
    }

    /// A case-insensitive substring test for `needle`; the argument is `needle` lower-cased.
    /// SQLite's own lower() folds ASCII only; GRDB's swiftLowercaseString folds as Swift does, so
    /// "zürich" finds "ZÜRICH", but calls into Swift for every row (the dashboard's filtered
    /// postings, 50,000 of them: most of its time). An ASCII needle can only match ASCII letters,
    /// which lower() folds the same, so it takes SQLite's.
    private static func containsCondition(_ column: String, _ needle: String) -> String {
        needle.utf8.allSatisfy { $0 < 0x80 } ? "instr(lower(\(column)), ?) > 0" : "instr(swiftLowercaseString(\(column)), ?) > 0"
    }
}
