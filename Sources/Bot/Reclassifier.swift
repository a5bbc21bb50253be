import Store

/// Runs extraction again over stored messages in batches, reporting progress after each batch:
/// the one path for `/reclassify scope:` and `hiringpulse reclassify`. Cancellation stops it
/// between batches; what was written stays written.
public struct Reclassifier: Sendable {
    public struct Progress: Sendable, Hashable {
        public var done = 0
        public var total: Int
        public var summary = ExtractionSummary()
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
            let writes = await pipeline.extract(try pipeline.store.contents(ofMessages: batch))
            let summary = try pipeline.store.record(writes, retry: pipeline.retry)
            progress.done += batch.count
            progress.summary.done += summary.done
            progress.summary.failed += summary.failed
            progress.summary.retrying += summary.retrying
            progress.summary.updatesWritten += summary.updatesWritten
            await onProgress(progress)
        }
        return progress
    }

    /// `[#########           ] 45% (450/1000)`, for Discord and terminals alike.
    public static func bar(_ progress: Progress, width: Int = 20) -> String {
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + "\(Int((fraction * 100).rounded(.down)))% (\(progress.done)/\(progress.total))"
    }
}
