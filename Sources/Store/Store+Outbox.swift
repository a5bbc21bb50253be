import GRDB
import JSONSchema

/// A match to deliver: written to the outbox before anything is sent, once per posting, profile
/// and destination.
public struct OutboxEntry: Sendable, Hashable {
    public var postingId: Int64
    public var profileId: Int64
    /// `AlertDestination.key`: "telegram:<chat>", "slack:<hash>", "discord:<channel>".
    public var destination: String
    public var score: Double
    public var reasons: [String]

    public init(postingId: Int64, profileId: Int64, destination: String, score: Double, reasons: [String]) {
        self.postingId = postingId
        self.profileId = profileId
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
}

extension Store {
    /// Backoff of a delivery that failed without saying when to come back: 30 s doubling to an
    /// hour; after `maxDeliveryAttempts` the notification fails.
    public static let maxDeliveryAttempts = 8

    /// The profiles of `config/alerts.yaml`, by name: created or updated; those no longer in the
    /// file are removed with their pending notifications. Returns name → id.
    @discardableResult
    public func syncConfigProfiles(
        _ profiles: [(name: String, criteria: JSONValue, destinations: [String])], now: Int64 = Timestamp.now()
    ) throws -> [String: Int64] {
        try pool.write { db in
            var ids: [String: Int64] = [:]
            for profile in profiles {
                try db.execute(sql: """
                    INSERT INTO alert_profiles (name, owner_hash, source, criteria, destinations, created_at, updated_at)
                    VALUES (?, '', 'config', ?, ?, ?, ?)
                    ON CONFLICT(owner_hash, name) DO UPDATE SET criteria = excluded.criteria,
                        destinations = excluded.destinations, updated_at = excluded.updated_at
                    """, arguments: [
                        profile.name, profile.criteria.serialized,
                        JSONValue.array(profile.destinations.map(JSONValue.string)).serialized, now, now,
                    ])
                ids[profile.name] = try Int64.fetchOne(
                    db, sql: "SELECT id FROM alert_profiles WHERE owner_hash = '' AND name = ?", arguments: [profile.name])
            }
            let kept = Array(ids.values)
            let placeholders = kept.isEmpty ? "NULL" : kept.map { _ in "?" }.joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM alert_profiles WHERE source = 'config' AND id NOT IN (\(placeholders))",
                arguments: StatementArguments(kept))
            return ids
        }
    }

    /// Writes matches to the outbox; one already there (the same posting, profile and destination)
    /// is left as it is. Returns how many were new.
    @discardableResult
    public func enqueueNotifications(_ entries: [OutboxEntry], now: Int64 = Timestamp.now()) throws -> Int {
        guard !entries.isEmpty else { return 0 }
        return try pool.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO notification_outbox (posting_id, profile_id, destination, score, reasons, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (posting_id, profile_id, destination) DO NOTHING
                """)
            var inserted = 0
            for entry in entries {
                try insert.execute(arguments: [
                    entry.postingId, entry.profileId, entry.destination, entry.score,
                    JSONValue.array(entry.reasons.map(JSONValue.string)).serialized, now,
                ])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    /// Pending notifications whose time has come, oldest first.
    public func dueNotifications(limit: Int, now: Int64 = Timestamp.now()) throws -> [DueNotification] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, posting_id, profile_id, destination, score, reasons, attempts FROM notification_outbox
                WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?
                """, arguments: [now, limit]
            ).map { row in
                let reasons = ((try? JSONParser.parse(row[5] as String))?.arrayValue ?? []).compactMap(\.stringValue)
                return DueNotification(
                    id: row[0], entry: OutboxEntry(postingId: row[1], profileId: row[2], destination: row[3], score: row[4], reasons: reasons),
                    attempts: row[6])
            }
        }
    }

    /// Records one delivery attempt.
    public func recordDelivery(_ id: Int64, _ record: DeliveryRecord, now: Int64 = Timestamp.now()) throws {
        try pool.write { db in
            switch record {
            case .sent:
                try db.execute(sql: """
                    UPDATE notification_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, next_attempt_at = NULL,
                        last_error = NULL WHERE id = ?
                    """, arguments: [now, id])
            case .retry(let wait?, let reason):
                try db.execute(
                    sql: "UPDATE notification_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                    arguments: [now + max(0, wait), reason, id])
            case .retry(nil, let reason):
                let attempts = (try Int.fetchOne(db, sql: "SELECT attempts FROM notification_outbox WHERE id = ?", arguments: [id]) ?? 0) + 1
                if attempts >= Self.maxDeliveryAttempts {
                    try db.execute(sql: """
                        UPDATE notification_outbox SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ? WHERE id = ?
                        """, arguments: [attempts, "gave up after \(attempts) attempts: \(reason)", id])
                } else {
                    let backoff: Int64 = min(3_600_000, 30_000 << Int64(min(attempts - 1, 20)))
                    try db.execute(sql: """
                        UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?
                        """, arguments: [attempts, now + backoff, reason, id])
                }
            case .destinationRejected(let reason):
                let destination = try String.fetchOne(db, sql: "SELECT destination FROM notification_outbox WHERE id = ?", arguments: [id])
                try db.execute(sql: """
                    UPDATE notification_outbox SET status = 'failed', attempts = attempts + 1, next_attempt_at = NULL, last_error = ?
                    WHERE id = ?
                    """, arguments: [reason, id])
                try db.execute(sql: """
                    UPDATE notification_outbox SET status = 'failed', next_attempt_at = NULL, last_error = ?
                    WHERE destination = ? AND status = 'pending'
                    """, arguments: ["not sent: the destination refused an earlier notification (\(reason))", destination])
            }
        }
    }

    /// Notifications by status, and why the failed ones failed: for `alerts status` and reports.
    public func notificationStates() throws -> [(id: Int64, destination: String, status: String, attempts: Int, lastError: String?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, destination, status, attempts, last_error FROM notification_outbox ORDER BY id").map {
                ($0[0], $0[1], $0[2], $0[3], $0[4])
            }
        }
    }
}

/// A stored job posting, as matching reads it.
public struct StoredPosting: Sendable, Hashable {
    public var id: Int64
    /// `message` or `feed:<name>`.
    public var source: String
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
    /// The message it came from, when it came from one: what keyword criteria look in.
    public var text: String
}

extension Store {
    /// Postings not retracted, newest first, posted at or after `since` when given.
    public func postings(since: Int64? = nil, limit: Int = 10_000) throws -> [StoredPosting] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT job_postings.id, job_postings.source, companies.name, title, location, remote, employment_type, seniority,
                       skills, salary_min, salary_max, currency, url, posted_at, COALESCE(messages.content, '')
                FROM job_postings
                LEFT JOIN companies ON companies.id = job_postings.company_id
                LEFT JOIN messages ON messages.id = job_postings.message_id
                WHERE job_postings.retracted = 0 AND posted_at >= ?
                ORDER BY posted_at DESC, job_postings.id DESC LIMIT ?
                """, arguments: [since ?? Int64.min, limit]
            ).map { row in
                StoredPosting(
                    id: row[0], source: row[1], company: row[2], title: row[3], location: row[4], remote: row[5], employmentType: row[6],
                    seniority: row[7], skills: ((try? JSONParser.parse(row[8] as String))?.arrayValue ?? []).compactMap(\.stringValue),
                    salaryMin: row[9], salaryMax: row[10], currency: row[11], url: row[12], postedAt: row[13], text: row[14])
            }
        }
    }
}
