import Alerts
import Extraction
import Store

/// Claims pending messages, runs the extractor over them and writes the outcomes: the one path from
/// raw message to stage updates, shared by `import` and the daemon's extraction worker.
public struct ExtractionPipeline: Sendable {
    public let store: Store
    public let extractor: any Extractor
    public let batchSize: Int
    public let retry: Store.RetryPolicy

    public init(store: Store, extractor: any Extractor, batchSize: Int, retry: Store.RetryPolicy = .init()) {
        self.store = store
        self.extractor = extractor
        self.batchSize = max(1, batchSize)
        self.retry = retry
    }

    /// Processes one batch of due pending messages; returns what it did (all zero when none was due).
    public func processBatch(now: Int64 = Timestamp.now()) async throws -> ExtractionSummary {
        let pending = try store.pendingMessages(limit: batchSize, now: now)
        guard !pending.isEmpty else { return ExtractionSummary() }
        let inputs = pending.map { ExtractionInput(id: String($0.id), content: $0.content) }
        let outcomes = await extractor.extract(inputs)
        let byId = Dictionary(outcomes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let info = extractor.info
        let writes = pending.map { message -> ExtractionWrite in
            let outcome = byId[String(message.id)]
                ?? ExtractionOutcome(id: String(message.id), result: .failure(ExtractionFailure("the extractor gave no answer for this message", retryable: true)))
            var identity: PostingIdentity?
            if case .success(let result) = outcome.result, let posting = result.posting {
                identity = PostingDeduplication.identity(of: posting)
            }
            return ExtractionWrite(messageId: message.id, extractor: info, outcome: outcome, postingIdentity: identity)
        }
        return try store.record(writes, retry: retry, now: now)
    }

    /// Processes batches until no pending message is due.
    public func drain() async throws -> ExtractionSummary {
        var total = ExtractionSummary()
        while true {
            let summary = try await processBatch()
            if summary.done + summary.failed + summary.retrying == 0 { return total }
            total.add(summary)
        }
    }
}
