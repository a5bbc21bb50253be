import Alerts
public import Logging
public import ServiceLifecycle
public import Store
import Support

/// Delivers the outbox: woken when matches are queued, and every `pollInterval` for retries that
/// came due. Destinations are served side by side and independently, each at its service's pace
/// (one message a second per Telegram chat and per Slack webhook); a 429's wait, or a service
/// that does not answer, holds that destination only.
///
/// A row is marked sent only after the service accepted it, so a crash can repeat at most the
/// message in flight at that instant, and never skips one. On graceful shutdown the messages in
/// flight finish and are recorded.
public struct NotificationWorker: Service, CustomStringConvertible {
    let store: Store
    let delivery: NotificationDelivery
    let wakeup: Wakeup
    let pollInterval: Duration
    let batchSize: Int
    /// Messages one destination gets per round, so a long queue does not hold up shutdown.
    let perDestinationPerRound: Int
    let pacing: Pacing
    let logger: Logger
    /// The poll interval and the pacing waits run on it.
    let clock: AnyClock

    public init(
        store: Store, delivery: NotificationDelivery, wakeup: Wakeup, pollInterval: Duration = .seconds(1), batchSize: Int = 200,
        perDestinationPerRound: Int = 5, spacing: Duration = .seconds(1), logger: Logger, clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.store = store
        self.delivery = delivery
        self.wakeup = wakeup
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.perDestinationPerRound = perDestinationPerRound
        self.pacing = Pacing(DestinationPacer(spacingMilliseconds: Int64(spacing.milliseconds)))
        self.logger = logger
    }

    public var description: String { "NotificationWorker" }

    public func run() async throws {
        try await PeriodicWorker(wakeup: wakeup, pollInterval: pollInterval, clock: clock).run { await drain() }
    }

    /// Serves every destination with rows due, each in a task of its own, until none has more it
    /// can send now. A destination is handed its next rows as soon as it finishes its last ones,
    /// whatever the others do: one whose service hangs until its request times out holds up
    /// nobody else.
    private func drain() async {
        // A turn's end names its destination; nil is the poll tick below.
        await withTaskGroup(of: (destination: String?, handled: Int).self) { group in
            var busy: Set<String> = []
            var ticking = false
            // Destinations whose last turn sent nothing (held by a 429, paced): tried again after
            // the poll interval, not in a loop.
            var resting: Set<String> = []
            while true {
                if !Task.isCancelled && !Task.isShuttingDownGracefully {
                    do {
                        let due = try await store.outbox.due(limit: batchSize, excluding: busy.union(resting))
                        let profiles =
                            due.isEmpty
                            ? [:]
                            : Dictionary(
                                try await store.alertProfiles.all().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                        var queues: [String: [DueNotification]] = [:]
                        var order: [String] = []
                        for row in due {
                            if queues[row.entry.destination] == nil { order.append(row.entry.destination) }
                            queues[row.entry.destination, default: []].append(row)
                        }
                        for destination in order {
                            let rows = Array(queues[destination, default: []].prefix(perDestinationPerRound))
                            busy.insert(destination)
                            group.addTask { (destination, await send(rows, to: destination, profiles: profiles)) }
                        }
                    } catch {
                        logger.error("notification delivery failed, retrying later: \(error)")
                    }
                }
                // Wait for one destination's turn to end, or for the poll interval while some are
                // sending (new matches for others may have come meanwhile), then look again.
                if busy.isEmpty {
                    group.cancelAll() // only the tick can be left
                } else if !ticking {
                    ticking = true
                    group.addTask { [pollInterval, clock] in
                        try? await clock.sleep(for: pollInterval)
                        return (nil, 0)
                    }
                }
                guard let finished = await group.next() else { return }
                guard let destination = finished.destination else {
                    // A poll interval passed: resting destinations may be due again.
                    ticking = false
                    resting.removeAll()
                    continue
                }
                busy.remove(destination)
                if finished.handled == 0 { resting.insert(destination) }
            }
        }
    }

    /// Sends one destination's rows in order, at its pace; returns how many were recorded. Stops
    /// at the first failure: what follows would meet the same.
    private func send(_ rows: [DueNotification], to destination: String, profiles: [Int64: String]) async -> Int {
        var handled = 0
        for row in rows {
            if Task.isShuttingDownGracefully { break }
            let wait = await pacing.readyAt(destination, now: Timestamp.now()) - Timestamp.now()
            // A destination held for long (a 429) is left for a later round.
            if wait > 2_000 { break }
            if wait > 0 { try? await clock.sleep(for: .milliseconds(wait)) }
            do {
                guard let stored = try await store.postings.posting(id: row.entry.postingID), !stored.retracted else {
                    try await store.outbox.recordDelivery(row.id, .dropped(reason: "the posting was retracted before it was sent"))
                    handled += 1
                    continue
                }
                let notification = AlertNotification(
                    posting: PostingNormalizer.posting(from: stored), profileName: profiles[row.entry.profileID] ?? "alerts",
                    match: MatchResult(score: row.entry.score, reasons: row.entry.reasons), feedbackID: row.id)
                let result = await delivery.deliver(notification, to: destination, idempotencyKey: "hp-alert-\(row.id)")
                let now = Timestamp.now()
                await pacing.sent(to: destination, at: now)
                handled += 1
                let service = NotificationDelivery.service(of: destination)
                switch result {
                case .sent:
                    try await store.outbox.recordDelivery(row.id, .sent, now: now)
                    DaemonMetrics.delivery(service: service, outcome: "sent")
                case .retryLater(let after, let reason):
                    let milliseconds = after.map { Int64($0.milliseconds) }
                    try await store.outbox.recordDelivery(row.id, .retry(afterMilliseconds: milliseconds, reason: reason), now: now)
                    // Without a wait from the service, the destination rests for the outbox's first
                    // backoff, so its other rows are not tried one a second meanwhile.
                    await pacing.hold(destination, until: now + (milliseconds ?? OutboxStore.firstDeliveryBackoffMilliseconds))
                    DaemonMetrics.delivery(service: service, outcome: "retry")
                    if milliseconds == nil && row.attempts + 1 >= OutboxStore.maxDeliveryAttempts {
                        logger.error(
                            "gave up on a notification after \(OutboxStore.maxDeliveryAttempts) attempts",
                            metadata: ["destination": "\(destination)", "reason": "\(reason)"])
                    } else {
                        logger.warning(
                            "notification not delivered yet, will retry",
                            metadata: ["destination": "\(destination)", "reason": "\(reason)"])
                    }
                    return handled
                case .rejected(let reason):
                    try await store.outbox.recordDelivery(row.id, .destinationRejected(reason: reason), now: now)
                    DaemonMetrics.delivery(service: service, outcome: "rejected")
                    logger.error(
                        "a destination refuses notifications; its queue is marked failed",
                        metadata: ["destination": "\(destination)", "reason": "\(reason)"])
                    return handled
                }
            } catch {
                logger.error("recording a delivery failed, retrying later: \(error)")
                return handled
            }
        }
        return handled
    }
}

extension NotificationWorker {
    /// The pacer, shared by the destinations' tasks.
    actor Pacing {
        private var pacer: DestinationPacer

        init(_ pacer: DestinationPacer) {
            self.pacer = pacer
        }

        func readyAt(_ destination: String, now: Int64) -> Int64 { pacer.readyAt(destination, now: now) }
        func sent(to destination: String, at now: Int64) { pacer.sent(to: destination, at: now) }
        func hold(_ destination: String, until time: Int64) { pacer.hold(destination, until: time) }
    }
}
