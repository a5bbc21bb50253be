import GRDB

extension Store {
    /// Throws unless a write could be made now: takes the write lock and lets it go, changing
    /// nothing. A read-only file, a full disk's locked journal or a writer that never lets go
    /// all show here.
    public func checkWritable() async throws {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
        } catch {
            throw StoreError("database \(path) is not writable: \(Store.describe(error))", kind: StoreError.kind(of: error))
        }
    }

}
