import Foundation
import GRDB
import HiringPulseTesting
import Store
import Testing

/// Callers tell a busy database from a damaged one by the error's kind, read from real SQLite
/// failures on real files.
@Suite struct StoreErrorKindTests {
    @Test func aWriteWhileAnotherConnectionHoldsTheLockIsBusy() async throws {
        let directory = try TemporaryDirectory(prefix: "store-error-kind")
        defer { directory.remove() }
        let path = directory.file("hiringpulse.sqlite")
        let store = try Store.open(path: path, busyTimeout: .zero)
        // A second connection that keeps its write transaction open between accesses, as another
        // process holding the lock does.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let error = await #expect(throws: (any Error).self) { try await store.checkWritable() }
        #expect(error.map(StoreError.kind(of:)) == .busy)
        #expect(StoreError.Kind.busy.isTransient)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        try await store.checkWritable()
    }

    @Test func aFileThatIsNotADatabaseIsCorruptAndNotWaitedOn() throws {
        let directory = try TemporaryDirectory(prefix: "store-error-kind")
        defer { directory.remove() }
        let path = directory.file("hiringpulse.sqlite")
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(error?.kind == .corrupt)
        #expect(error?.description.hasPrefix("cannot open database") == true)
        #expect(StoreError.Kind.corrupt.isTransient == false)
    }

    @Test func aBrokenConstraintIsABugNotTheEnvironment() throws {
        let directory = try TemporaryDirectory(prefix: "store-error-kind")
        defer { directory.remove() }
        let path = directory.file("hiringpulse.sqlite")
        _ = try Store.open(path: path)
        let queue = try DatabaseQueue(path: path)
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO messages (id, channel_id, author_hash, content, created_at, source, status, inserted_at, updated_at) VALUES (1, 2, 'a', 'x', 0, 'carrier pigeon', 'pending', 0, 0)"
                )
            }
        }
        #expect(error.map(StoreError.kind(of:)) == .constraint)
        #expect(StoreError.kind(of: CancellationError()) == .other)
    }
}
