import GRDB
import JSON

/// A member's reaction to a notification, as stored (`alert_feedback`).
public struct StoredFeedback: Sendable, Hashable {
    public var profileID: Int64
    public var memberHash: String
    public var postingID: Int64
    /// `relevant`, `not_for_me` or `never_company`.
    public var reaction: String
    public var skills: [String]
    public var titleWords: [String]
    public var company: String?
    public var createdAt: Int64

    public init(
        profileID: Int64, memberHash: String, postingID: Int64, reaction: String, skills: [String], titleWords: [String], company: String?,
        createdAt: Int64
    ) {
        self.profileID = profileID
        self.memberHash = memberHash
        self.postingID = postingID
        self.reaction = reaction
        self.skills = skills
        self.titleWords = titleWords
        self.company = company
        self.createdAt = createdAt
    }
}

extension AlertProfileStore {
    /// Reactions a profile keeps, newest first: older ones are dropped, so what a profile learned
    /// follows what its members want now and its loading stays small.
    public static let feedbackKept = 200

    /// Saves a reaction; the member's earlier reaction to the same posting in the same profile is
    /// replaced (changing one's mind, or pressing twice, counts once).
    public func saveFeedback(_ feedback: StoredFeedback) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO alert_feedback (profile_id, member_hash, posting_id, reaction, skills, title_words, company, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(profile_id, member_hash, posting_id) DO UPDATE SET reaction = excluded.reaction,
                        skills = excluded.skills, title_words = excluded.title_words, company = excluded.company,
                        created_at = excluded.created_at
                    """,
                arguments: [
                    feedback.profileID, feedback.memberHash, feedback.postingID, feedback.reaction, SQLText.jsonArray(feedback.skills),
                    SQLText.jsonArray(feedback.titleWords), feedback.company, feedback.createdAt,
                ])
            try db.execute(
                sql: """
                    DELETE FROM alert_feedback WHERE profile_id = ? AND rowid NOT IN (
                        SELECT rowid FROM alert_feedback WHERE profile_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)
                    """, arguments: [feedback.profileID, feedback.profileID, Self.feedbackKept])
        }
    }

    /// Every profile's reactions, by profile id, oldest first.
    public func feedback() async throws -> [Int64: [StoredFeedback]] {
        try await pool.read { db in
            Dictionary(grouping: try Self.feedback(db, where: "1", arguments: []), by: \.profileID)
        }
    }

    /// One profile's reactions, oldest first.
    public func feedback(profileID: Int64) async throws -> [StoredFeedback] {
        try await pool.read { db in try Self.feedback(db, where: "profile_id = ?", arguments: [profileID]) }
    }

    /// Forgets what a profile learned; returns how many reactions went.
    @discardableResult
    public func resetFeedback(profileID: Int64) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM alert_feedback WHERE profile_id = ?", arguments: [profileID])
            return db.changesCount
        }
    }

    private static func feedback(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [StoredFeedback] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT profile_id, member_hash, posting_id, reaction, skills, title_words, company, created_at FROM alert_feedback
                WHERE \(condition) ORDER BY created_at, rowid
                """, arguments: arguments
        ).map { row in
            StoredFeedback(
                profileID: row[0], memberHash: row[1], postingID: row[2], reaction: row[3], skills: SQLText.stringArray(row[4]),
                titleWords: SQLText.stringArray(row[5]), company: row[6], createdAt: row[7])
        }
    }

}
