import Domain
import GRDB

/// How a `JobPosting` meets a row of `job_postings`: its coding keys are the columns. A row is
/// read with GRDB's `Decodable` records and written by `ParameterEncoder`. A wrapper rather than
/// a conformance of the domain type, so that Domain knows nothing of GRDB and Store adds no public
/// conformance to it.
struct PostingRecord: FetchableRecord, Decodable {
    var posting: JobPosting

    init(from decoder: any Decoder) throws {
        posting = try JobPosting(from: decoder)
    }

    /// The posting's company is a name; the table keeps the company's id.
    private static let companyColumn = JobPosting.CodingKeys.company.stringValue
    private static let skipped: Set<String> = [companyColumn]

    /// Where a posting came from, and how it is recognized again: the INSERT's first parameters,
    /// in this order (`insert` binds them by number).
    private static let originColumns = ["company_id", "message_id", "source", "external_id", "canonical_url", "fingerprint", "created_at"]
    /// The INSERT's columns: where it came from, then the posting's keys but its company. Built once.
    private static let columns = originColumns + JobPosting.CodingKeys.allCases.map(\.stringValue).filter { $0 != companyColumn }
    private static let insertSQL = """
        INSERT INTO job_postings (\(columns.joined(separator: ", "))) VALUES (\(SQLText.placeholders(columns.count)))
        ON CONFLICT DO NOTHING
        """
    /// Each column's parameter in `insertSQL`, 1-based.
    private static let parameters = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, Int32($0 + 1)) })

    /// Stores `posting` with the columns that say where it came from, unless a posting with the
    /// same identity (canonical URL or fingerprint) is stored already. Returns how many rows were
    /// inserted: 1 or 0. The posting's fields are bound by their keys, so a new field needs only
    /// its column; its nil fields are bound as NULL.
    static func insert(
        _ posting: JobPosting, origin: PostingOrigin, companies: inout CompanyIDCache, now: Int64, in db: Database
    ) throws -> Int {
        let companyID = try posting.company.map { try companies.id(for: $0, in: db, now: now) }
        let insert = BoundStatement(try db.cachedStatement(sql: insertSQL))
        insert.begin()
        insert.clearBindings()
        insert.bind(companyID, at: 1)
        insert.bind(origin.messageID, at: 2)
        insert.bind(origin.source, at: 3)
        insert.bind(origin.externalID, at: 4)
        insert.bind(origin.identity.canonicalURL, at: 5)
        insert.bind(origin.identity.fingerprint, at: 6)
        insert.bind(now, at: 7)
        try ParameterEncoder(insert, parameters: parameters, skipping: skipped).bind(posting)
        try insert.execute()
        return db.changesCount
    }
}

/// The columns of a stored posting that are not the posting: where it came from and how it is
/// recognized again.
struct PostingOrigin {
    /// The message it was read from; nil for a feed's posting.
    var messageID: Int64?
    /// `message` or `feed:<name>`.
    var source: String
    /// The feed's own id of the job.
    var externalID: String?
    var identity: PostingIdentity
}
