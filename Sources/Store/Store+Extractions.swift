import Extraction
import Foundation
import GRDB

extension Store {
    /// How failed extractions are retried.
    public struct RetryPolicy: Sendable {
        public var maxAttempts: Int
        public var baseDelayMilliseconds: Int64

        public init(maxAttempts: Int = 5, baseDelayMilliseconds: Int64 = 30_000) {
            self.maxAttempts = maxAttempts
            self.baseDelayMilliseconds = baseDelayMilliseconds
        }

        /// Exponential: 30 s, 1 min, 2 min, … capped at one hour.
        func delay(afterAttempt attempt: Int) -> Int64 {
            min(3_600_000, baseDelayMilliseconds << Int64(max(0, min(attempt - 1, 20))))
        }
    }

    /// Writes a batch of extraction outcomes in one transaction: the extraction rows, the stage
    /// updates (replacing what an earlier extraction of the same message wrote), any posting, and the
    /// message's new status.
    @discardableResult
    public func record(
        _ writes: [ExtractionWrite], retry: RetryPolicy = RetryPolicy(), now: Int64 = Timestamp.now()
    ) throws -> ExtractionSummary {
        try pool.write { db in
            var summary = ExtractionSummary()
            var companies = CompanyIdCache()
            for write in writes {
                guard let message = try Row.fetchOne(
                    db, sql: "SELECT author_hash, created_at, attempts, deleted_at FROM messages WHERE id = ?",
                    arguments: [write.messageId])
                else { continue }
                let attempts: Int = message[2] + 1
                switch write.outcome.result {
                case .success(let result):
                    let extractionId = try insertExtraction(db, write, result: result, error: nil, now: now)
                    // A deleted message keeps nothing; an edited one is replaced whole.
                    let deleted = message[3] as Int64? != nil
                    try db.execute(sql: "DELETE FROM stage_updates WHERE message_id = ?", arguments: [write.messageId])
                    if !deleted {
                        for update in result.updates {
                            let companyId = try companies.id(for: update.company, in: db, now: now)
                            try db.cachedStatement(sql: """
                                INSERT INTO stage_updates (message_id, extraction_id, author_hash, company_id, stage, role,
                                                           season, reported_at, created_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT(message_id, company_id, stage) DO NOTHING
                                """).execute(arguments: [
                                    write.messageId, extractionId, message[0] as String, companyId, update.stage.rawValue,
                                    update.role, update.season, message[1] as Int64, now,
                                ])
                            summary.updatesWritten += db.changesCount
                        }
                        if let posting = result.posting, let identity = write.postingIdentity {
                            summary.postingsWritten += try insertPosting(
                                db, posting, identity: identity, messageId: write.messageId, postedAt: message[1],
                                companies: &companies, now: now)
                        }
                    }
                    try db.cachedStatement(sql: """
                        UPDATE messages SET status = 'done', kind = ?, spam = ?, attempts = ?, next_attempt_at = NULL,
                                            last_error = NULL, updated_at = ?
                        WHERE id = ?
                        """).execute(arguments: [result.kind.rawValue, result.spam, attempts, now, write.messageId])
                    summary.done += 1
                case .failure(let failure):
                    _ = try insertExtraction(db, write, result: nil, error: failure.reason, now: now)
                    if failure.retryable && attempts < retry.maxAttempts {
                        try db.execute(sql: """
                            UPDATE messages SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?
                            """, arguments: [attempts, now + retry.delay(afterAttempt: attempts), failure.reason, now, write.messageId])
                        summary.retrying += 1
                    } else {
                        try db.execute(sql: """
                            UPDATE messages SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ?,
                                                updated_at = ?
                            WHERE id = ?
                            """, arguments: [attempts, failure.reason, now, write.messageId])
                        summary.failed += 1
                    }
                }
            }
            return summary
        }
    }

    private func insertExtraction(
        _ db: Database, _ write: ExtractionWrite, result: ExtractionResult?, error: String?, now: Int64
    ) throws -> Int64 {
        let json = try result.map { String(decoding: try Store.encoder.encode($0), as: UTF8.self) }
        try db.cachedStatement(sql: """
            INSERT INTO extractions (message_id, extractor, model, prompt_version, outcome, result, raw_output, error,
                                     latency_ms, prompt_tokens, completion_tokens, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                write.messageId, write.extractor.name, write.extractor.model, write.extractor.promptVersion,
                result == nil ? "error" : "ok", json, write.outcome.rawOutput, error, write.outcome.latencyMilliseconds,
                write.outcome.promptTokens, write.outcome.completionTokens, now,
            ])
        return db.lastInsertedRowID
    }

    private func insertPosting(
        _ db: Database, _ posting: JobPosting, identity: PostingIdentity, messageId: Int64, postedAt: Int64,
        companies: inout CompanyIdCache, now: Int64
    ) throws -> Int {
        let companyId = try posting.company.map { try companies.id(for: $0, in: db, now: now) }
        let skills = String(decoding: try Store.encoder.encode(posting.skills), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO job_postings (message_id, source, company_id, title, location, remote, employment_type, skills,
                                      salary_min, salary_max, currency, url, canonical_url, fingerprint, posted_at, created_at)
            VALUES (?, 'message', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """).execute(arguments: [
                messageId, companyId, posting.title, posting.location, posting.remote?.rawValue, posting.employmentType,
                skills, posting.salaryMin, posting.salaryMax, posting.currency, posting.url, identity.canonicalURL,
                identity.fingerprint, postedAt, now,
            ])
        return db.changesCount
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
