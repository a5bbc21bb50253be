public import Alerts
import AsyncHTTPClient
import Foundation
public import Logging
public import ServiceLifecycle
public import Store
public import Support

/// Polls the job feeds: one task per feed, so a slow or failing feed never holds up another.
/// Each poll is a conditional GET; new items are normalized and stored (a job already known, by
/// URL or by company, title and location, from any source, is not stored again), and the alert
/// matcher is woken. A feed's validators and schedule are kept in the store, so a restart neither
/// refetches everything nor polls early.
public struct FeedPoller: Service, CustomStringConvertible {
    let feeds: [FeedSource]
    let store: Store
    let fetcher: FeedFetcher
    let normalizer: @Sendable () -> PostingNormalizer
    /// Rung when postings were stored.
    let matcher: Wakeup
    /// Told every poll's outcome, to judge each source's health; nil: nobody watches.
    let health: FeedHealthTracker?
    let logger: Logger
    /// Waits for a feed's next poll run on it.
    let clock: AnyClock
    /// The time of day a poll is made at, in Unix milliseconds: its schedule, its postings' times
    /// and its health report are read from it. The wall clock in production; a test clock's
    /// reading in tests.
    let now: @Sendable () -> Int64

    public init(
        feeds: [FeedSource], store: Store, fetcher: FeedFetcher, normalizer: @escaping @Sendable () -> PostingNormalizer, matcher: Wakeup,
        health: FeedHealthTracker? = nil, logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.clock = AnyClock(clock)
        self.now = now
        self.feeds = feeds
        self.store = store
        self.fetcher = fetcher
        self.normalizer = normalizer
        self.matcher = matcher
        self.health = health
        self.logger = logger
    }

    public var description: String { "FeedPoller" }

