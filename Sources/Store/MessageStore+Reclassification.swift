import Foundation
import GRDB

/// Which stored messages a bulk reclassification runs over.
public enum ReclassificationScope: Sendable, Hashable {
    /// Messages whose extraction failed for good.
    case failed
    /// Messages posted at or after this time (Unix milliseconds).
    case since(Int64)
    /// Messages whose latest extraction used this prompt version (`rules.v1`, `extract.v1`).
    case promptVersion(String)
    /// Every message that still counts (not deleted).
    case all

    /// Parses `failed`, `all`, `since:YYYY-MM-DD` or `prompt-version:V`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "failed": self = .failed
        case "all": self = .all
        default:
            if trimmed.lowercased().hasPrefix("since:"), let time = Timestamp.parse(trimmed.dropFirst("since:".count)) {
                self = .since(time)
            } else if trimmed.lowercased().hasPrefix("prompt-version:"), trimmed.count > "prompt-version:".count {
                self = .promptVersion(String(trimmed.dropFirst("prompt-version:".count)))
            } else {
                return nil
            }
        }
    }
}

extension MessageStore {
    /// The ids of the messages in `scope`, oldest first. Deleted messages are never in it.
    public func ids(in scope: ReclassificationScope) async throws -> [Int64] {
        try await pool.read { db in
            switch scope {
            case .failed:
                try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE status = 'failed' AND deleted_at IS NULL ORDER BY id")
            case .since(let time):
                try Int64.fetchAll(
                    db, sql: "SELECT id FROM messages WHERE created_at >= ? AND deleted_at IS NULL ORDER BY id", arguments: [time])
            case .promptVersion(let version):
                // "extract.v1" also names every edit of it ("extract.v1@1a2b3c4d").
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT messages.id FROM messages
                        JOIN extractions ON extractions.id = (SELECT MAX(id) FROM extractions WHERE message_id = messages.id)
                        WHERE (extractions.prompt_version = ? OR substr(extractions.prompt_version, 1, ?) = ?)
                          AND messages.deleted_at IS NULL
                        ORDER BY messages.id
                        """, arguments: [version, version.count + 1, version + "@"])
            case .all:
                try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE deleted_at IS NULL ORDER BY id")
            }
        }
    }

    /// The text of stored messages, for extracting them again.
    public func contents(ofMessages ids: [Int64]) async throws -> [(id: Int64, content: String)] {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, content FROM messages WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY id",
                arguments: StatementArguments(ids)
            ).map { (id: $0[0], content: $0[1]) }
        }
    }
}
