import Domain
import GRDB
import JSON
import Support

/// What extraction made of messages: outcomes, stage updates, corrections.
public struct ExtractionStore: Sendable {
    let pool: DatabasePool

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
    ) async throws -> ExtractionSummary {
        try await pool.write { db in try Self.record(writes, in: db, retry: retry, now: now) }
    }

    static func record(_ writes: [ExtractionWrite], in db: Database, retry: RetryPolicy, now: Int64) throws -> ExtractionSummary {
        var summary = ExtractionSummary()
        var recorder = try ExtractionRecorder(db, retry: retry, now: now)
        for write in writes { try recorder.record(write, into: &summary) }
        try RollupStore.keepRollups(recorder.journeyChanges, in: db)
        return summary
    }
}

/// The statements that record extraction outcomes, prepared once per transaction: a batch runs
/// each of them hundreds of times. The journeys it touched are in `journeyChanges`, for the caller
/// to fold into the rollups before the transaction ends.
struct ExtractionRecorder {
    let db: Database
    let retry: ExtractionStore.RetryPolicy
    let now: Int64
    var companies = CompanyIDCache()
    private(set) var journeyChanges = JourneyChanges()
    // Bound value by value (`BoundStatement`): a batch runs each of them hundreds of times.
    let selectMessage: BoundStatement
    let insertExtractionRow: BoundStatement
    let selectUpdates: BoundStatement
    let deleteUpdatesRows: BoundStatement
    let insertUpdate: BoundStatement
    let deleteMentions: BoundStatement
    let insertMention: BoundStatement
    let markDone: BoundStatement
    let markRetry: Statement
    let markDeferred: Statement
    let markFailed: Statement

    init(_ db: Database, retry: ExtractionStore.RetryPolicy, now: Int64) throws {
        self.db = db
        self.retry = retry
        self.now = now
        selectMessage = BoundStatement(
            try db.cachedStatement(
                sql: """
                    SELECT author_hash, created_at, attempts, deleted_at, EXISTS (SELECT 1 FROM corrections WHERE message_id = messages.id)
                    FROM messages WHERE id = ?
                    """))
        insertExtractionRow = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO extractions (message_id, extractor, model, prompt_version, outcome, result, raw_output, error,
                                             latency_ms, prompt_tokens, completion_tokens, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        // Read, then deleted only when there is something to delete: a DELETE … RETURNING opens an
        // ephemeral table (a page cache allocated and freed) per message, even when it deletes nothing.
        selectUpdates = BoundStatement(
            try db.cachedStatement(
                sql: "SELECT company_id, author_hash, retracted FROM stage_updates WHERE message_id = ?"))
        deleteUpdatesRows = BoundStatement(try db.cachedStatement(sql: "DELETE FROM stage_updates WHERE message_id = ?"))
        insertUpdate = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO stage_updates (message_id, extraction_id, author_hash, company_id, stage, role, season,
                                               reported_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(message_id, company_id, stage) DO NOTHING
                    """))
        deleteMentions = BoundStatement(try db.cachedStatement(sql: "DELETE FROM unknown_company_mentions WHERE message_id = ?"))
        insertMention = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO unknown_company_mentions (message_id, name_key, name, author_hash, reported_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """))
        markDone = BoundStatement(
            try db.cachedStatement(
                sql: """
                    UPDATE messages SET status = 'done', kind = ?, spam = ?, attempts = ?, next_attempt_at = NULL,
                                        last_error = NULL, updated_at = ?
                    WHERE id = ?
                    """))
        markRetry = try db.cachedStatement(
            sql: """
                UPDATE messages SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?
                """)
        markDeferred = try db.cachedStatement(
            sql: """
                UPDATE messages SET next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?
                """)
        markFailed = try db.cachedStatement(
            sql: """
                UPDATE messages SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ?, updated_at = ?
                WHERE id = ?
                """)
    }

