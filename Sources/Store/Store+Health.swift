import GRDB

extension Store {
    /// Throws unless a write could be made now: takes the write lock and lets it go, changing
    /// nothing. A read-only file, a full disk's locked journal or a writer that never lets go
    /// all show here.
    public func checkWritable() throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
        } catch {
            throw StoreError("database \(path) is not writable: \(Store.describe(error))", kind: StoreError.kind(of: error))
        }
    }

    /// Notification outbox rows by status.
    public func outboxCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM notification_outbox GROUP BY status") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}
