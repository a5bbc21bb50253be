import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Source health in the real `hiringpulse run`: a feed whose host starts failing is reported to
/// the `admin:` destinations of alerts.yaml within `feeds.alert_after_minutes`, once, shown failing
/// on `/metrics` and by `alerts status`, and not reported again by a restarted daemon. (The
/// recovery, which needs the feed polled again within seconds, is shown through the services in
/// BotTests' SourceHealthTests: a daemon's feeds poll at most once a minute.)
@Suite(.timeLimit(.minutes(2))) struct DaemonSourceHealthTests {
    typealias E2E = DaemonEndToEndTests

    static let chat = "-1009876543210"
    static let adminChannel = Snowflake(rawValue: 1_000_000_000_000_000_060)

    static let alerts = """
        profiles: []
        admin:
          - telegram: "\(chat)"
          - discord_channel: "\(adminChannel)"
        """

    @Test func aFailingFeedIsReportedToTheAdminsOnceAndShownFailing() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                try await FakeFeedServer.withRunning { server in
                    try Self.alerts.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                    try DaemonAlertsTests.feeds(server).write(
                        toFile: cli.directory.file("config/feeds.yaml"), atomically: true, encoding: .utf8)
                    // The feed host is down for good.
                    await server.feeds.failNext("/api", .status(503), times: 100)
                    let environment = DaemonAlertsTests.environment(discord, messaging).merging([
                        // Three seconds, so that the test does not wait a quarter of an hour.
                        "HIRINGPULSE_FEEDS_ALERT_AFTER_MINUTES": "0.05"
                    ]) { _, new in new }
                    var (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                    try await daemon.eventually("the report on Telegram and Discord") {
                        let channel = await discord.rest.history(channelID: Self.adminChannel)
                        return await messaging.telegram.sent.count == 1 && channel.count == 1
                    }
                    let firstFailure = try #require(await server.feeds.requests(for: "/api").first)
                    let report = try #require(await messaging.telegram.sent.first)
                    #expect(firstFailure.status == 503)
                    #expect(firstFailure.at.duration(to: report.at) >= .seconds(3) && firstFailure.at.duration(to: report.at) < .seconds(8))
                    #expect(report.chatID == Self.chat)
                    #expect(
                        report.text.hasPrefix("Feed remoteok has been failing for ")
                            && report.text.contains(" s: HTTP 503 from feed host 127.0.0.1:\(server.port)"),
                        "\(report.text)")
                    let posted = await discord.rest.history(channelID: Self.adminChannel)
                    #expect(posted.first?["content"]?.stringValue == report.text)

                    let base = try await OperationsEndpointTests.endpoint(of: daemon)
                    let metrics = try await httpGet("\(base)/metrics", using: discord.httpClient).body
                    #expect(metrics.contains(#"hiringpulse_feed_healthy{feed="remoteok"} 0"#), "\(metrics)")

                    // Still failing, and said once: the saved health has the report made and
                    // delivered, and a feed reported down is not reported again until it recovers.
                    try await daemon.eventually("the deliveries recorded") {
                        try await Self.savedHealth(store) == SavedHealth(reported: true, queued: 0)
                    }
                    #expect(await messaging.telegram.sent.count == 1)
                    daemon.signal(SIGTERM)
                    #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
                    #expect(!daemon.log.contains("feed-secret") && !daemon.log.contains(FakeMessaging.telegramToken))

                    let status = try await cli.run(["alerts", "status"], environment: environment)
                    #expect(status.status == 0, "\(status.stderr)")
                    let lines = status.stdoutLines
                    #expect(lines.contains("Feeds (a failing one is reported to admin: after 3 s):"), "\(status.stdout)")
                    #expect(
                        lines.contains {
                            $0.hasPrefix("remoteok  failing since ") && $0.contains("reported to the admins, last success never")
                        },
                        "\(status.stdout)")
                    #expect(lines.contains("    why: HTTP 503 from feed host 127.0.0.1:\(server.port)"))

                    // A restarted daemon remembers the report: nothing is said again.
                    daemon = try DaemonProcess(in: cli.directory, environment: environment, name: "restarted")
                    let restarted = try await OperationsEndpointTests.endpoint(of: daemon)
                    // The restarted daemon has judged the feed (its first check or poll sets the
                    // gauge, after saving any report it made): nothing was queued, nothing sent.
                    try await daemon.eventually("the restarted daemon's first judgement of the feed") {
                        let metrics = try await httpGet("\(restarted)/metrics", using: discord.httpClient).body
                        return metrics.contains(#"hiringpulse_feed_healthy{feed="remoteok"} 0"#)
                    }
                    await #expect(try Self.savedHealth(store) == SavedHealth(reported: true, queued: 0))
                    #expect(await messaging.telegram.sent.count == 1)
                    #expect(await discord.rest.history(channelID: Self.adminChannel).count == 1)
                    daemon.signal(SIGTERM)
                    #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
                }
            }
        }
    }

    /// What the daemon saved of the feed's health (`feed_health:<name>` in the settings): whether
    /// it was reported down, and how many reports wait to be delivered.
    struct SavedHealth: Equatable {
        var reported: Bool
        var queued: Int
    }

    static func savedHealth(_ store: Store) async throws -> SavedHealth? {
        guard let text = try await store.setting("feed_health:remoteok") else { return nil }
        let record = try JSONParser.parse(Array(text.utf8))
        return SavedHealth(
            reported: record["health"]?["condition"]?["unhealthy"]?["reported"] == .bool(true),
            queued: record["outbox"]?.arrayValue?.count ?? -1)
    }
}
