import Domain
import Foundation
import GRDB

extension CompanyStore {
    /// The aliases admins added (`/alias add`), to lay over the alias map's.
    public func adminAliases() async throws -> [(alias: String, company: String)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT company_aliases.alias, companies.name FROM company_aliases JOIN companies ON companies.id = company_aliases.company_id
                    WHERE company_aliases.source = 'admin' ORDER BY company_aliases.created_at
                    """
            ).map { (alias: $0[0], company: $0[1]) }
        }
    }

    /// Every alias of a company, with where it comes from ("config" or "admin").
    public func aliases(ofCompany company: String) async throws -> [(alias: String, source: String)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT company_aliases.alias, company_aliases.source FROM company_aliases
                    JOIN companies ON companies.id = company_aliases.company_id WHERE companies.name = ? ORDER BY company_aliases.alias
                    """, arguments: [company]
            ).map { (alias: $0[0], source: $0[1]) }
        }
    }

    /// Adds `alias` for `company` and re-canonicalizes what was stored under the alias as a company
    /// of its own (a discovered "JPM" becomes JPMorgan Chase): its stage updates, postings and
    /// labels move over, and it goes. Returns how many stage updates moved.
    @discardableResult
    public func addAlias(_ alias: String, company: String, now: Int64 = Timestamp.now()) async throws -> Int {
        try await pool.write { db in try Self.addAlias(alias, company: company, in: db, now: now) }
    }

    /// `addAlias`, inside a transaction of the caller's.
    static func addAlias(_ alias: String, company: String, in db: Database, now: Int64) throws -> Int {
        var companies = CompanyIDCache()
        let target = try companies.id(for: company, in: db, now: now)
        let key = CompanyCatalog.key(alias)
        try db.execute(
            sql: """
                INSERT INTO company_aliases (alias_key, company_id, alias, strict, source, created_at) VALUES (?, ?, ?, 0, 'admin', ?)
                ON CONFLICT DO NOTHING
                """,
            arguments: [key, target, alias, now])
        var moved = 0
        var changes = JourneyChanges()
        let discovered = try Row.fetchAll(
            db, sql: "SELECT id, name FROM companies WHERE source = 'discovered' AND id != ?", arguments: [target])
        for row in discovered where CompanyCatalog.key(row[1] as String) == key {
            let old: Int64 = row[0]
            // Every journey at the old company changes, and so does the same author's at the target.
            for author in try String.fetchAll(
                db, sql: "SELECT DISTINCT author_hash FROM stage_updates WHERE company_id = ? AND retracted = 0", arguments: [old])
            {
                changes.removed(companyID: old, authorHash: author)
                changes.removed(companyID: target, authorHash: author)
            }
            // A message that already counts for the target at that stage keeps that one.
            try db.execute(sql: "UPDATE OR IGNORE stage_updates SET company_id = ? WHERE company_id = ?", arguments: [target, old])
            moved += db.changesCount
            try db.execute(sql: "DELETE FROM stage_updates WHERE company_id = ?", arguments: [old])
            try db.execute(sql: "UPDATE job_postings SET company_id = ? WHERE company_id = ?", arguments: [target, old])
            try db.execute(sql: "UPDATE corrections SET company_id = ? WHERE company_id = ?", arguments: [target, old])
            try db.execute(sql: "DELETE FROM companies WHERE id = ?", arguments: [old])
        }
        try RollupStore.keepRollups(changes, in: db)
        return moved
    }

    /// Removes an admin's alias; false when there is none by that name. What it re-canonicalized
    /// stays with the company.
    @discardableResult
    public func removeAlias(_ alias: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM company_aliases WHERE alias_key = ? AND source = 'admin'", arguments: [CompanyCatalog.key(alias)])
            return db.changesCount > 0
        }
    }

    /// The stored companies that `name` names: by canonical name or by any alias (config's or an
    /// admin's), ignoring case and punctuation as the alias map does. More than one when the alias
    /// is ambiguous ("MS").
    public func matching(_ name: String) async throws -> [String] {
        try await pool.read { db in
            let ids = try Self.companyIDs(matching: name, in: db)
            guard !ids.isEmpty else { return [] }
            return try String.fetchAll(
                db, sql: "SELECT name FROM companies WHERE id IN (\(SQLText.placeholders(ids.count))) ORDER BY name",
                arguments: StatementArguments(ids))
        }
    }

    /// Ids of the companies named `name` (case-insensitively, as the column compares) or having it
    /// as an alias (compared by alias key, as the alias map does).
    static func companyIDs(matching name: String, in db: Database) throws -> [Int64] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM companies WHERE name = ?
                UNION SELECT company_id FROM company_aliases WHERE alias_key = ?
                """, arguments: [trimmed, CompanyCatalog.key(trimmed)])
    }

}
