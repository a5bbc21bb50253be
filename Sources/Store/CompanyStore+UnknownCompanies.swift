import Domain
import GRDB
import Support

/// A name outside the catalog that members report stages at, offered to admins to add.
public struct UnknownCompanySuggestion: Sendable, Hashable {
    /// The name as most often written.
    public var name: String
    /// `CompanyCatalog.key` of the name: how its mentions are grouped.
    public var key: String
    /// Distinct members who reported a stage there.
    public var members: Int
    /// Messages that did.
    public var mentions: Int
    /// Up to three of those messages, newest first, cut short.
    public var examples: [String]
}

extension CompanyStore {
    /// Unknown names reported by at least `minMembers` distinct members, most members first.
    /// `isKnown` is the live catalog's say (the file's map and the admins' aliases): a name it knows
    /// now is left out, whatever was recorded before it was added.
    public func unknownSuggestions(
        minMembers: Int, limit: Int = 25, isKnown: @Sendable (String) -> Bool
    ) async throws -> [UnknownCompanySuggestion] {
        try await pool.read { db in
            let groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT name_key, COUNT(DISTINCT author_hash) AS members, COUNT(*) AS mentions
                    FROM unknown_company_mentions GROUP BY name_key HAVING members >= ?
                    ORDER BY members DESC, mentions DESC, name_key
                    """, arguments: [max(1, minMembers)])
            var suggestions: [UnknownCompanySuggestion] = []
            for group in groups {
                let key: String = group[0]
                let name =
                    try String.fetchOne(
                        db,
                        sql: """
                            SELECT name FROM unknown_company_mentions WHERE name_key = ? GROUP BY name ORDER BY COUNT(*) DESC, MAX(reported_at) DESC LIMIT 1
                            """, arguments: [key]) ?? key
                guard !isKnown(name) else { continue }
                let examples = try String.fetchAll(
                    db,
                    sql: """
                        SELECT messages.content FROM unknown_company_mentions JOIN messages ON messages.id = unknown_company_mentions.message_id
                        WHERE unknown_company_mentions.name_key = ? ORDER BY unknown_company_mentions.reported_at DESC, messages.id DESC LIMIT 3
                        """, arguments: [key])
                suggestions.append(
                    UnknownCompanySuggestion(
                        name: name, key: key, members: group[1], mentions: group[2], examples: examples.map(Self.snippet)))
                if suggestions.count >= limit { break }
            }
            return suggestions
        }
    }

    /// A message's first line, at most 120 characters: enough to see how the name was used.
    static func snippet(_ content: String) -> String {
        let line = content.firstLine
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }

    /// Makes `name` a company an admin added: it is a name of itself (an admin alias, so that the
    /// live catalog knows it), and what was stored under a discovered company of that name counts
    /// for it. False when a company of that name was already there other than as discovered.
    @discardableResult
    public func add(_ name: String, now: Int64 = Timestamp.now()) async throws -> Bool {
        try await pool.write { db in
            if let source = try String.fetchOne(db, sql: "SELECT source FROM companies WHERE name = ?", arguments: [name]),
                source != "discovered"
            {
                return false
            }
            _ = try Self.addAlias(name, company: name, in: db, now: now)
            try db.execute(sql: "UPDATE companies SET source = 'admin' WHERE name = ? AND source = 'discovered'", arguments: [name])
            return true
        }
    }
}

extension CompanyStore {
    /// How many stored messages report a stage at an unknown name with this key: what a reclassify
    /// would now count for the company it was added as.
    public func unknownMessageCount(key: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unknown_company_mentions WHERE name_key = ?", arguments: [key]) ?? 0
        }
    }
}