    mutating func record(_ write: ExtractionWrite, into summary: inout ExtractionSummary) throws {
        selectMessage.begin()
        selectMessage.bind(write.messageID, at: 1)
        guard try selectMessage.step() else { return }
        let authorHash = selectMessage.string(at: 0)
        let createdAt = selectMessage.int64(at: 1)
        let attempts = Int(selectMessage.int64(at: 2)) + 1
        // A deleted message keeps nothing; an edited one is replaced whole; a corrected one keeps
        // its manual label, whatever the extractor says (the extraction is still kept, to compare).
        let deleted = !selectMessage.isNull(at: 3)
        let corrected = selectMessage.int64(at: 4) != 0
        selectMessage.begin()
        switch write.outcome.result {
        case .success(let result):
            if !corrected { try deleteUpdates(of: write.messageID) }
            // The mentions of unknown companies are the latest extraction's, whatever it says.
            deleteMentions.begin()
            deleteMentions.bind(write.messageID, at: 1)
            try deleteMentions.execute()
            try recordResult(
                write, result, authorHash: authorHash, createdAt: createdAt, keepsUpdates: !deleted && !corrected, into: &summary)
            markDone.begin()
            markDone.bind(result.kind.rawValue, at: 1)
            markDone.bind(result.spam, at: 2)
            markDone.bind(attempts, at: 3)
            markDone.bind(now, at: 4)
            markDone.bind(write.messageID, at: 5)
            try markDone.execute()
        case .failure(let failure) where failure.deferral != nil:
            // Not the message's fault: no attempt spent, and no extraction row for every pause.
            let wait = max(0, Int64((failure.deferral ?? .zero).milliseconds))
            try markDeferred.execute(arguments: [now + wait, failure.reason, now, write.messageID])
            summary.deferred += 1
        case .failure(let failure):
            _ = try insertExtraction(write, error: failure.reason)
            if failure.retryable && attempts < retry.maxAttempts {
                try markRetry.execute(arguments: [
                    attempts, now + retry.delay(afterAttempt: attempts), failure.reason, now, write.messageID,
                ])
                summary.retrying += 1
            } else {
                try markFailed.execute(arguments: [attempts, failure.reason, now, write.messageID])
                summary.failed += 1
            }
        }
    }

    /// The extraction row, stage updates and posting of a successful extraction. The message's own
    /// row is the caller's: updated after the fact, or inserted already done by an import.
    mutating func recordResult(
        _ write: ExtractionWrite, _ result: ExtractionResult, authorHash: String, createdAt: Int64, keepsUpdates: Bool,
        into summary: inout ExtractionSummary
    ) throws {
        let extractionID = try insertExtraction(write, error: nil)
        summary.done += 1
        guard keepsUpdates else { return }
        for update in result.updates {
            let companyID = try companies.id(for: update.company, in: db, now: now)
            insertUpdate.begin()
            insertUpdate.bind(write.messageID, at: 1)
            insertUpdate.bind(extractionID, at: 2)
            insertUpdate.bind(authorHash, at: 3)
            insertUpdate.bind(companyID, at: 4)
            insertUpdate.bind(update.stage.rawValue, at: 5)
            insertUpdate.bind(update.role, at: 6)
            insertUpdate.bind(update.season, at: 7)
            insertUpdate.bind(createdAt, at: 8)
            insertUpdate.bind(now, at: 9)
            try insertUpdate.execute()
            guard db.changesCount > 0 else { continue }
            summary.updatesWritten += 1
            journeyChanges.inserted(
                companyID: companyID, authorHash: authorHash, stage: FirstReportTimes.position(of: update.stage), at: createdAt)
        }
        for name in result.unknownCompanies {
            let key = CompanyCatalog.key(name)
            guard !key.isEmpty else { continue }
            insertMention.begin()
            insertMention.bind(write.messageID, at: 1)
            insertMention.bind(key, at: 2)
            insertMention.bind(String(name.prefix(100)), at: 3)
            insertMention.bind(authorHash, at: 4)
            insertMention.bind(createdAt, at: 5)
            try insertMention.execute()
        }
        if let posting = result.posting, let identity = write.postingIdentity {
            summary.postingsWritten += try insertPosting(
                posting, identity: identity, messageID: write.messageID, postedAt: createdAt)
        }
    }

