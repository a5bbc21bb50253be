public import Alerts
import Foundation
public import Logging
public import Store

/// The health of every configured feed, from the poller's reports and the clock, and the reports
/// to the admins it gave rise to until each is delivered. A feed's health and its undelivered
/// reports are one settings value (`feed_health:<name>`), written in one statement: a restart
/// neither repeats a report nor forgets one. One actor owns them all, so the poller's tasks and
/// the monitor's clock never write over each other. Times are Unix milliseconds.
public actor FeedHealthTracker {
    /// What is kept per feed.
    struct Record: Codable, Sendable {
        var health = FeedHealth()
        /// Oldest first; a destination's reports go out in this order.
        var outbox: [AdminReport] = []
    }

    let feeds: [String]
    /// Destination keys of `admin:` in alerts.yaml; none: reports are logged only.
    let admins: [String]
    let alertAfter: Duration
    let store: Store
    /// Rung when a report is queued.
    let deliveries: Wakeup
    let logger: Logger
    private var records: [String: Record]

    public init(
        feeds: [String], admins: [String], alertAfter: Duration, store: Store, deliveries: Wakeup, logger: Logger
    ) async {
        var records: [String: Record] = [:]
        for feed in feeds {
            var record = await Self.stored(feed, in: store, logger: logger) ?? Record()
            // A report for a destination no longer configured has nowhere to go.
            for report in record.outbox where !admins.contains(report.destination) {
                logger.warning(
                    "a source-health report's destination is no longer in admin:, dropped",
                    metadata: [
                        "feed": "\(feed)", "destination": "\(report.destination)",
                    ])
            }
            record.outbox.removeAll { !admins.contains($0.destination) }
            records[feed] = record
        }
        self.records = records
        self.feeds = feeds
        self.admins = admins
        self.alertAfter = alertAfter
        self.store = store
        self.deliveries = deliveries
        self.logger = logger
    }

    static func settingsKey(_ feed: String) -> String { "feed_health:\(feed)" }

    /// A feed's health as last saved, for `alerts status`; nil before its first poll.
    public static func health(of feed: String, in store: Store) async -> FeedHealth? {
        await stored(feed, in: store, logger: nil)?.health
    }

    private static func stored(_ feed: String, in store: Store, logger: Logger?) async -> Record? {
        do {
            guard let text = try await store.setting(settingsKey(feed)) else { return nil }
            return try JSONDecoder().decode(Record.self, from: Data(text.utf8))
        } catch {
            logger?.error("a feed's saved health is unreadable, starting afresh", metadata: ["feed": "\(feed)", "reason": "\(error)"])
            return nil
        }
    }

    // MARK: Health

    /// One poll's report, made at `now`.
    public func record(_ report: FeedPollReport, at now: Int64) async {
        guard var record = records[report.feed] else { return }
        let poll: FeedHealth.Poll
        switch report.outcome {
        case .notModified: poll = .notModified
        case .fetched(let items, _, _, let skipped):
            poll = .fetched(items: items, skipped: skipped.count, firstProblem: skipped.first?.description)
        case .failed(let reason): poll = .failed(reason: reason)
        }
        let action = record.health.record(poll, at: now, alertAfter: alertAfter)
        apply(action, to: &record, feed: report.feed, at: now)
        await save(record, feed: report.feed)
        DaemonMetrics.feedHealth(feed: report.feed, health: record.health, now: now)
    }

    /// The clock's check of every feed: one unhealthy for `alertAfter` is reported now, whenever
    /// its next poll is.
    public func evaluate(at now: Int64) async {
        for feed in feeds {
            guard var record = records[feed] else { continue }
            if let action = record.health.evaluate(at: now, alertAfter: alertAfter) {
                apply(action, to: &record, feed: feed, at: now)
                await save(record, feed: feed)
            }
            DaemonMetrics.feedHealth(feed: feed, health: record.health, now: now)
        }
    }

    private func apply(_ action: FeedHealth.Action?, to record: inout Record, feed: String, at now: Int64) {
        guard let action else { return }
        let text = SourceHealthMessage.text(action, feed: feed, at: now)
        let event: String
        let metadata: Logger.Metadata = ["feed": "\(feed)", "report": "\(text)", "admin_destinations": "\(admins.count)"]
        switch action {
        case .reportDown(let since, _):
            event = "down \(since)"
            logger.error("feed unhealthy", metadata: metadata)
        case .reportRecovered(let since):
            event = "recovered \(since)"
            logger.notice("feed recovered", metadata: metadata)
        }
        let id = "\(feed) \(event)"
        for destination in admins where !record.outbox.contains(where: { $0.id == id && $0.destination == destination }) {
            record.outbox.append(AdminReport(id: id, feed: feed, text: text, destination: destination, queuedAt: now))
        }
        if !admins.isEmpty { deliveries.ring() }
    }

    // MARK: Delivery

    /// For each feed and destination, its oldest report if it is due: a destination hears about
    /// one feed in the order things happened.
    public func dueReports(at now: Int64) -> [AdminReport] {
        var due: [AdminReport] = []
        for feed in feeds {
            var seen: Set<String> = []
            for report in records[feed]?.outbox ?? [] where seen.insert(report.destination).inserted && report.isDue(at: now) {
                due.append(report)
            }
        }
        return due
    }

    /// What came of sending `report`; it leaves the outbox once sent or given up.
    public func recordDelivery(of report: AdminReport, _ result: DeliveryResult, at now: Int64) async {
        guard var record = records[report.feed],
            let index = record.outbox.firstIndex(where: { $0.id == report.id && $0.destination == report.destination })
        else { return }
        let metadata: Logger.Metadata = ["feed": "\(report.feed)", "destination": "\(report.destination)"]
        switch result {
        case .sent:
            record.outbox.remove(at: index)
        case .retryLater(let after, let reason):
            if record.outbox[index].failed(at: now, retryAfter: after) {
                logger.warning(
                    "source-health report not delivered yet, will retry", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
            } else {
                record.outbox.remove(at: index)
                logger.error(
                    "gave up on a source-health report after \(AdminReport.maximumAttempts) attempts",
                    metadata: metadata.merging(["reason": "\(reason)", "report": "\(report.text)"]) { $1 })
            }
        case .rejected(let reason):
            record.outbox.remove(at: index)
            logger.error(
                "an admin destination refuses source-health reports; this one is dropped",
                metadata: metadata.merging(["reason": "\(reason)", "report": "\(report.text)"]) { $1 })
        }
        await save(record, feed: report.feed)
    }

    /// Every feed's health, for tests and status.
    public func health() -> [String: FeedHealth] {
        records.mapValues(\.health)
    }

    /// Reports not yet delivered, oldest first per feed.
    public func pendingReports() -> [AdminReport] {
        feeds.flatMap { records[$0]?.outbox ?? [] }
    }

    private func save(_ record: Record, feed: String) async {
        records[feed] = record
        do {
            let data = try JSONEncoder().encode(record)
            try await store.setSetting(Self.settingsKey(feed), to: String(decoding: data, as: UTF8.self))
        } catch {
            // Kept in memory: it is retried with the next change, and holds while the daemon runs.
            logger.error("saving a feed's health failed", metadata: ["feed": "\(feed)", "reason": "\(error)"])
        }
    }
}
