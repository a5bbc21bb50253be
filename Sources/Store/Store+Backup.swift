import Foundation
import GRDB

extension Store {
    /// Copies the database to `destination` with SQLite's online backup, from one read snapshot:
    /// safe while the daemon writes, which it does not block. The copy is written beside the
    /// destination, checked, then renamed into place, so a failed backup leaves nothing half
    /// written. An existing destination is never overwritten. Returns the copy's size in bytes.
    @discardableResult
    public func backup(to destination: String) throws -> Int {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError("\(destination) already exists; choose another name or remove it first")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            let check = try copy.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
            try copy.close()
            guard check == "ok" else { throw StoreError("the copy failed its integrity check: \(check ?? "no answer")") }
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError("cannot back up \(path) to \(destination): \(Store.describe(error))", kind: StoreError.kind(of: error))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.intValue
        return size ?? 0
    }
}
