import Crypto
import GRDB
import JSON

/// What a member's confirmation code did.
public enum EmailConfirmation: Sendable, Hashable {
    /// The address now receives the profile's matches.
    case confirmed(profile: String, address: String)
    /// Not the code; `remaining` more tries before the request is dropped.
    case wrongCode(remaining: Int)
    /// The code was right, but asked for too long ago.
    case expired
    /// The member has no address waiting for a code.
    case nonePending
}

extension AlertProfileStore {
    /// Wrong codes a request survives: a six-digit code is then guessed one time in 200,000.
    public static let confirmationAttempts = 5

    /// Remembers that the member's profile `profileName` should mail `address` once the member
    /// gives back `code`, until `expiresAt`. A new request replaces the one before. False when the
    /// member has no such profile.
    public func requestEmailConfirmation(ownerHash: String, profileName: String, address: String, code: String, expiresAt: Int64)
        async throws -> Bool
    {
        try await pool.write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM alert_profiles WHERE owner_hash = ? AND name = ? AND source = 'discord'",
                    arguments: [ownerHash, profileName])
            else { return false }
            try db.execute(
                sql: """
                    INSERT INTO email_confirmations (profile_id, address, code_hash, attempts, expires_at) VALUES (?, ?, ?, 0, ?)
                    ON CONFLICT(profile_id) DO UPDATE SET address = excluded.address, code_hash = excluded.code_hash,
                        attempts = 0, expires_at = excluded.expires_at
                    """,
                arguments: [id, address, Self.hash(code), expiresAt])
            return true
        }
    }

    /// Checks a code against the member's waiting requests. The right one adds `email:ADDRESS` to
    /// its profile's destinations and is used up; a wrong one counts against every waiting request
    /// of the member, which is dropped after `confirmationAttempts`.
    public func confirmEmail(ownerHash: String, code: String, now: Int64) async throws -> EmailConfirmation {
        try await pool.write { db in
            let pending = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.profile_id, c.address, c.code_hash, c.attempts, c.expires_at, p.name, p.destinations
                    FROM email_confirmations c JOIN alert_profiles p ON p.id = c.profile_id WHERE p.owner_hash = ?
                    """, arguments: [ownerHash])
            guard !pending.isEmpty else { return .nonePending }
            let hash = Self.hash(code)
            guard let match = pending.first(where: { ($0["code_hash"] as String) == hash }) else {
                try db.execute(
                    sql: """
                        UPDATE email_confirmations SET attempts = attempts + 1
                        WHERE profile_id IN (SELECT id FROM alert_profiles WHERE owner_hash = ?)
                        """, arguments: [ownerHash])
                try db.execute(sql: "DELETE FROM email_confirmations WHERE attempts >= ?", arguments: [Self.confirmationAttempts])
                let used = pending.map { $0["attempts"] as Int }.max() ?? 0
                return .wrongCode(remaining: max(0, Self.confirmationAttempts - used - 1))
            }
            let profileID: Int64 = match["profile_id"]
            try db.execute(sql: "DELETE FROM email_confirmations WHERE profile_id = ?", arguments: [profileID])
            guard (match["expires_at"] as Int64) >= now else { return .expired }
            let address: String = match["address"]
            var destinations = SQLText.stringArray(match["destinations"])
            let key = "email:\(address)"
            if !destinations.contains(key) { destinations.append(key) }
            try db.execute(
                sql: "UPDATE alert_profiles SET destinations = ?, updated_at = ? WHERE id = ?",
                arguments: [SQLText.jsonArray(destinations), now, profileID])
            // Asking again, with the code, undoes an earlier unsubscribe.
            try db.execute(
                sql: "DELETE FROM alert_unsubscribes WHERE profile_id = ? AND destination = ?", arguments: [profileID, key])
            return .confirmed(profile: match["name"], address: address)
        }
    }

    /// Codes are kept hashed: a copy of the database does not hand out confirmations.
    static func hash(_ code: String) -> String {
        SHA256.hash(data: Array(code.utf8)).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }
}
