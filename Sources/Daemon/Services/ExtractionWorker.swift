public import Bot
import Domain
import Extraction
public import Logging
public import ServiceLifecycle
import Store
import Support

/// Extracts pending messages in the background: woken when messages arrive, and every
/// `pollInterval` for retries that came due. On shutdown it finishes the batch in hand, so what
/// it claimed is written, and leaves the rest pending for the next start; a batch that outlasts
/// the daemon's grace (a model that does not answer) is cancelled, and its messages deferred.
public struct ExtractionWorker: Service, CustomStringConvertible {
    let pipeline: ExtractionPipeline
    let wakeup: Wakeup
    /// Rung when a batch wrote postings, for the alert matcher.
    let postings: Wakeup?
    let pollInterval: Duration
    let logger: Logger
    let clock: AnyClock

    public init(
        pipeline: ExtractionPipeline, wakeup: Wakeup, postings: Wakeup? = nil, pollInterval: Duration = .seconds(1), logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.pipeline = pipeline
        self.wakeup = wakeup
        self.postings = postings
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public var description: String { "ExtractionWorker" }

    public func run() async throws {
        try await PeriodicWorker(wakeup: wakeup, pollInterval: pollInterval, clock: clock).run { await drain() }
    }

    /// Processes batches until none is due, or shutdown begins: a backlog waits for the next start.
    private func drain() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let start = ContinuousClock.now
                let summary = try await pipeline.processBatch()
                let handled = summary.done + summary.failed + summary.retrying + summary.deferred
                guard handled > 0 else { return }
                if summary.postingsWritten > 0 { postings?.ring() }
                DaemonMetrics.extraction(messages: handled, took: ContinuousClock.now - start, extractor: pipeline.extractor.info.name)
                logger.debug(
                    "extracted a batch",
                    metadata: [
                        "done": "\(summary.done)", "failed": "\(summary.failed)", "retrying": "\(summary.retrying)",
                        "deferred": "\(summary.deferred)",
                        "updates": "\(summary.updatesWritten)",
                    ])
            } catch {
                // The database is busy or failing: the messages stay pending; try again later.
                logger.error("extraction batch failed, retrying later: \(error)")
                return
            }
        }
    }
}
