import GRDB

extension Store {
    /// Inserts this store's messages, extractions and stage updates again, with plain prepared
    /// INSERTs and nothing else, into a fresh database at `path` (same schema, indexes and settings),
    /// `batch` messages with their rows per transaction; returns the messages and the seconds the
    /// inserts took. The floor that a benchmark of the write path is compared with.
    @_spi(Testing) public func timePlainInsert(into path: String, batch: Int = 2_000) throws -> (messages: Int, seconds: Double) {
        let tables = ["messages", "extractions", "stage_updates"]
        // Read before the clock starts: rows in message order, so that a batch's rows are contiguous.
        let (companies, rows) = try pool.read { db in
            let companies = try Row.fetchAll(db, sql: "SELECT * FROM companies").map { StatementArguments($0.databaseValues) }
            let rows = try tables.map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(table == "messages" ? "id" : "message_id, id")")
                    .map {
                        (
                            messageID: $0[table == "messages" ? "id" : "message_id"] as Int64? ?? .min,
                            values: StatementArguments($0.databaseValues)
                        )
                    }
            }
            return (companies, rows)
        }
        let target = try Store.open(path: path)
        let columnCounts = try target.pool.read { db in try tables.map { try db.columns(in: $0).count } }
        try target.pool.write { db in
            let insert = try db.makeStatement(
                sql: "INSERT INTO companies VALUES (\(try db.columns(in: "companies").map { _ in "?" }.joined(separator: ", ")))")
            for company in companies { try insert.execute(arguments: company) }
        }
        let messages = rows[0]
        var cursors = [0, 0, 0]
        let start = ContinuousClock.now
        var offset = 0
        while offset < messages.count {
            let end = min(offset + batch, messages.count)
            let lastID = messages[end - 1].messageID
            try target.pool.write { db in
                for (table, count) in zip(tables, columnCounts).enumerated() {
                    let insert = try db.cachedStatement(
                        sql: "INSERT INTO \(count.0) VALUES (\(Array(repeating: "?", count: count.1).joined(separator: ", ")))")
                    while cursors[table] < rows[table].count, rows[table][cursors[table]].messageID <= lastID {
                        try insert.execute(arguments: rows[table][cursors[table]].values)
                        cursors[table] += 1
                    }
                }
            }
            offset = end
        }
        let elapsed = ContinuousClock.now - start
        return (messages.count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
