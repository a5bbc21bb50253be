import Alerts
import Domain
public import Extraction
public import Store

/// Runs the extractor over messages and writes the outcomes: the one path from raw message to
/// stage updates, shared by `import` and the daemon's extraction worker.
public struct ExtractionPipeline: Sendable {
    public let store: Store
    public let extractor: any Extractor
    public let batchSize: Int
    public let retry: ExtractionStore.RetryPolicy

    public init(store: Store, extractor: any Extractor, batchSize: Int, retry: ExtractionStore.RetryPolicy = .init()) {
        self.store = store
        self.extractor = extractor
        self.batchSize = max(1, batchSize)
        self.retry = retry
    }

    /// Claims one batch of due pending messages, extracts and records them; returns what it did
    /// (all zero when none was due).
    public func processBatch(now: Int64 = Timestamp.now()) async throws -> ExtractionSummary {
        let pending = try await store.messages.pending(limit: batchSize, now: now)
        guard !pending.isEmpty else { return ExtractionSummary() }
        let writes = await extract(pending.map { (id: $0.id, content: $0.content) })
        return try await store.extractions.record(writes, retry: retry, now: now)
    }

    /// Runs the extractor over messages, in batches of `batchSize`, and turns its answers into
    /// writes for the store. A message the extractor did not answer for gets a retryable failure.
    /// `@concurrent`: the rules are the CPU's work, done off the caller's actor (the gateway writer
    /// classifies the next batch while its last one commits).
    @concurrent
    public func extract(_ messages: [(id: Int64, content: String)]) async -> [ExtractionWrite] {
        var writes: [ExtractionWrite] = []
        writes.reserveCapacity(messages.count)
        let info = extractor.info
        var start = 0
        while start < messages.count {
            let slice = messages[start..<min(start + batchSize, messages.count)]
            start += slice.count
            let inputs = slice.map { ExtractionInput(id: String($0.id), content: $0.content) }
            let outcomes = await extractor.extract(inputs)
            // Extractors answer each input once, in order: then the answers are taken by position,
            // without a dictionary of them by id. Otherwise (or when a message comes twice) the
            // first answer given for a message's id counts.
            var positional =
                outcomes.count == inputs.count
                && zip(outcomes, inputs).allSatisfy { $0.id == $1.id }
            if positional {
                var seen = Set<Int64>(minimumCapacity: slice.count)
                positional = slice.allSatisfy { seen.insert($0.id).inserted }
            }
            let byID = positional ? [:] : Dictionary(outcomes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (offset, message) in slice.enumerated() {
                let input = inputs[offset]
                let answer = positional ? outcomes[offset] : byID[input.id]
                let outcome =
                    answer
                    ?? ExtractionOutcome(
                        id: input.id,
                        result: .failure(ExtractionError("the extractor gave no answer for this message", retryable: true)))
                var identity: PostingIdentity?
                if case .success(let result) = outcome.result, let posting = result.posting {
                    identity = PostingDeduplication.identity(of: posting)
                }
                writes.append(ExtractionWrite(messageID: message.id, extractor: info, outcome: outcome, postingIdentity: identity))
            }
        }
        return writes
    }
}
