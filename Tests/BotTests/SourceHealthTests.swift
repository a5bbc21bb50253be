import Alerts
import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Logging
import ServiceLifecycle
import Store
import Testing

@testable import Bot

/// Source health end to end through the services: the feed poller against the fake feed server,
/// the health monitor delivering to the fake Telegram, Slack and Discord over their real wire
/// formats, and a real SQLite file. The services run on a test clock that the tests step through:
/// feeds poll every half second and alert after two, the monitor ticks every 200 ms, and every
/// time asserted is the test clock's, so that a loaded machine neither slows nor breaks them.
@Suite(.timeLimit(.minutes(1))) struct SourceHealthTests {
    static let chat = "-1009876543210"
    static let channel = Snowflake(rawValue: 1_000_000_000_000_000_077)
    static let alertAfter: Duration = .seconds(2)
    static let tick = Duration.milliseconds(200)

    let directory: TemporaryDirectory
    let store: Store
    let logger = Logger(label: "source-health-tests")

    /// The services' clock, and the time of day it reads as (Unix milliseconds): a whole second of
    /// today, so that the times in the reports are exact.
    let clock = TestClock()
    let now: @Sendable () -> Int64

    init() throws {
        directory = try TemporaryDirectory(prefix: "source-health")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
        now = clock.unixMilliseconds(from: Timestamp.now() / 1000 * 1000)
    }

    /// Moves the clock on by `step` and returns once the services have parked on their timers
    /// again (`sleepers` of them): whatever a timer due by now set off (a poll, a check, a
    /// round of deliveries) has been decided, at this instant of the test clock.
    func step(by step: Duration = .milliseconds(100), sleepers: Int) async {
        clock.advance(by: step)
        await clock.waitForSleepers(sleepers)
    }

    /// Shaped like `https://remoteok.com/api`: the legal notice first, then jobs. `positionKey`
    /// renames the title's field, as a schema drift would.
    static func remoteOK(positionKey: String = "position") -> String {
        let date = ISO8601DateFormatter().string(from: Date())
        let epoch = Int(Date().timeIntervalSince1970)
        return """
            [
              {"last_updated": \(epoch), "legal": "API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source, so we get traffic back from your listing."},
              {"slug": "remote-senior-go-engineer-hooli-1130001", "id": "1130001", "epoch": \(epoch), "date": "\(date)",
               "company": "Hooli", "company_logo": "", "\(positionKey)": "Senior Go Engineer", "tags": ["golang", "backend"], "logo": "",
               "description": "<p>Build Go services &amp; APIs.</p>", "location": "United States", "salary_min": 150000, "salary_max": 190000,
               "apply_url": "https://remoteOK.com/remote-jobs/remote-senior-go-engineer-hooli-1130001/apply",
               "url": "https://remoteOK.com/remote-jobs/remote-senior-go-engineer-hooli-1130001"},
              {"slug": "remote-python-developer-globex-1130002", "id": 1130002, "epoch": \(epoch), "date": "\(date)",
               "company": "Globex", "company_logo": "", "\(positionKey)": "Python Developer", "tags": ["python"], "logo": "",
               "description": "Django.", "location": "", "salary_min": 0, "salary_max": 0,
               "apply_url": "https://remoteOK.com/remote-jobs/remote-python-developer-globex-1130002/apply",
               "url": "https://remoteOK.com/remote-jobs/remote-python-developer-globex-1130002"}
            ]
            """
    }

    func tracker(feeds: [String], admins: [AlertDestination], alertAfter: Duration = Self.alertAfter, deliveries: Wakeup = Wakeup())
        async -> FeedHealthTracker
    {
        await FeedHealthTracker(
            feeds: feeds, admins: admins.map(\.key), alertAfter: alertAfter, store: store, deliveries: deliveries, logger: logger)
    }

    static func delivery(_ messaging: FakeMessaging, discord: DiscordRESTClient? = nil) -> NotificationDelivery {
        let slack = messaging.slackWebhookURL("T0ADMIN/B0ADMIN/admin")
        return NotificationDelivery(
            telegram: TelegramClient(
                baseURL: messaging.telegramBaseURL, token: FakeMessaging.telegramToken, httpClient: messaging.httpClient),
            slack: SlackWebhookClient(httpClient: messaging.httpClient), discord: discord,
            slackWebhooks: [AlertDestination.slack(webhookURL: slack).key: slack])
    }

    /// Runs the services as the daemon does, in a group shut down gracefully when `body` ends.
    func running(_ services: [any Service], _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, gracefulShutdownSignals: [],
                logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var failure: (any Error)?
            do { try await body() } catch { failure = error }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            if let failure { throw failure }
        }
    }

    /// The poller and the monitor on the test clock: three sleepers when both are idle (the feed's
    /// next poll, the monitor's check and its delivery round).
    func services(
        _ server: FakeFeedServer, _ feed: FeedSource, tracker: FeedHealthTracker, delivery: NotificationDelivery, deliveries: Wakeup
    )
        -> [any Service]
    {
        [
            FeedPoller(
                feeds: [feed], store: store, fetcher: FeedFetcher(httpClient: server.httpClient, timeout: .seconds(10)),
                normalizer: { PostingNormalizer(catalog: try! CompanyCatalog([])) }, matcher: Wakeup(), health: tracker, logger: logger,
                clock: clock, now: now),
            monitor(tracker, delivery: delivery, deliveries: deliveries),
        ]
    }

    func monitor(_ tracker: FeedHealthTracker, delivery: NotificationDelivery, deliveries: Wakeup) -> FeedHealthMonitor {
        FeedHealthMonitor(
            tracker: tracker, delivery: delivery, deliveries: deliveries, tick: Self.tick, spacing: .milliseconds(100), logger: logger,
            clock: clock, now: now)
    }

    /// When, on the test clock, each poll of `/api` was answered and the feed was reported down
    /// and recovered, stepping 100 ms at a time until it has recovered (or `limit` has passed).
    /// The down report is delivered before the clock moves on, and `whenReportedDown` runs then.
    struct Timeline {
        var polls: [(status: Int, at: Duration)] = []
        var reportedDownAt: Duration?
        var recoveredAt: Duration?
    }

    func stepUntilRecovered(
        _ server: FakeFeedServer, _ tracker: FeedHealthTracker, limit: Duration = .seconds(30),
        whenReportedDown: () async -> Void = {}
    ) async throws -> Timeline {
        var timeline = Timeline()
        timeline.polls = await server.feeds.requests(for: "/api").map { ($0.status, clock.elapsed) }
        while timeline.recoveredAt == nil && clock.elapsed < limit {
            await step(sleepers: 3)
            timeline.polls += await server.feeds.requests(for: "/api").dropFirst(timeline.polls.count).map { ($0.status, clock.elapsed) }
            switch await tracker.health()["remoteok"]?.condition {
            case .unhealthy(_, _, reported: true)? where timeline.reportedDownAt == nil:
                timeline.reportedDownAt = clock.elapsed
                try await eventually("the down report delivered") { await tracker.pendingReports().isEmpty }
                await whenReportedDown()
            case .healthy? where timeline.reportedDownAt != nil:
                timeline.recoveredAt = clock.elapsed
            default: break
            }
        }
        return timeline
    }

    @Test func aFailingFeedIsReportedOnceWithinAlertAfterThenItsRecoveryOnce() async throws {
        defer { directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                try await FakeFeedServer.withRunning { server in
                    await server.feeds.set(path: "/api", body: Self.remoteOK(), contentType: "application/json")
                    let feed = FeedSource(
                        name: "remoteok", format: .remoteOK, url: server.url("/api?api_key=feed-secret"), interval: .milliseconds(500))
                    let slackURL = messaging.slackWebhookURL("T0ADMIN/B0ADMIN/admin")
                    let deliveries = Wakeup()
                    let tracker = await tracker(
                        feeds: ["remoteok"],
                        admins: [.telegram(chatID: Self.chat), .slack(webhookURL: slackURL), .discordChannel("\(Self.channel)")],
                        deliveries: deliveries)
                    let delivery = Self.delivery(messaging, discord: discord.restClient(logger: logger))
                    try await running(services(server, feed, tracker: tracker, delivery: delivery, deliveries: deliveries)) {
                        // The first poll is made at once; then the services wait on the clock.
                        await clock.waitForSleepers(3)
                        #expect(await tracker.health()["remoteok"]?.condition == .healthy)
                        // The host starts failing: three polls answer 503, backing off 1 s, 2 s, 4 s.
                        await server.feeds.failNext("/api", .status(503), times: 3)
                        let timeline = try await stepUntilRecovered(server, tracker)
                        let failures = timeline.polls.filter { $0.status == 503 }
                        #expect(failures.count == 3, "\(timeline.polls)")
                        let firstFailure = try #require(failures.first).at
                        let reportedDown = try #require(timeline.reportedDownAt, "\(timeline.polls)")
                        let recovered = try #require(timeline.recoveredAt, "\(timeline.polls)")
                        // Reported once it had failed for alert_after, at the monitor's first check after.
                        let delay = reportedDown - firstFailure
                        #expect(delay >= Self.alertAfter && delay <= Self.alertAfter + Self.tick, "\(delay)")
                        // No repeat while it failed: the recovery came with the first good poll after the last failed one.
                        let lastFailure = try #require(failures.last).at
                        #expect(reportedDown < lastFailure && lastFailure < recovered)
                        let firstGood = try #require(timeline.polls.first { $0.at > lastFailure }, "\(timeline.polls)")
                        #expect(firstGood.status < 400 && firstGood.at == recovered, "\(timeline.polls)")

                        try await eventually("the reports on Telegram") { await messaging.telegram.sent.count == 2 }
                        let down = await messaging.telegram.sent[0]
                        #expect(down.chatID == Self.chat && down.parseMode == "HTML")
                        #expect(
                            down.text.hasPrefix("Feed remoteok has been failing for 2 s: ") && down.text.contains(" s: HTTP 503"),
                            "\(down.text)")
                        #expect(!down.text.contains("feed-secret"))
                        #expect(await messaging.telegram.sent[1].text.hasPrefix("Feed remoteok recovered after "))

                        // Every admin destination heard both, once, in order; then nothing more,
                        // however many polls and checks follow.
                        try await eventually("Slack and Discord to hear both") {
                            let slack = await messaging.slack.posted.count
                            let channel = await discord.rest.history(channelID: Self.channel).count
                            return slack == 2 && channel == 2
                        }
                        for _ in 0..<50 { await step(sleepers: 3) }
                        // Nothing is left to send, and the clock stands still: nothing more can go.
                        #expect(await tracker.pendingReports().isEmpty)
                        let telegram = await messaging.telegram.sent.map(\.text)
                        let slack = await messaging.slack.posted.compactMap { $0.payload["text"]?.stringValue }
                        let channel = await discord.rest.history(channelID: Self.channel)
                        #expect(telegram.count == 2 && slack == telegram, "\(telegram) \(slack)")
                        #expect(channel.compactMap { $0["content"]?.stringValue } == telegram)
                        #expect(Set(channel.compactMap { $0["nonce"]?.stringValue }).count == 2)
                        #expect(await messaging.telegram.attempts == 2)
                        #expect(await messaging.slack.attempts == 2)
                        let health = try #require(await tracker.health()["remoteok"])
                        #expect(health.condition == .healthy && health.lastItems == 2 && health.lastSkipped == 0)
                    }
                }
            }
        }
        // What the daemon would read after a restart: healthy, nothing left to send.
        let saved = try #require(await FeedHealthTracker.health(of: "remoteok", in: store))
        #expect(saved.condition == .healthy)
    }

    /// The "a listings file polled with the wrong format logs a successful poll": a feed
    /// whose every item is skipped is unhealthy, and is reported with why.
    @Test func aFeedWhoseItemsAreMostlySkippedIsReportedAsUnhealthy() async throws {
        defer { directory.remove() }
        try await FakeMessaging.withRunning { messaging in
            try await FakeFeedServer.withRunning { server in
                // `position` renamed to `title`: every job is skipped.
                await server.feeds.set(path: "/api", body: Self.remoteOK(positionKey: "title"), contentType: "application/json")
                let feed = FeedSource(name: "remoteok", format: .remoteOK, url: server.url("/api"), interval: .milliseconds(500))
                let deliveries = Wakeup()
                let tracker = await tracker(feeds: ["remoteok"], admins: [.telegram(chatID: Self.chat)], deliveries: deliveries)
                try await running(services(server, feed, tracker: tracker, delivery: Self.delivery(messaging), deliveries: deliveries)) {
                    await clock.waitForSleepers(3)
                    // The feed is fixed once the report is queued: the next poll reads it whole.
                    let timeline = try await stepUntilRecovered(server, tracker) {
                        await server.feeds.set(path: "/api", body: Self.remoteOK(), contentType: "application/json")
                    }
                    let reportedDown = try #require(timeline.reportedDownAt, "\(timeline.polls)")
                    #expect(reportedDown >= Self.alertAfter && reportedDown <= Self.alertAfter + Self.tick)
                    #expect(timeline.recoveredAt != nil)
                    try await eventually("the report of the skipped items and the recovery") { await messaging.telegram.sent.count == 2 }
                    let text = await messaging.telegram.sent[0].text
                    #expect(
                        text.hasPrefix("Feed remoteok has been failing for ")
                            && text.hasSuffix(" s: 2 of 2 items skipped (item 1: no position)"), "\(text)")
                    #expect(await messaging.telegram.sent[1].text.hasPrefix("Feed remoteok recovered after "))
                    #expect(try await store.postings.list().count == 2)
                }
            }
        }
    }

    /// A report is kept until a service takes it: a restart before it was sent sends it then, a
    /// 429 is waited out, a destination that refuses for good drops it; and a restart after it
    /// was sent sends nothing again.
    @Test func aReportIsDeliveredOnceAcrossRestartsAndRateLimits() async throws {
        defer { directory.remove() }
        try await FakeMessaging.withRunning { messaging in
            let admins: [AlertDestination] = [
                .telegram(chatID: Self.chat), .slack(webhookURL: messaging.slackWebhookURL("T0ADMIN/B0ADMIN/admin")),
            ]
            // The daemon that saw the failure stops before delivering anything.
            do {
                let first = await tracker(feeds: ["remoteok"], admins: admins, alertAfter: .zero)
                await first.record(
                    FeedPollReport(feed: "remoteok", outcome: .failed(reason: "HTTP 503 from feed host remoteok.com")), at: now())
                #expect(await first.pendingReports().count == 2)
            }
            await messaging.telegram.rateLimit(retryAfter: 1)
            // The webhook was deleted meanwhile.
            await messaging.slack.setRevoked(["T0ADMIN/B0ADMIN/admin"])
            let deliveries = Wakeup()
            let second = await tracker(feeds: ["remoteok"], admins: admins, alertAfter: .zero, deliveries: deliveries)
            #expect(await second.pendingReports().count == 2)
            let started = now()
            try await running([monitor(second, delivery: Self.delivery(messaging), deliveries: deliveries)]) {
                // At once: Telegram answers 429 (retry after 1 s), Slack refuses for good.
                try await eventually("the 429 recorded and the refused one dropped") {
                    let pending = await second.pendingReports()
                    return pending.count == 1 && pending[0].notBefore > started
                }
                let waiting = try #require(await second.pendingReports().first)
                #expect(waiting.destination.hasPrefix("telegram:") && waiting.notBefore == started + 1_000)
                // The wait the 429 asked for is honoured: for 0.9 s of checks it is not due, and
                // nothing more reaches Telegram.
                await clock.waitForSleepers(2)
                for _ in 0..<9 {
                    await step(sleepers: 2)
                    #expect(await second.dueReports(at: now()).isEmpty)
                }
                #expect(await messaging.telegram.attempts == 1)
                // The check at 1 s sends it.
                await step(sleepers: 2)
                try await eventually("the report delivered after the 429") { await messaging.telegram.sent.count == 1 }
                try await eventually("nothing left to send") { await second.pendingReports().isEmpty }
                for _ in 0..<10 { await step(sleepers: 2) }
                #expect(await second.pendingReports().isEmpty)
            }
            let sent = await messaging.telegram.sent
            #expect(sent.count == 1 && sent[0].chatID == Self.chat && sent[0].text.hasPrefix("Feed remoteok has been failing for"))
            let slackPosted = await messaging.slack.posted
            #expect(await messaging.slack.attempts == 1 && slackPosted.isEmpty)
            #expect(await messaging.telegram.attempts == 2, "a 429, then the delivery")

            // A third start: reported, delivered, nothing to say until the feed recovers.
            let third = await tracker(feeds: ["remoteok"], admins: admins, alertAfter: .zero)
            await third.evaluate(at: now() + 3_600_000)
            #expect(await third.pendingReports().isEmpty)
            await third.record(FeedPollReport(feed: "remoteok", outcome: .notModified), at: now())
            #expect(await third.pendingReports().map(\.text).allSatisfy { $0.hasPrefix("Feed remoteok recovered after") })
            #expect(await third.pendingReports().count == 2)
        }
    }

    /// A feed's health and its undelivered report as the daemon saved them before times were Unix
    /// milliseconds (Foundation's default `Date` coding): read on start with the same instants,
    /// the report still queued and due when it was.
    @Test func aHealthSavedWithFoundationDatesIsReadOnStart() async throws {
        defer { directory.remove() }
        // Down since 10:01 UTC on 2026-11-23, reported, its Telegram report due at 10:16:30.5.
        let destination = AlertDestination.telegram(chatID: Self.chat).key
        try await store.setSetting(
            "feed_health:remoteok",
            to: """
                {"health":{"condition":{"unhealthy":{"since":817120860,"reported":true,"reason":"HTTP 503"}},\
                "lastPollAt":817120920,"lastSuccessAt":817120800},"outbox":[{"text":"Feed remoteok has been failing for 15 min: \
                HTTP 503","feed":"remoteok","destination":"\(destination)","attempts":1,"notBefore":817121790.5,\
                "id":"remoteok down 1795428060000"}]}
                """)
        let health = try #require(await FeedHealthTracker.health(of: "remoteok", in: store))
        #expect(health.condition == .unhealthy(since: 1_795_428_060_000, reason: "HTTP 503", reported: true))
        #expect(health.lastPollAt == 1_795_428_120_000 && health.lastSuccessAt == 1_795_428_000_000)
        let tracker = await tracker(feeds: ["remoteok"], admins: [.telegram(chatID: Self.chat)])
        #expect(await tracker.pendingReports().map(\.notBefore) == [1_795_428_990_500])
        #expect(await tracker.dueReports(at: 1_795_428_990_499).isEmpty)
        #expect(await tracker.dueReports(at: 1_795_428_990_500).map(\.id) == ["remoteok down 1795428060000"])
        // The first healthy poll is its recovery, 17 minutes after it went down.
        await tracker.record(FeedPollReport(feed: "remoteok", outcome: .notModified), at: 1_795_429_080_000)
        #expect(await tracker.pendingReports().last?.text == "Feed remoteok recovered after 17 min")
    }
}
