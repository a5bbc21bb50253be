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