    /// What an earlier extraction of the message wrote goes; the journeys it counted in change.
    private mutating func deleteUpdates(of messageID: Int64) throws {
        selectUpdates.begin()
        selectUpdates.bind(messageID, at: 1)
        var found = false
        while try selectUpdates.step() {
            found = true
            if selectUpdates.int64(at: 2) == 0 {
                journeyChanges.removed(companyID: selectUpdates.int64(at: 0), authorHash: selectUpdates.string(at: 1))
            }
        }
        guard found else { return }
        deleteUpdatesRows.begin()
        deleteUpdatesRows.bind(messageID, at: 1)
        try deleteUpdatesRows.execute()
    }

    /// The extraction's row: its result when `error` is nil.
    private func insertExtraction(_ write: ExtractionWrite, error: String?) throws -> Int64 {
        insertExtractionRow.begin()
        insertExtractionRow.bind(write.messageID, at: 1)
        insertExtractionRow.bind(write.extractor.name, at: 2)
        insertExtractionRow.bind(write.extractor.model, at: 3)
        insertExtractionRow.bind(write.extractor.promptVersion, at: 4)
        insertExtractionRow.bind(error == nil ? "ok" : "error", at: 5)
        insertExtractionRow.bind(error == nil ? write.resultJSON : nil, at: 6)
        insertExtractionRow.bind(write.outcome.rawOutput, at: 7)
        insertExtractionRow.bind(error, at: 8)
        insertExtractionRow.bind(write.outcome.latencyMilliseconds, at: 9)
        insertExtractionRow.bind(write.outcome.promptTokens, at: 10)
        insertExtractionRow.bind(write.outcome.completionTokens, at: 11)
        insertExtractionRow.bind(now, at: 12)
        try insertExtractionRow.execute()
        return db.lastInsertedRowID
    }

    /// A message's posting is dated by the message.
    private mutating func insertPosting(
        _ posting: JobPosting, identity: PostingIdentity, messageID: Int64, postedAt: Int64
    ) throws -> Int {
        var posting = posting
        posting.postedAt = postedAt
        let origin = PostingOrigin(messageID: messageID, source: "message", identity: identity)
        return try PostingRecord.insert(posting, origin: origin, companies: &companies, now: now, in: db)
    }
}

/// Where one message stands with extraction, and every extraction it had: for tests, audits and
/// the failure reasons admins look at.
public struct MessageExtractionState: Sendable {
    public struct Attempt: Sendable {
        public var extractor: String
        public var model: String?
        public var promptVersion: String?
        /// `ok` or `error`.
        public var outcome: String
        public var error: String?
        public var promptTokens: Int?
        public var completionTokens: Int?
    }

    public var status: MessageStatus
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Int64?
    public var history: [Attempt]
}

extension ExtractionStore {
    public func state(messageID: Int64) async throws -> MessageExtractionState? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT status, attempts, last_error, next_attempt_at FROM messages WHERE id = ?", arguments: [messageID])
            else { return nil }
            let history = try Row.fetchAll(
                db,
                sql: """
                    SELECT extractor, model, prompt_version, outcome, error, prompt_tokens, completion_tokens
                    FROM extractions WHERE message_id = ? ORDER BY id
                    """, arguments: [messageID]
            ).map { row in
                MessageExtractionState.Attempt(
                    extractor: row[0], model: row[1], promptVersion: row[2], outcome: row[3], error: row[4], promptTokens: row[5],
                    completionTokens: row[6])
            }
            return MessageExtractionState(
                status: MessageStatus(rawValue: row[0]) ?? .pending, attempts: row[1], lastError: row[2], nextAttemptAt: row[3],
                history: history)
        }
    }
}
