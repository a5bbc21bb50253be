import Foundation
import GRDB

extension Store {
    /// A small named value (the registered commands' fingerprint and the like), nil when unset.
    public func setting(_ key: String) async throws -> String? {
        try await pool.read { db in try Self.setting(key, in: db) }
    }

    public func setSetting(_ key: String, to value: String) async throws {
        try await pool.write { db in try Self.setSetting(key, to: value, in: db) }
    }

    static func setting(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    static func setSetting(_ key: String, to value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }
}

extension Store {
    static let linkSigningKeySetting = "links.signing_key"

    /// The key that signs the links in alert mails (`EmailLinks`): 32 random bytes made on first
    /// use and kept here, so links mailed before a restart still work. Whoever can read the
    /// database could make links, but could read and change everything anyway.
    public func linkSigningKey() async throws -> [UInt8] {
        if let key = Self.signingKey(try await setting(Self.linkSigningKeySetting)) { return key }
        return try await pool.write { db in
            if let key = Self.signingKey(try Self.setting(Self.linkSigningKeySetting, in: db)) { return key }
            var generator = SystemRandomNumberGenerator()
            let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try Self.setSetting(Self.linkSigningKeySetting, to: Data(key).base64EncodedString(), in: db)
            return key
        }
    }

    /// A saved key: 32 bytes in base64.
    private static func signingKey(_ saved: String?) -> [UInt8]? {
        guard let saved, let key = Data(base64Encoded: saved), key.count == 32 else { return nil }
        return Array(key)
    }
}
