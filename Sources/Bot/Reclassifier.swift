public import Domain
import Extraction
public import Store

/// Runs extraction again over stored messages in batches, reporting progress after each batch:
/// the one path for `/reclassify scope:` and `hiringpulse reclassify`. Cancellation stops it
/// between batches; what was written stays written.
public struct Reclassifier: Sendable {
    public struct Progress: Sendable, Hashable {
        public var done = 0
        public var total: Int
        public var summary = ExtractionSummary()

        package init(done: Int = 0, total: Int, summary: ExtractionSummary = ExtractionSummary()) {
            self.done = done
            self.total = total
            self.summary = summary
        }
    }

    let pipeline: ExtractionPipeline

    public init(pipeline: ExtractionPipeline) {
        self.pipeline = pipeline
    }

    /// Runs over `ids`; stops early (returning what was done) when `shouldStop` says so.
    @discardableResult
    public func run(
        _ ids: [Int64], shouldStop: @Sendable () async -> Bool = { false }, onProgress: @Sendable (Progress) async -> Void
    ) async throws -> Progress {
        var progress = Progress(total: ids.count)
        var start = 0
        while start < ids.count {
            try Task.checkCancellation()
            if await shouldStop() { break }
            let batch = Array(ids[start..<min(start + pipeline.batchSize, ids.count)])
            start += batch.count
            let writes = await pipeline.extract(try await pipeline.store.messages.contents(ofMessages: batch))
            let summary = try await pipeline.store.extractions.record(writes, retry: pipeline.retry)
            progress.done += batch.count
            progress.summary.done += summary.done
            progress.summary.failed += summary.failed
            progress.summary.retrying += summary.retrying
            progress.summary.deferred += summary.deferred
            progress.summary.updatesWritten += summary.updatesWritten
            await onProgress(progress)
        }
        return progress
    }

    /// What running one message again changed.
    public struct MessageResult: Sendable {
        public var content: String
        public var before: [(company: String, stage: Stage)]
        public var after: [(company: String, stage: Stage)]
        /// Why extraction failed this time, if it did.
        public var failure: String?
    }

    public enum MessageOutcome: Sendable {
        case notStored
        case deleted
        case reclassified(MessageResult)
    }

    /// Runs one stored message again now: the one path for `/reclassify message:` and
    /// `hiringpulse reclassify --message`.
    public func reclassify(messageID: Int64) async throws -> MessageOutcome {
        let store = pipeline.store
        guard let message = try await store.messages.message(id: messageID) else { return .notStored }
        guard !message.isDeleted else { return .deleted }
        let before = try await store.extractions.stageUpdates(messageID: messageID)
        let writes = await pipeline.extract([(id: messageID, content: message.content)])
        try await store.extractions.record(writes, retry: pipeline.retry)
        var failure: String?
        if case .failure(let error)? = writes.first?.outcome.result { failure = error.reason }
        return .reclassified(
            MessageResult(
                content: message.content, before: before, after: try await store.extractions.stageUpdates(messageID: messageID),
                failure: failure))
    }

    /// "JPMorgan Chase: OA" for each update, or "nothing".
    public static func describe(_ updates: [(company: String, stage: Stage)], separator: String) -> String {
        updates.isEmpty ? "nothing" : updates.map { "\($0.company): \($0.stage.displayName)" }.joined(separator: separator)
    }

    /// `[#########           ] 45% (450/1000)`, for Discord and terminals alike.
    public static func bar(_ progress: Progress, width: Int = 20) -> String {
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + "\(Int((fraction * 100).rounded(.down)))% (\(progress.done)/\(progress.total))"
    }
}
