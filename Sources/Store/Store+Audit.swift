import GRDB

/// One admin action: who (hashed; nil for the command line), what, on what, when.
public struct AuditEntry: Sendable, Hashable {
    public var at: Int64
    public var actorHash: String?
    public var action: String
    public var target: String?
    /// JSON text with the particulars (before and after, the reason for a refusal).
    public var details: String?

    public init(at: Int64, actorHash: String?, action: String, target: String?, details: String?) {
        self.at = at
        self.actorHash = actorHash
        self.action = action
        self.target = target
        self.details = details
    }
}

extension Store {
    public func audit(_ entry: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO audit_log (at, actor_hash, action, target, details) VALUES (?, ?, ?, ?, ?)",
                arguments: [entry.at, entry.actorHash, entry.action, entry.target, entry.details])
        }
    }

    /// The newest entries first.
    public func auditLog(limit: Int = 100) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, actor_hash, action, target, details FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]
            )
            .map { AuditEntry(at: $0[0], actorHash: $0[1], action: $0[2], target: $0[3], details: $0[4]) }
        }
    }
}