    public func run() async throws {
        // With no feeds there is nothing to do, but a service that returns early stops the daemon.
        guard !feeds.isEmpty else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for feed in feeds {
                    group.addTask { await poll(feed) }
                }
            }
        }
    }

    /// Polls one feed whenever it is due, until cancelled.
    private func poll(_ feed: FeedSource) async {
        var state = await loadState(feed)
        while !Task.isCancelled {
            // In whole milliseconds: a wait of none is due now, so a clock that stands still between
            // readings (a test's) never spins on a zero-length sleep.
            if let nextPollAt = state.nextPollAt, case let wait = nextPollAt - now(), wait > 0 {
                guard (try? await clock.sleep(for: .milliseconds(wait))) != nil else { return }
            }
            let report = await pollOnce(feed, state: &state)
            await saveState(state, feed)
            // A poll cut short by shutdown says nothing about the source.
            if !Task.isCancelled { await health?.record(report, at: now()) }
        }
    }

    /// One poll of `feed` now, whatever its schedule, with its stored state read before and saved
    /// after, as the daemon's loop does: what `feeds poll` runs.
    public func pollNow(_ feed: FeedSource) async -> FeedPollReport {
        var state = await loadState(feed)
        let report = await pollOnce(feed, state: &state)
        await saveState(state, feed)
        return report
    }

    /// One conditional GET and what came of it; the state records the outcome and the next time.
    @discardableResult
    func pollOnce(_ feed: FeedSource, state: inout FeedSourceState) async -> FeedPollReport {
        let outcome = await fetcher.fetch(url: feed.url, state: state)
        let now = now()
        func report(_ outcome: FeedPollReport.Outcome) -> FeedPollReport { FeedPollReport(feed: feed.name, outcome: outcome) }
        if Task.isCancelled { return report(.failed(reason: "cancelled")) }
        switch outcome {
        case .notModified(let etag, let lastModified):
            state.recordSuccess(etag: etag, lastModified: lastModified, now: now, interval: feed.interval)
            DaemonMetrics.feedPoll(feed: feed.name, outcome: "not_modified")
            logger.debug("feed not modified", metadata: ["feed": "\(feed.name)"])
            return report(.notModified)
        case .fetched(let body, let etag, let lastModified):
            let parsed = feed.parse(body)
            if let error = parsed.error {
                // A broken body is the server's fault; keep the old validators so the next poll
                // fetches it again instead of trusting a 304 for what never parsed.
                state.recordFailure(now: now, interval: feed.interval)
                DaemonMetrics.feedPoll(feed: feed.name, outcome: "failed")
                logger.warning("feed unreadable, skipped", metadata: ["feed": "\(feed.name)", "reason": "\(error)"])
                return report(.failed(reason: error))
            }
            do {
                let (postings, stored) = try await store(parsed, of: feed, now: now)
                state.recordSuccess(etag: etag, lastModified: lastModified, now: now, interval: feed.interval)
                DaemonMetrics.feedPoll(feed: feed.name, outcome: "fetched", newPostings: stored, skippedItems: parsed.skipped.count)
                logger.info(
                    "feed polled",
                    metadata: [
                        "feed": "\(feed.name)", "items": "\(parsed.items.count)", "new": "\(stored)", "skipped": "\(parsed.skipped.count)",
                    ])
                if stored > 0 { matcher.ring() }
                return report(.fetched(items: parsed.items.count, postings: postings, new: stored, skipped: parsed.skipped))
            } catch {
                state.recordFailure(now: now, interval: feed.interval)
                logger.error("storing a feed's postings failed, retrying later", metadata: ["feed": "\(feed.name)", "reason": "\(error)"])
                return report(.failed(reason: "storing its postings failed: \(error)"))
            }
        case .failed(let reason, let retryAfter):
            state.recordFailure(now: now, interval: feed.interval, retryAfter: retryAfter)
            DaemonMetrics.feedPoll(feed: feed.name, outcome: "failed")
            logger.warning(
                "feed poll failed, backing off",
                metadata: [
                    "feed": "\(feed.name)", "reason": "\(reason)", "failures": "\(state.consecutiveFailures)",
                    "next_poll_in_s": "\(((state.nextPollAt ?? now) - now) / 1000)",
                ])
            return report(.failed(reason: reason))
        }
    }

    /// Stores the items that are jobs; returns how many were jobs, and how many of those were new.
    private func store(_ parsed: FeedParseResult, of feed: FeedSource, now: Int64) async throws -> (postings: Int, new: Int) {
        for problem in parsed.skipped.prefix(10) {
            logger.warning("feed item skipped", metadata: ["feed": "\(feed.name)", "reason": "\(problem)"])
        }
        if parsed.skipped.count > 10 {
            logger.warning("feed items skipped", metadata: ["feed": "\(feed.name)", "more": "\(parsed.skipped.count - 10)"])
        }
        let normalizer = normalizer()
        let writes = parsed.items.compactMap { normalizer.write(from: $0, now: now) }
        return (writes.count, try await store.postings.insertFromFeeds(writes, now: now))
    }

    // MARK: State

    /// The state is kept with the URL it belongs to: validators of another URL mean nothing.
    private struct Saved: Codable {
        var url: String
        var state: FeedSourceState
    }

    private static func settingsKey(_ feed: FeedSource) -> String { "feed_state:\(feed.name)" }

    private func loadState(_ feed: FeedSource) async -> FeedSourceState {
        guard let text = try? await store.setting(Self.settingsKey(feed)),
            let saved = try? JSONDecoder().decode(Saved.self, from: Data(text.utf8)), saved.url == feed.url
        else { return FeedSourceState() }
        return saved.state
    }

    private func saveState(_ state: FeedSourceState, _ feed: FeedSource) async {
        guard let data = try? JSONEncoder().encode(Saved(url: feed.url, state: state)) else { return }
        do {
            try await store.setSetting(Self.settingsKey(feed), to: String(decoding: data, as: UTF8.self))
        } catch {
            logger.error("saving a feed's state failed", metadata: ["feed": "\(feed.name)", "reason": "\(error)"])
        }
    }
}
