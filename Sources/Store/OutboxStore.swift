import GRDB
import JSON

/// A match to deliver: written to the outbox before anything is sent, once per posting, profile
/// and destination.
public struct OutboxEntry: Sendable, Hashable {
    public var postingID: Int64
    public var profileID: Int64
    /// `AlertDestination.key`: "telegram:<chat>", "slack:<hash>", "discord:<channel>".
    public var destination: String
    public var score: Double
    public var reasons: [String]

    public init(postingID: Int64, profileID: Int64, destination: String, score: Double, reasons: [String]) {
        self.postingID = postingID
        self.profileID = profileID
        self.destination = destination
        self.score = score
        self.reasons = reasons
    }
}

/// An outbox row whose turn has come.
public struct DueNotification: Sendable, Hashable {
    public var id: Int64
    public var entry: OutboxEntry
    public var attempts: Int
}

/// How a delivery attempt ended, as the outbox records it.
public enum DeliveryRecord: Sendable, Hashable {
    case sent
    /// Try again later. A service's own wait (a 429's retry_after) is honoured as given and spends
    /// no attempt; without one, the outbox backs off and counts the attempt.
    case retry(afterMilliseconds: Int64?, reason: String)
    /// The destination refuses for good: this row, and every other row still pending for the same
    /// destination, fail with the reason, so a dead chat causes no retry storm.
    case destinationRejected(reason: String)
    /// Nothing to send any more (the posting was retracted, the profile is gone): this row fails
    /// with the reason, without an attempt.
    case dropped(reason: String)
}

/// The notification outbox: what matched whom, and its delivery.
public struct OutboxStore: Sendable {
    let pool: DatabasePool

    /// Backoff of a delivery that failed without saying when to come back: 30 s doubling to an
    /// hour; after `maxDeliveryAttempts` the notification fails.
    public static let maxDeliveryAttempts = 8
    /// The first of those backoffs; each failure doubles it.
    public static let firstDeliveryBackoffMilliseconds: Int64 = 30_000

    /// The settings key of the last posting id the matcher has scored.
    static let matchedThroughKey = "alerts.matched_through_posting_id"

    /// The last posting id scored against the profiles; postings after it are new to the matcher.
    /// A fresh database starts at the newest posting, so that turning alerts on does not send the
    /// whole history.
    public func matchedThrough() async throws -> Int64 {
        // Read first: the matcher asks every few seconds, and only the first time needs a write.
        let saved = try await pool.read { db in try Store.setting(Self.matchedThroughKey, in: db) }
        if let saved, let id = Int64(saved) { return id }
        return try await pool.write { db in
            if let value = try Store.setting(Self.matchedThroughKey, in: db), let id = Int64(value) { return id }
            let newest = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM job_postings") ?? 0
            try Self.setMatchedThrough(newest, in: db)
            return newest
        }
    }

    private static func setMatchedThrough(_ id: Int64, in db: Database) throws {
        try Store.setSetting(matchedThroughKey, to: String(id), in: db)
    }

    /// Writes matches to the outbox; one already there (the same posting, profile and destination)
    /// is left as it is. With `matchedThrough`, the matcher's place moves to that posting in the
    /// same transaction, so a crash neither skips a posting nor queues it twice. Returns how many
    /// were new.
    @discardableResult
    public func enqueue(_ entries: [OutboxEntry], matchedThrough: Int64? = nil, now: Int64 = Timestamp.now()) async throws -> Int {
        guard !entries.isEmpty || matchedThrough != nil else { return 0 }
        return try await pool.write { db in
            if let matchedThrough { try Self.setMatchedThrough(matchedThrough, in: db) }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO notification_outbox (posting_id, profile_id, destination, score, reasons, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (posting_id, profile_id, destination) DO NOTHING
                    """)
            var inserted = 0
            for entry in entries {
                try insert.execute(arguments: [
                    entry.postingID, entry.profileID, entry.destination, entry.score,
                    SQLText.jsonArray(entry.reasons), now,
                ])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    /// Pending notifications whose time has come, oldest first.
    /// `excluding` leaves out destinations being served already, so that one that is slow to
    /// answer does not fill the page.
    public func due(limit: Int, excluding: Set<String> = [], now: Int64 = Timestamp.now()) async throws -> [DueNotification] {
        try await pool.read { db in
            let others = excluding.isEmpty ? "" : "AND destination NOT IN (\(SQLText.placeholders(excluding.count)))"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, posting_id, profile_id, destination, score, reasons, attempts FROM notification_outbox
                    WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) \(others)
                    ORDER BY id LIMIT ?
                    """, arguments: StatementArguments([now] as [any DatabaseValueConvertible] + Array(excluding) + [limit])
            ).map { row in DueNotification(id: row[0], entry: Self.entry(row, from: 1), attempts: row[6]) }
        }
    }

