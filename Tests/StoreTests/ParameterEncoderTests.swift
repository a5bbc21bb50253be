import GRDB
import Testing

@testable import Store

/// Binding a flat value's fields to an INSERT's parameters by key, as a posting's row is written.
@Suite struct ParameterEncoderTests {
    enum Kind: String, Codable { case fullTime = "full_time" }

    struct Sample: Codable {
        var text: String
        var number: Int
        var big: Int64?
        var ratio: Double
        var flag: Bool
        var kind: Kind?
        var tags: [String]
        var skippedByCaller: String
    }

    struct Nested: Codable {
        struct Inner: Codable { var text: String }
        var text: String
        var inner: Inner
    }

    /// Runs `body` with a table of every kind of column and an INSERT into it.
    private func withTable(_ body: (Database, BoundStatement, [String: Int32]) throws -> Void) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (text TEXT, number INTEGER, big INTEGER, ratio REAL, flag INTEGER, kind TEXT, tags TEXT)")
            let columns = ["text", "number", "big", "ratio", "flag", "kind", "tags"]
            let insert = BoundStatement(
                try db.cachedStatement(
                    sql: "INSERT INTO t (\(columns.joined(separator: ", "))) VALUES (\(SQLText.placeholders(columns.count)))"))
            insert.begin()
            insert.clearBindings()
            try body(db, insert, Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, Int32($0 + 1)) }))
        }
    }

    @Test func everyKindOfFieldIsBoundToTheColumnItsKeyNames() throws {
        try withTable { db, insert, parameters in
            let sample = Sample(
                text: "Go “backend”", number: 150_000, big: nil, ratio: 0.5, flag: true, kind: .fullTime, tags: ["go", "ci/cd"],
                skippedByCaller: "ignored")
            try ParameterEncoder(insert, parameters: parameters, skipping: ["skippedByCaller"]).bind(sample)
            try insert.execute()
            let stored = try #require(try Row.fetchOne(db, sql: "SELECT * FROM t"))
            #expect(stored["text"] == "Go “backend”")
            #expect(stored["number"] == 150_000)
            #expect(stored["big"] == DatabaseValue.null)
            #expect(stored["ratio"] == 0.5)
            #expect(stored["flag"] == 1)
            #expect(stored["kind"] == "full_time")
            // A JSON array, slashes as written, so that a search for "ci/cd" finds it.
            #expect(stored["tags"] == #"["go","ci/cd"]"#)
        }
    }

    @Test func aFieldWithNoColumnOrAnObjectIsRefused() throws {
        try withTable { _, insert, parameters in
            let sample = Sample(text: "a", number: 1, ratio: 0, flag: false, tags: [], skippedByCaller: "not skipped now")
            #expect(throws: EncodingError.self) { try ParameterEncoder(insert, parameters: parameters).bind(sample) }
            #expect(throws: EncodingError.self) {
                try ParameterEncoder(insert, parameters: parameters).bind(Nested(text: "a", inner: .init(text: "b")))
            }
        }
    }
}
