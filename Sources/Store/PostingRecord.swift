import Domain
import Foundation
import GRDB

/// How a `JobPosting` meets a row of `job_postings`: through its `Codable` conformance, whose keys
/// are the columns, and GRDB's record protocols. A wrapper rather than a conformance of the domain
/// type, so that Domain knows nothing of GRDB and Store adds no public conformance to it.
struct PostingRecord: FetchableRecord, EncodableRecord, Codable {
    var posting: JobPosting

    init(_ posting: JobPosting) {
        self.posting = posting
    }

    init(from decoder: any Decoder) throws {
        posting = try JobPosting(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try posting.encode(to: encoder)
    }

    /// Skills are a JSON array in one column; slashes stay as written ("ci/cd"), so that `/jobs`
    /// finds `"ci/cd"` in the text.
    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The posting's company is a name; the table keeps the company's id.
    private static let companyColumn = JobPosting.CodingKeys.company.stringValue

    /// The INSERT's columns: the posting's keys (its company as an id) and where it came from.
    /// Built once; a posting's nil fields are absent from its encoding and bound as NULL.
    private static let columns: [String] =
        (JobPosting.CodingKeys.allCases.map(\.stringValue).filter { $0 != companyColumn }
        + ["company_id", "message_id", "source", "external_id", "canonical_url", "fingerprint", "created_at"]).sorted()
    private static let insertSQL = """
        INSERT INTO job_postings (\(columns.joined(separator: ", "))) VALUES (\(SQLText.placeholders(columns.count)))
        ON CONFLICT DO NOTHING
        """

    /// Stores `posting` with the columns that say where it came from, unless a posting with the
    /// same identity (canonical URL or fingerprint) is stored already. Returns how many rows were
    /// inserted: 1 or 0. The column list follows the posting's keys, so a new field needs only its
    /// column.
    static func insert(
        _ posting: JobPosting, origin: PostingOrigin, companies: inout CompanyIDCache, now: Int64, in db: Database
    ) throws -> Int {
        var values = try PostingRecord(posting).databaseDictionary
        values["company_id"] = try posting.company.map { try companies.id(for: $0, in: db, now: now) }.databaseValue
        values["message_id"] = origin.messageID.databaseValue
        values["source"] = origin.source.databaseValue
        values["external_id"] = origin.externalID.databaseValue
        values["canonical_url"] = origin.identity.canonicalURL.databaseValue
        values["fingerprint"] = origin.identity.fingerprint.databaseValue
        values["created_at"] = now.databaseValue
        try db.cachedStatement(sql: insertSQL).execute(arguments: StatementArguments(columns.map { values[$0] ?? .null }))
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
