import Foundation
import GRDB

/// The `CHECK (column IN ('a', 'b', 'c'))` constraints of the earlier migrations, written as
/// comparisons: `CHECK (column = 'a' OR column = 'b' OR column = 'c')`.
///
/// SQLite evaluates an `IN` over a list of more than two values by building a temporary b-tree of
/// the list (a pager, a page cache and a table, freed again) once for every statement that writes
/// the column. For the gateway's writes that was about a fifth of a commit; comparisons cost
/// nothing of the kind. Both forms accept and refuse exactly the same values (NULL included), and
/// the text of a CHECK is no part of the file format, so the schema's SQL is rewritten in place, the
/// way SQLite documents for changing constraints ("Making Other Kinds Of Table Schema Changes",
/// https://sqlite.org/lang_altertable.html#otheralter). Each table's new text is parsed by SQLite
/// before the migration's transaction commits; an error rolls everything back.
enum CheckConstraintSchema {
    static func rewriteInLists(_ db: Database) throws {
        let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'")
        let rewritten = tables.compactMap { row -> (name: String, sql: String)? in
            let sql: String = row["sql"]
            let new = asComparisons(sql)
            return new == sql ? nil : (row["name"], new)
        }
        guard !rewritten.isEmpty else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for table in rewritten {
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [table.sql, table.name])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        // Reading each table's columns makes SQLite parse the new schema now, inside the transaction.
        for table in rewritten {
            _ = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table.name])
        }
    }

    /// `sql` with every `CHECK (name IN ('…', …))` over quoted literals written as comparisons;
    /// anything else is left as it is.
    static func asComparisons(_ sql: String) -> String {
        var result = ""
        var rest = Substring(sql)
        while let range = rest.range(of: "CHECK (") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let (comparisons, end) = inList(rest) else { continue }
            result += comparisons
            rest = rest[end...]
        }
        return result + rest
    }

    /// For text that starts `name IN ('a', 'b'))`: the comparisons, and where the text after the
    /// list starts.
    private static func inList(_ text: Substring) -> (String, Substring.Index)? {
        guard let space = text.firstIndex(of: " "),
            text[text.startIndex..<space].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
            text[space...].hasPrefix(" IN ("),
            let close = text[space...].firstIndex(of: ")")
        else { return nil }
        let column = text[text.startIndex..<space]
        let listStart = text.index(space, offsetBy: " IN (".count)
        let values = text[listStart..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy(isPlainLiteral) else { return nil }
        return (values.map { "\(column) = \($0)" }.joined(separator: " OR "), text.index(after: close))
    }

    /// A single-quoted literal without quotes, commas or parentheses inside.
    private static func isPlainLiteral(_ value: String) -> Bool {
        value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'")
            && !value.dropFirst().dropLast().contains { "'(),".contains($0) }
    }
}
