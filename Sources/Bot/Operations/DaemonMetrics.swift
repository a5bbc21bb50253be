import Alerts
import Foundation
import Metrics
public import Prometheus
package import Store

/// The daemon's metrics, named in one place. They go to whatever swift-metrics backend the
/// process bootstrapped: Prometheus under `hiringpulse run`, nothing in tests and benchmarks.
public enum DaemonMetrics {
    /// Bootstraps swift-metrics with a Prometheus registry, once per process, and returns the
    /// registry that `/metrics` prints.
    public static func bootstrapPrometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    package static func gatewayEvent(_ type: String) {
        Metrics.Counter(label: "hiringpulse_gateway_events_total", dimensions: [("type", type)]).increment()
    }

    package static func gatewaySession(shard: Int, ready: Bool) {
        Metrics.Gauge(label: "hiringpulse_gateway_ready", dimensions: [("shard", "\(shard)")]).record(ready ? 1 : 0)
    }

    /// A session resumed, or a new one after a drop: either way the connection was remade.
    package static func gatewayReconnect(shard: Int, resumed: Bool) {
        Metrics.Counter(
            label: "hiringpulse_gateway_reconnects_total",
            dimensions: [("shard", "\(shard)"), ("kind", resumed ? "resume" : "new_session")]
        )
        .increment()
    }

    package static func extraction(messages: Int, took duration: Duration, extractor: String) {
        guard messages > 0 else { return }
        let (seconds, attoseconds) = duration.components
        Metrics.Timer(label: "hiringpulse_extraction_batch_duration_seconds", dimensions: [("extractor", extractor)])
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        Metrics.Counter(label: "hiringpulse_extraction_messages_total", dimensions: [("extractor", extractor)]).increment(by: messages)
    }

    package static func interaction(command: String) {
        Metrics.Counter(label: "hiringpulse_interactions_total", dimensions: [("command", command)]).increment()
    }

    static func postingsMatched(_ postings: Int, notificationsQueued: Int) {
        Metrics.Counter(label: "hiringpulse_postings_matched_total").increment(by: postings)
        Metrics.Counter(label: "hiringpulse_notifications_queued_total").increment(by: notificationsQueued)
    }

    /// One delivery attempt: `sent`, `retry` or `rejected`, per service.
    static func delivery(service: String, outcome: String) {
        Metrics.Counter(label: "hiringpulse_notification_deliveries_total", dimensions: [("service", service), ("outcome", outcome)])
            .increment()
    }

    /// One poll of a feed: `new` postings stored, `not_modified`, or `failed`; and items skipped.
    static func feedPoll(feed: String, outcome: String, newPostings: Int = 0, skippedItems: Int = 0) {
        Metrics.Counter(label: "hiringpulse_feed_polls_total", dimensions: [("feed", feed), ("outcome", outcome)]).increment()
        if newPostings > 0 {
            Metrics.Counter(label: "hiringpulse_feed_postings_total", dimensions: [("feed", feed)]).increment(by: newPostings)
        }
        if skippedItems > 0 {
            Metrics.Counter(label: "hiringpulse_feed_items_skipped_total", dimensions: [("feed", feed)]).increment(by: skippedItems)
        }
    }

    /// A feed's health, once it has been polled: `hiringpulse_feed_healthy` 1 or 0, and the seconds
    /// since its last healthy poll (set on every tick, so it grows while a feed fails).
    static func feedHealth(feed: String, health: FeedHealth, now: Int64) {
        if health.condition != .unknown {
            Metrics.Gauge(label: "hiringpulse_feed_healthy", dimensions: [("feed", feed)]).record(health.isHealthy ? 1 : 0)
        }
        if let lastSuccess = health.lastSuccessAt {
            Metrics.Gauge(label: "hiringpulse_feed_seconds_since_success", dimensions: [("feed", feed)])
                .record(max(0, now - lastSuccess) / 1000)
        }
    }

    /// Figures read from the store when `/metrics` is scraped: messages by status (the pending
    /// ones are the extraction queue) and the notification outbox.
    package static func refresh(from store: Store) async throws {
        let counts = try await store.messages.counts()
        for status in MessageStatus.allCases {
            Metrics.Gauge(label: "hiringpulse_messages", dimensions: [("status", status.rawValue)]).record(counts[status] ?? 0)
        }
        let outbox = try await store.outbox.counts()
        for status in ["pending", "sent", "failed"] {
            Metrics.Gauge(label: "hiringpulse_notifications", dimensions: [("status", status)]).record(outbox[status] ?? 0)
        }
    }
}
