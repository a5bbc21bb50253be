import Alerts
public import Logging
public import ServiceLifecycle
public import Store
import Support

/// Scores every new posting (from extraction or a feed) against the alert profiles and writes the
/// matches to the outbox. Its place is the last posting id scored, moved in the same transaction
/// as the matches it queued: after a crash it goes on where it stopped, queueing nothing twice
/// and skipping nothing.
public struct AlertMatcher: Service, CustomStringConvertible {
    let store: Store
    /// Rung when postings are written.
    let wakeup: Wakeup
    /// Rung when notifications were queued.
    let notifier: Wakeup
    let pollInterval: Duration
    let batchSize: Int
    let logger: Logger
    let clock: AnyClock

    public init(
        store: Store, wakeup: Wakeup, notifier: Wakeup, pollInterval: Duration = .seconds(5), batchSize: Int = 500, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.store = store
        self.wakeup = wakeup
        self.notifier = notifier
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.logger = logger
    }

    public var description: String { "AlertMatcher" }

    public func run() async throws {
        try await PeriodicWorker(wakeup: wakeup, pollInterval: pollInterval, clock: clock).run {
            do {
                // The profiles and what they learned are read once a round, not once a batch: a
                // catch-up of many batches (an import) would read them again each time.
                let router = try await router()
                while try await matchBatch(router: router) > 0 {}
            } catch {
                logger.error("matching postings failed, retrying later: \(error)")
            }
        }
    }

    /// Every profile as it stands, with what its feedback taught it.
    func router() async throws -> PostingRouter {
        PostingRouter(profiles: try await store.alertProfiles.all(), learned: try await AlertFeedback(store: store).learned())
    }

    /// Scores the next batch of new postings with `router`; returns how many postings it scored.
    @discardableResult
    func matchBatch(router: PostingRouter, now: Int64 = Timestamp.now()) async throws -> Int {
        let after = try await store.outbox.matchedThrough()
        let postings = try await store.postings.list(after: after, limit: batchSize)
        guard let last = postings.last else { return 0 }
        let entries = router.entries(for: postings, now: now)
        let queued = try await store.outbox.enqueue(entries, matchedThrough: last.id, now: now)
        DaemonMetrics.postingsMatched(postings.count, notificationsQueued: queued)
        if queued > 0 {
            logger.info("queued notifications", metadata: ["postings": "\(postings.count)", "notifications": "\(queued)"])
            notifier.ring()
        }
        return postings.count
    }
}
