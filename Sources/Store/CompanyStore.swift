public import Domain
import GRDB

/// Company ids by name within one write transaction, so a batch looks each name up once.
struct CompanyIDCache {
    private var ids: [String: Int64] = [:]

    /// The id of the company with this canonical name, created (as discovered) when new. Names
    /// compare without case, as the column does.
    mutating func id(for name: String, in db: Database, now: Int64) throws -> Int64 {
        let key = name.lowercased()
        if let id = ids[key] { return id }
        let id: Int64
        if let existing = try Int64.fetchOne(
            db, sql: "SELECT id FROM companies WHERE name = ?", arguments: [name])
        {
            id = existing
        } else {
            try db.execute(
                sql: "INSERT INTO companies (name, source, created_at) VALUES (?, 'discovered', ?)", arguments: [name, now])
            id = db.lastInsertedRowID
        }
        ids[key] = id
        return id
    }
}

/// Companies, their aliases, and names seen that match none.
public struct CompanyStore: Sendable {
    let pool: DatabasePool

    /// Brings the companies and aliases of the alias map into the database: new names are added,
    /// aliases from config are replaced by the file's. Companies discovered in messages stay.
    public func sync(_ catalog: CompanyCatalog, now: Int64 = Timestamp.now()) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM company_aliases WHERE source = 'config'")
            for definition in catalog.definitions {
                try db.execute(
                    sql: """
                        INSERT INTO companies (name, category, source, created_at) VALUES (?, ?, 'config', ?)
                        ON CONFLICT(name) DO UPDATE SET category = excluded.category,
                            source = CASE WHEN companies.source = 'discovered' THEN 'config' ELSE companies.source END
                        """, arguments: [definition.name, definition.category, now])
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM companies WHERE name = ?", arguments: [definition.name])
                else { continue }
                let strict = Set(definition.strict.map(CompanyCatalog.key))
                for alias in definition.allNames {
                    let key = CompanyCatalog.key(alias)
                    guard !key.isEmpty else { continue }
                    try db.execute(
                        sql: """
                            INSERT INTO company_aliases (alias_key, company_id, alias, strict, source, created_at)
                            VALUES (?, ?, ?, ?, 'config', ?) ON CONFLICT DO NOTHING
                            """, arguments: [key, id, alias, strict.contains(key), now])
                }
            }
        }
    }

    /// Company names by id.
    public func names() async throws -> [Int64: String] {
        try await pool.read { db in try Self.names(in: db) }
    }

    /// A company by its exact name (case-insensitive): its id and its name as stored.
    public func company(named name: String) async throws -> (id: Int64, name: String)? {
        try await pool.read { db in try Self.company(named: name, in: db) }
    }

    static func names(in db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: "SELECT id, name FROM companies"))
        while let row = try rows.next() { names[row[0]] = row[1] }
        return names
    }

    static func company(named name: String, in db: Database) throws -> (id: Int64, name: String)? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, name FROM companies WHERE name = ?"), arguments: [name]).map {
            ($0[0], $0[1])
        }
    }

    /// The id of a company by its exact name (case-insensitive).
    public func id(named name: String) async throws -> Int64? {
        try await company(named: name)?.id
    }
}
