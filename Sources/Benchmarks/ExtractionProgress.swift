import GRDB

/// How many of the daemon's messages have their extraction committed, read from its database by
/// another process without scanning it: each look reads only the rows committed since the last one
/// (`id` above the highest seen), so that a look every few milliseconds costs the shared cores
/// little. The benchmark's messages have rising ids and the rule extractor's outcomes are committed
/// with them, in order, so the extracted messages are always the first ones sent.
final class ExtractionProgress {
    private let reader: DatabaseQueue
    private var next: Int64
    private var count = 0

    init(path: String, firstID: Int64) throws {
        var configuration = Configuration()
        configuration.readonly = true
        reader = try DatabaseQueue(path: path, configuration: configuration)
        next = firstID
    }

    /// Messages from the first id on whose extraction is committed.
    func extracted() throws -> Int {
        let (rows, highest) = try reader.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT count(*), max(id) FROM messages WHERE id >= ? AND status != 'pending'", arguments: [next])
            return (row?[0] as Int? ?? 0, row?[1] as Int64?)
        }
        if let highest {
            count += rows
            next = highest + 1
        }
        return count
    }
}
