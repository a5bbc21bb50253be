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
/// formats, and a real SQLite file. Feeds poll every half second and alert after two, so that a
/// failure, its report, the backoff and the recovery all happen within seconds.
@Suite(.timeLimit(.minutes(1))) struct SourceHealthTests {
    static let chat = "-1009876543210"
    static let channel = Snowflake(rawValue: 1_000_000_000_000_000_077)
    static let alertAfter: TimeInterval = 2

    let directory: TemporaryDirectory
    let store: Store
    let logger = Logger(label: "source-health-tests")

    init() throws {
        directory = try TemporaryDirectory(prefix: "source-health")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
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

    func tracker(feeds: [String], admins: [AlertDestination], alertAfter: TimeInterval = Self.alertAfter, deliveries: Wakeup = Wakeup())
        -> FeedHealthTracker
    {
        FeedHealthTracker(
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

    func services(
        _ server: FakeFeedServer, _ feed: FeedSource, tracker: FeedHealthTracker, delivery: NotificationDelivery, deliveries: Wakeup
    )
        -> [any Service]
    {
        [
            FeedPoller(
                feeds: [feed], store: store, fetcher: FeedFetcher(httpClient: server.httpClient, timeout: .seconds(10)),
                normalizer: { PostingNormalizer(catalog: try! CompanyCatalog([])) }, matcher: Wakeup(), health: tracker, logger: logger),
            FeedHealthMonitor(
                tracker: tracker, delivery: delivery, deliveries: deliveries, tick: .milliseconds(200), spacing: .milliseconds(100),
                logger: logger),
        ]
    }

    @Test func aFailingFeedIsReportedOnceWithinAlertAfterThenItsRecoveryOnce() async throws {
        defer { directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                try await FakeFeedServer.withRunning { server in
                    await server.feeds.set(path: "/api", body: Self.remoteOK(), contentType: "application/json")
                    let feed = FeedSource(name: "remoteok", format: .remoteOK, url: server.url("/api?api_key=feed-secret"), interval: 0.5)
                    let slackURL = messaging.slackWebhookURL("T0ADMIN/B0ADMIN/admin")
                    let deliveries = Wakeup()
                    let tracker = tracker(
                        feeds: ["remoteok"],
                        admins: [.telegram(chatID: Self.chat), .slack(webhookURL: slackURL), .discordChannel("\(Self.channel)")],
                        deliveries: deliveries)
                    let delivery = Self.delivery(messaging, discord: discord.restClient(logger: logger))
                    try await running(services(server, feed, tracker: tracker, delivery: delivery, deliveries: deliveries)) {
                        try await eventually("a first healthy poll") { await tracker.health()["remoteok"]?.condition == .healthy }
                        // The host starts failing: three polls answer 503, backing off 1 s, 2 s, 4 s.
                        await server.feeds.failNext("/api", .status(503), times: 3)
                        try await eventually("the report that the feed is down") { await messaging.telegram.sent.count == 1 }
                        let requests = await server.feeds.requests(for: "/api")
                        let firstFailure = try #require(requests.first { $0.status == 503 })
                        let down = try #require(await messaging.telegram.sent.first)
                        // Reported once it had failed for alert_after, and not long after.
                        let delay = firstFailure.at.duration(to: down.at)
                        #expect(delay >= .seconds(Self.alertAfter) && delay < .seconds(Self.alertAfter + 3), "\(delay)")
                        #expect(down.chatID == Self.chat && down.parseMode == "HTML")
                        #expect(
                            down.text.hasPrefix("Feed remoteok has been failing for ") && down.text.contains(" s: HTTP 503"), "\(down.text)"
                        )
                        #expect(!down.text.contains("feed-secret"))

                        try await eventually("the report that the feed recovered") { await messaging.telegram.sent.count == 2 }
                        let served = await server.feeds.requests(for: "/api")
                        #expect(served.filter { $0.status == 503 }.count == 3)
                        let recovered = await messaging.telegram.sent[1]
                        #expect(recovered.text.hasPrefix("Feed remoteok recovered after "), "\(recovered.text)")
                        // No repeat while it failed: the recovery came after the last failed poll and the first good one.
                        let lastFailure = try #require(served.last { $0.status == 503 })
                        #expect(lastFailure.at < recovered.at && down.at < lastFailure.at)

                        // Every admin destination heard both, once, in order; then nothing more.
                        try await eventually("Slack and Discord to hear both") {
                            let slack = await messaging.slack.posted.count
                            let channel = await discord.rest.history(channelID: Self.channel).count
                            return slack == 2 && channel == 2
                        }
                        try await Task.sleep(for: .seconds(1.5))
                        let telegram = await messaging.telegram.sent.map(\.text)
                        let slack = await messaging.slack.posted.compactMap { $0.payload["text"]?.stringValue }
                        let channel = await discord.rest.history(channelID: Self.channel)
                        #expect(telegram.count == 2 && slack == telegram, "\(telegram) \(slack)")
                        #expect(channel.compactMap { $0["content"]?.stringValue } == telegram)
                        #expect(Set(channel.compactMap { $0["nonce"]?.stringValue }).count == 2)
                        #expect(await tracker.pendingReports().isEmpty)
                        let health = try #require(await tracker.health()["remoteok"])
                        #expect(health.condition == .healthy && health.lastItems == 2 && health.lastSkipped == 0)
                    }
                }
            }
        }
        // What the daemon would read after a restart: healthy, nothing left to send.
        let saved = try #require(FeedHealthTracker.health(of: "remoteok", in: store))
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
                let feed = FeedSource(name: "remoteok", format: .remoteOK, url: server.url("/api"), interval: 0.5)
                let deliveries = Wakeup()
                let tracker = tracker(feeds: ["remoteok"], admins: [.telegram(chatID: Self.chat)], deliveries: deliveries)
                try await running(services(server, feed, tracker: tracker, delivery: Self.delivery(messaging), deliveries: deliveries)) {
                    try await eventually("the report of the skipped items") { await messaging.telegram.sent.count == 1 }
                    let text = await messaging.telegram.sent[0].text
                    #expect(
                        text.hasPrefix("Feed remoteok has been failing for ")
                            && text.hasSuffix(" s: 2 of 2 items skipped (item 1: no position)"), "\(text)")
                    // The feed is fixed: the next poll reads it whole.
                    await server.feeds.set(path: "/api", body: Self.remoteOK(), contentType: "application/json")
                    try await eventually("the recovery") { await messaging.telegram.sent.count == 2 }
                    #expect(await messaging.telegram.sent[1].text.hasPrefix("Feed remoteok recovered after "))
                    #expect(try store.postings().count == 2)
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
                let first = tracker(feeds: ["remoteok"], admins: admins, alertAfter: 0)
                await first.record(
                    FeedPollReport(feed: "remoteok", outcome: .failed(reason: "HTTP 503 from feed host remoteok.com")), at: Date())
                #expect(await first.pendingReports().count == 2)
            }
            await messaging.telegram.rateLimit(retryAfter: 1)
            // The webhook was deleted meanwhile.
            await messaging.slack.setRevoked(["T0ADMIN/B0ADMIN/admin"])
            let deliveries = Wakeup()
            let second = tracker(feeds: ["remoteok"], admins: admins, alertAfter: 0, deliveries: deliveries)
            #expect(await second.pendingReports().count == 2)
            let monitor = FeedHealthMonitor(
                tracker: second, delivery: Self.delivery(messaging), deliveries: deliveries, tick: .milliseconds(200),
                spacing: .milliseconds(100), logger: logger)
            try await running([monitor]) {
                try await eventually("the report delivered after the 429") { await messaging.telegram.sent.count == 1 }
                try await eventually("the refused one dropped") { await second.pendingReports().isEmpty }
                try await Task.sleep(for: .seconds(1))
            }
            let sent = await messaging.telegram.sent
            #expect(sent.count == 1 && sent[0].chatID == Self.chat && sent[0].text.hasPrefix("Feed remoteok has been failing for"))
            let slackPosted = await messaging.slack.posted
            #expect(await messaging.slack.attempts == 1 && slackPosted.isEmpty)
            let times = await messaging.telegram.attemptTimes
            #expect(times.count == 2, "a 429, then the delivery")
            // The wait the 429 asked for was honoured.
            #expect(times.first!.duration(to: sent[0].at) >= .milliseconds(950))

            // A third start: reported, delivered, nothing to say until the feed recovers.
            let third = tracker(feeds: ["remoteok"], admins: admins, alertAfter: 0)
            await third.evaluate(at: Date().addingTimeInterval(3_600))
            #expect(await third.pendingReports().isEmpty)
            await third.record(FeedPollReport(feed: "remoteok", outcome: .notModified), at: Date())
            #expect(await third.pendingReports().map(\.text).allSatisfy { $0.hasPrefix("Feed remoteok recovered after") })
            #expect(await third.pendingReports().count == 2)
        }
    }
}
