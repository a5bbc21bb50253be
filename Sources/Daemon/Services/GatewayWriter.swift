public import Bot
import Domain
import Extraction
public import Logging
public import ServiceLifecycle
public import Store
import Support

/// Group commit for what the gateway delivers: writes are queued in order and committed up to
/// `maxBatch` at a time, one transaction each, instead of one transaction per event (2,000: each
/// commit rewrites an index page once for all the rows it gained). While a commit runs the next
/// batch gathers, and is classified when the rules run inline, so a quiet channel's message is
/// written at once and a burst is written in large batches. The session's sequence is saved in
/// the same transaction as the writes it covers, so a kill before a commit is replayed by RESUME.
///
/// It stops after the gateway (it comes before it in the service group): on graceful shutdown it
/// commits everything queued, the gateway's last session included. A database that keeps refusing
/// the writes stops the daemon, which then resumes from the last committed sequence on restart:
/// going on would acknowledge messages it cannot keep.
public actor GatewayWriter: Service, CustomStringConvertible {
    let store: Store
    /// Rung when a commit left messages pending.
    let extraction: Wakeup
    /// An in-process extractor (the rules) whose outcomes are committed with the messages, so
    /// that they are never written as pending and read back; nil for a remote model, whose calls
    /// the extraction worker makes.
    let inlineExtraction: ExtractionPipeline?
    /// Rung when the inline extraction wrote postings, for the alert matcher.
    let postings: Wakeup?
    let maxBatch: Int
    /// Queued writes past which `submit` waits for the writer (back-pressure on the gateway).
    let highWater: Int
    let logger: Logger
    /// Waits between commits a busy database refused run on it.
    let clock: AnyClock
    private var queue: GatewayWriteQueue
    private var waitingForRoom: [CheckedContinuation<Void, Never>] = []
    private var stopped = false
    private let wakeup = Wakeup()

    public init(
        store: Store, extraction: Wakeup, inlineExtraction: ExtractionPipeline? = nil, postings: Wakeup? = nil,
        sessions: [StoredGatewaySession], maxBatch: Int = 2_000, highWater: Int = 10_000, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.store = store
        self.extraction = extraction
        self.inlineExtraction = inlineExtraction
        self.postings = postings
        self.maxBatch = maxBatch
        self.highWater = highWater
        self.logger = logger
        queue = GatewayWriteQueue(sessions: sessions)
    }

    public nonisolated var description: String { "GatewayWriter" }

    /// Queues a write; waits only while the queue is full.
    public func submit(_ operation: GatewayBatch.Operation, shard: Int, sequence: Int64?) async {
        queue.append(.operation(operation, shard: shard, sequence: sequence))
        wakeup.ring()
        if queue.operationCount >= highWater && !stopped {
            await withCheckedContinuation { waitingForRoom.append($0) }
        }
    }

    /// An event that writes nothing was handled: its sequence is saved with the next batch.
    public func handled(shard: Int, sequence: Int64?) {
        guard sequence != nil else { return }
        queue.append(.handled(shard: shard, sequence: sequence))
        wakeup.ring()
    }

    /// A shard's session changed; saved in order with the writes around it.
    public func sessionChanged(_ session: StoredGatewaySession?, shard: Int) {
        queue.append(.session(shard: shard, session))
        wakeup.ring()
    }

    public func run() async throws {
        defer { releaseWaiting(all: true) }
        try await withGracefulShutdownHandler {
            for await _ in wakeup.rings { try await drain() }
        } onGracefulShutdown: { [wakeup] in
            wakeup.close()
        }
        // Shut down: the gateway has stopped and handed over its session; write what is left.
        try await drain()
        stopped = true
    }

    /// Commits what is queued until nothing is. The next batch is taken and classified while the
    /// last one commits, so that the rules and SQLite each have a core; the commits themselves go
    /// one at a time, in order.
    private func drain() async throws {
        var next = await prepareBatch()
        while let prepared = next {
            async let committed = commit(prepared.batch)
            next = await prepareBatch()
            finished(try await committed, prepared)
            // What came while the last commit ran.
            if next == nil { next = await prepareBatch() }
        }
    }

    /// A batch taken from the queue, with the in-process extractor's outcomes.
    private struct PreparedBatch {
        var batch: GatewayBatch
        var started: ContinuousClock.Instant
    }

    private func prepareBatch() async -> PreparedBatch? {
        guard !queue.isEmpty else { return nil }
        var batch = queue.takeBatch(limit: maxBatch, now: Timestamp.now())
        releaseWaiting(all: false)
        let started = ContinuousClock.now
        await extractInline(&batch)
        return PreparedBatch(batch: batch, started: started)
    }

    private func finished(_ summary: GatewayBatchSummary, _ prepared: PreparedBatch) {
        if summary.pending > 0 { extraction.ring() }
        if summary.extracted.postingsWritten > 0 { postings?.ring() }
        let extracted = summary.extracted.done + summary.extracted.failed
        if let pipeline = inlineExtraction, extracted > 0 {
            DaemonMetrics.extraction(
                messages: extracted, took: ContinuousClock.now - prepared.started, extractor: pipeline.extractor.info.name)
        }
    }

    /// The in-process extractor's outcomes for the batch's messages, to commit with them.
    private func extractInline(_ batch: inout GatewayBatch) async {
        guard let pipeline = inlineExtraction else { return }
        let messages = batch.operations.compactMap { operation -> (id: Int64, content: String)? in
            if case .store(let message, _) = operation { (message.id, message.content) } else { nil }
        }
        guard !messages.isEmpty else { return }
        for write in await pipeline.extract(messages) { batch.outcomes[write.messageID] = write }
        batch.retry = pipeline.retry
    }

    /// Commits, riding out a busy database (an import, a backup) for about ten seconds. A
    /// database that is full, read-only or damaged is not waited on: nothing changes without
    /// someone acting, and the messages are not lost (RESUME or the backfill brings them back).
    private func commit(_ batch: GatewayBatch) async throws -> GatewayBatchSummary {
        var delay = Duration.milliseconds(50)
        var attempt = 1
        while true {
            do {
                return try await store.gateway.commit(batch)
            } catch {
                guard attempt < 8, StoreError.kind(of: error).isTransient else {
                    logger.critical("could not store \(batch.messageCount) gateway messages, stopping: \(error)")
                    throw error
                }
                logger.warning("could not store \(batch.messageCount) gateway messages, retrying: \(error)")
                try await clock.sleep(for: delay)
                delay = min(delay * 2, .seconds(3))
                attempt += 1
            }
        }
    }

    private func releaseWaiting(all: Bool) {
        guard all || queue.operationCount < highWater else { return }
        let waiting = waitingForRoom
        waitingForRoom.removeAll()
        for continuation in waiting { continuation.resume() }
    }
}
