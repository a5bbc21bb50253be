import GRDB

/// What the gateway delivered since the last commit, in order: written in one transaction
/// (group commit), together with the sessions it brings up to date. A session's sequence is saved
/// only with the messages it covers, so a crash before the commit loses nothing: the next start
/// resumes from the last committed sequence and Discord replays the rest.
public struct GatewayBatch: Sendable {
    public enum Operation: Sendable {
        /// A created or edited message, with the gateway session it came in.
        case store(IncomingMessage, session: String?)
        /// Deleted messages: what they contributed is retracted.
        case retract([Int64])
    }

    public enum SessionChange: Sendable, Hashable {
        case save(StoredGatewaySession)
        /// The shard's session cannot be resumed any more.
        case forget
    }

    public var operations: [Operation] = []
    /// The latest state of each shard's session, by shard id.
    public var sessions: [Int: SessionChange] = [:]
    /// What an in-process extractor made of the messages, by message id: recorded in the same
    /// transaction for each message whose text is written, so it is never stored as pending and
    /// read back. A message without one stays pending for the extraction worker.
    public var outcomes: [Int64: ExtractionWrite] = [:]
    public var retry = ExtractionStore.RetryPolicy()

    public init() {}

    public var isEmpty: Bool { operations.isEmpty && sessions.isEmpty }
    public var messageCount: Int { operations.count { if case .store = $0 { true } else { false } } }
}

/// What committing a gateway batch did.
public struct GatewayBatchSummary: Sendable, Hashable {
    public var ingested = IngestSummary()
    /// The outcomes recorded with the messages.
    public var extracted = ExtractionSummary()
    /// Stage updates that stopped counting because their message was deleted.
    public var retracted = 0
    /// Messages written as pending, left for the extraction worker.
    public var pending: Int { ingested.inserted + ingested.changed - (extracted.done + extracted.failed) }

    public init() {}
}

extension GatewayStore {
    /// Writes a gateway batch in one transaction: its messages and deletions in the order they
    /// came, the watermarks of channels whose session continues them, and the sessions.
    @discardableResult
    public func commit(_ batch: GatewayBatch, now: Int64 = Timestamp.now()) async throws -> GatewayBatchSummary {
        try await pool.write { db in
            var summary = GatewayBatchSummary()
            var pending: [IncomingMessage] = []
            var live: [(message: IncomingMessage, session: String)] = []
            func flush() throws {
                guard !pending.isEmpty else { return }
                // As an import does: a new message with its outcome is written done at once.
                let written = try MessageStore.ingest(pending, outcome: { batch.outcomes[$0] }, in: db, retry: batch.retry, now: now)
                summary.ingested.add(written.ingested)
                summary.extracted.add(written.extracted)
                pending.removeAll(keepingCapacity: true)
            }
            for operation in batch.operations {
                switch operation {
                case .store(let message, let session):
                    pending.append(message)
                    if let session { live.append((message, session)) }
                case .retract(let ids):
                    try flush()
                    summary.retracted += try MessageStore.retract(ids, in: db, now: now)
                }
            }
            try flush()
            try Self.extendWatermarks(over: live, in: db, now: now)
            for (shard, change) in batch.sessions {
                switch change {
                case .save(let session): try Self.saveGatewaySession(session, shardID: shard, in: db)
                case .forget: try Self.saveGatewaySession(nil, shardID: shard, in: db)
                }
            }
            return summary
        }
    }
}
