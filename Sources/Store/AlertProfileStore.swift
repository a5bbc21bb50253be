import GRDB
public import JSON

/// An alert profile as stored: from `config/alerts.yaml` (owner "") or a member's `/alerts add`.
public struct StoredAlertProfile: Sendable, Hashable {
    public var id: Int64
    public var name: String
    /// The member's pseudonymous hash; "" for the configuration's profiles.
    public var ownerHash: String
    /// `config` or `discord`.
    public var source: String
    public var criteria: JSONValue
    /// Destination keys (`telegram:<chat>`, `slack:<hash>`, `discord:<channel>`, `discord_dm:<user>`).
    public var destinations: [String]

    public init(id: Int64, name: String, ownerHash: String, source: String, criteria: JSONValue, destinations: [String]) {
        self.id = id
        self.name = name
        self.ownerHash = ownerHash
        self.source = source
        self.criteria = criteria
        self.destinations = destinations
    }
}

/// How saving a member's profile went.
public enum MemberProfileSave: Sendable, Hashable {
    case created
    case replaced
    /// The member has `limit` profiles already, and this name is not one of them.
    case limitReached(limit: Int)
}

/// Alert profiles, from alerts.yaml and members' own.
public struct AlertProfileStore: Sendable {
    let pool: DatabasePool

    /// The profiles of `config/alerts.yaml`, by name: created or updated; those no longer in the
    /// file are removed with their pending notifications. Returns name → id.
    @discardableResult
    public func syncConfigured(
        _ profiles: [(name: String, criteria: JSONValue, destinations: [String])], now: Int64 = Timestamp.now()
    ) async throws -> [String: Int64] {
        try await pool.write { db in
            var ids: [String: Int64] = [:]
            for var profile in profiles {
                // A destination that unsubscribed stays off, whatever the file says.
                let unsubscribed = Set(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT u.destination FROM alert_unsubscribes u JOIN alert_profiles p ON p.id = u.profile_id
                            WHERE p.owner_hash = '' AND p.name = ?
                            """, arguments: [profile.name]))
                profile.destinations.removeAll(where: unsubscribed.contains)
                try db.execute(
                    sql: """
                        INSERT INTO alert_profiles (name, owner_hash, source, criteria, destinations, created_at, updated_at)
                        VALUES (?, '', 'config', ?, ?, ?, ?)
                        ON CONFLICT(owner_hash, name) DO UPDATE SET criteria = excluded.criteria,
                            destinations = excluded.destinations, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        profile.name, profile.criteria.serialized,
                        SQLText.jsonArray(profile.destinations), now, now,
                    ])
                ids[profile.name] = try Int64.fetchOne(
                    db, sql: "SELECT id FROM alert_profiles WHERE owner_hash = '' AND name = ?", arguments: [profile.name])
            }
            let kept = Array(ids.values)
            try db.execute(
                sql: "DELETE FROM alert_profiles WHERE source = 'config' AND id NOT IN (\(SQLText.placeholders(kept.count)))",
                arguments: StatementArguments(kept))
            return ids
        }
    }

    /// Every profile, configured and members', by id.
    public func all() async throws -> [StoredAlertProfile] {
        try await pool.read { db in try Self.alertProfiles(db, where: "1", arguments: []) }
    }

    /// One profile, by id.
    public func profile(id: Int64) async throws -> StoredAlertProfile? {
        try await pool.read { db in try Self.alertProfiles(db, where: "id = ?", arguments: [id]).first }
    }

    /// One member's profiles, by name.
    public func memberProfiles(ownerHash: String) async throws -> [StoredAlertProfile] {
        try await pool.read { db in
            try Self.alertProfiles(db, where: "owner_hash = ? AND source = 'discord'", arguments: [ownerHash])
                .sorted { $0.name < $1.name }
        }
    }

    /// Creates or replaces a member's profile by name; a member may keep at most `limit`.
    public func saveMemberProfile(
        ownerHash: String, name: String, criteria: JSONValue, destinations: [String], limit: Int, now: Int64 = Timestamp.now()
    ) async throws -> MemberProfileSave {
        try await pool.write { db in
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM alert_profiles WHERE owner_hash = ? AND name = ?)",
                    arguments: [ownerHash, name]) ?? false
            if !exists {
                let count =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_profiles WHERE owner_hash = ?", arguments: [ownerHash]) ?? 0
                guard count < limit else { return .limitReached(limit: limit) }
            }
            try db.execute(
                sql: """
                    INSERT INTO alert_profiles (name, owner_hash, source, criteria, destinations, created_at, updated_at)
                    VALUES (?, ?, 'discord', ?, ?, ?, ?)
                    ON CONFLICT(owner_hash, name) DO UPDATE SET criteria = excluded.criteria,
                        destinations = excluded.destinations, updated_at = excluded.updated_at
                    """,
                arguments: [
                    name, ownerHash, criteria.serialized, SQLText.jsonArray(destinations), now, now,
                ])
            return exists ? .replaced : .created
        }
    }

    /// Stops sending a profile's matches to `destination` (a mail's unsubscribe link): the
    /// destination leaves the profile, its waiting notifications are dropped, and it is
    /// remembered, so that alerts.yaml cannot bring it back at the next start. Returns the
    /// profile's name; nil when it was not sending there.
    public func unsubscribe(profileID: Int64, destination: String, now: Int64 = Timestamp.now()) async throws -> String? {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, destinations FROM alert_profiles WHERE id = ?", arguments: [profileID])
            else { return nil }
            var destinations = SQLText.stringArray(row["destinations"])
            guard let index = destinations.firstIndex(of: destination) else { return nil }
            destinations.remove(at: index)
            try db.execute(
                sql: "UPDATE alert_profiles SET destinations = ?, updated_at = ? WHERE id = ?",
                arguments: [SQLText.jsonArray(destinations), now, profileID])
            try db.execute(
                sql: """
                    UPDATE notification_outbox SET status = 'failed', last_error = 'unsubscribed', next_attempt_at = NULL
                    WHERE profile_id = ? AND destination = ? AND status = 'pending'
                    """, arguments: [profileID, destination])
            try db.execute(
                sql: "INSERT INTO alert_unsubscribes (profile_id, destination, unsubscribed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [profileID, destination, now])
            return row["name"]
        }
    }

    /// Removes a member's profile and what it still had to send; false when there was none.
    public func removeMemberProfile(ownerHash: String, name: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM alert_profiles WHERE owner_hash = ? AND name = ? AND source = 'discord'", arguments: [ownerHash, name])
            return db.changesCount > 0
        }
    }

    private static func alertProfiles(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [StoredAlertProfile]
    {
        try Row.fetchAll(
            db, sql: "SELECT id, name, owner_hash, source, criteria, destinations FROM alert_profiles WHERE \(condition) ORDER BY id",
            arguments: arguments
        ).map { row in
            StoredAlertProfile(
                id: row[0], name: row[1], ownerHash: row[2], source: row[3],
                criteria: (try? JSONParser.parse(row[4] as String)) ?? .object([]),
                destinations: SQLText.stringArray(row[5]))
        }
    }
}
