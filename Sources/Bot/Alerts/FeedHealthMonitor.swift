import Alerts
import Domain
import Extraction
public import Logging
public import ServiceLifecycle
import Store
public import Support

/// Watches the feeds' health on the clock and delivers the admins' reports. Two loops: the check,
/// every `tick`, which reports a feed failing for `feeds.alert_after_minutes` however long its
/// backoff holds off its next poll; and the delivery, woken when a report is queued and every
/// `tick` for retries that came due. Destinations are served side by side, each at its service's
/// pace, so one that does not answer holds up no other, and never the check.
public struct FeedHealthMonitor: Service, CustomStringConvertible {
    let tracker: FeedHealthTracker
    let delivery: NotificationDelivery
    let deliveries: Wakeup
    let tick: Duration
    let pacing: NotificationWorker.Pacing
    let logger: Logger
    /// The check's tick and the pacing waits run on it.
    let clock: AnyClock
    /// The time of day the health is judged and the reports are sent at, in Unix milliseconds:
    /// the wall clock in production; a test clock's reading in tests, so that `clock` and it move
    /// together.
    let now: @Sendable () -> Int64

    public init(
        tracker: FeedHealthTracker, delivery: NotificationDelivery, deliveries: Wakeup, tick: Duration = .seconds(1),
        spacing: Duration = .seconds(1), logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.clock = AnyClock(clock)
        self.now = now
        self.tracker = tracker
        self.delivery = delivery
        self.deliveries = deliveries
        self.tick = tick
        self.pacing = NotificationWorker.Pacing(DestinationPacer(spacingMilliseconds: Int64(spacing.milliseconds)))
        self.logger = logger
    }

    public var description: String { "FeedHealthMonitor" }

    public func run() async throws {
        // Reports queued before a restart go out at once.
        deliveries.ring()
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                try await PeriodicWorker(wakeup: deliveries, pollInterval: tick, clock: clock).run { await deliverDue() }
            }
            // The check needs no bell: the clock is its only reason to run.
            group.addTask {
                await cancelWhenGracefulShutdown {
                    while (try? await clock.sleep(for: tick)) != nil {
                        await tracker.evaluate(at: now())
                    }
                }
            }
        }
    }

    /// Sends every report that is due, one task per destination, and records each outcome.
    private func deliverDue() async {
        let due = await tracker.dueReports(at: now())
        guard !due.isEmpty else { return }
        let byDestination = Dictionary(grouping: due, by: \.destination)
        await withDiscardingTaskGroup { group in
            for (destination, reports) in byDestination {
                group.addTask { await send(reports, to: destination) }
            }
        }
    }

    private func send(_ reports: [AdminReport], to destination: String) async {
        for report in reports {
            if Task.isShuttingDownGracefully { return }
            let wait = await pacing.readyAt(destination, now: now()) - now()
            // A destination held for long (a 429) is left for a later round.
            if wait > 2_000 { return }
            if wait > 0 { try? await clock.sleep(for: .milliseconds(wait)) }
            let result = await delivery.deliver(adminText: report.text, to: destination, idempotencyKey: report.nonce)
            let now = now()
            await pacing.sent(to: destination, at: now)
            await tracker.recordDelivery(of: report, result, at: now)
            let service = NotificationDelivery.service(of: destination)
            switch result {
            case .sent:
                DaemonMetrics.delivery(service: service, outcome: "sent")
                logger.info("source-health report delivered", metadata: ["feed": "\(report.feed)", "destination": "\(destination)"])
            case .retryLater(let after, _):
                DaemonMetrics.delivery(service: service, outcome: "retry")
                await pacing.hold(
                    destination, until: now + (after ?? AdminReport.firstBackoff).roundedMilliseconds)
                return
            case .rejected:
                DaemonMetrics.delivery(service: service, outcome: "rejected")
                return
            }
        }
    }
}