    /// One notification, whatever its state: what a feedback button refers to.
    public func entry(id: Int64) async throws -> OutboxEntry? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT posting_id, profile_id, destination, score, reasons FROM notification_outbox WHERE id = ?",
                arguments: [id]
            ).map { Self.entry($0, from: 0) }
        }
    }

    /// The entry in `row`'s columns `posting_id, profile_id, destination, score, reasons`, the first at `index`.
    private static func entry(_ row: Row, from index: Int) -> OutboxEntry {
        OutboxEntry(
            postingID: row[index], profileID: row[index + 1], destination: row[index + 2], score: row[index + 3],
            reasons: SQLText.stringArray(row[index + 4]))
    }

    /// Records one delivery attempt.
    public func recordDelivery(_ id: Int64, _ record: DeliveryRecord, now: Int64 = Timestamp.now()) async throws {
        try await pool.write { db in
            switch record {
            case .sent:
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, next_attempt_at = NULL,
                            last_error = NULL WHERE id = ?
                        """, arguments: [now, id])
            case .retry(let wait?, let reason):
                // The service's wait holds its whole queue for that destination, not this row only.
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET next_attempt_at = ?, last_error = CASE WHEN id = ? THEN ? ELSE last_error END
                        WHERE status = 'pending' AND (id = ? OR (destination = (SELECT destination FROM notification_outbox WHERE id = ?)
                            AND COALESCE(next_attempt_at, 0) < ?))
                        """, arguments: [now + max(0, wait), id, reason, id, id, now + max(0, wait)])
            case .retry(nil, let reason):
                let attempts =
                    (try Int.fetchOne(db, sql: "SELECT attempts FROM notification_outbox WHERE id = ?", arguments: [id]) ?? 0) + 1
                if attempts >= Self.maxDeliveryAttempts {
                    try db.execute(
                        sql: """
                            UPDATE notification_outbox SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ? WHERE id = ?
                            """, arguments: [attempts, "gave up after \(attempts) attempts: \(reason)", id])
                } else {
                    let backoff: Int64 = min(3_600_000, Self.firstDeliveryBackoffMilliseconds << Int64(min(attempts - 1, 20)))
                    try db.execute(
                        sql: """
                            UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?
                            """, arguments: [attempts, now + backoff, reason, id])
                }
            case .dropped(let reason):
                try db.execute(
                    sql: "UPDATE notification_outbox SET status = 'failed', next_attempt_at = NULL, last_error = ? WHERE id = ?",
                    arguments: [reason, id])
            case .destinationRejected(let reason):
                let destination = try String.fetchOne(db, sql: "SELECT destination FROM notification_outbox WHERE id = ?", arguments: [id])
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET status = 'failed', attempts = attempts + 1, next_attempt_at = NULL, last_error = ?
                        WHERE id = ?
                        """, arguments: [reason, id])
                try db.execute(
                    sql: """
                        UPDATE notification_outbox SET status = 'failed', next_attempt_at = NULL, last_error = ?
                        WHERE destination = ? AND status = 'pending'
                        """, arguments: ["not sent: the destination refused an earlier notification (\(reason))", destination])
            }
        }
    }

    /// Notifications by status, and why the failed ones failed: for `alerts status` and reports.
    public func states() async throws -> [(id: Int64, destination: String, status: String, attempts: Int, lastError: String?)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, destination, status, attempts, last_error FROM notification_outbox ORDER BY id").map {
                ($0[0], $0[1], $0[2], $0[3], $0[4])
            }
        }
    }

    /// Notification outbox rows by status.
    public func counts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM notification_outbox GROUP BY status") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}
