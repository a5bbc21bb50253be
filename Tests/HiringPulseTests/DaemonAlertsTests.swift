import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Job alerts end to end: the real `hiringpulse run` reads postings from the fake Discord and a
/// fake job feed, matches them against `config/alerts.yaml`, and notifies the fake Telegram and
/// Slack, over their real wire formats, with a real SQLite file.
@Suite(.timeLimit(.minutes(3))) struct DaemonAlertsTests {
    typealias E2E = DaemonEndToEndTests

    static let chat = "-1001234567890"
    static let profiles = """
        profiles:
          - name: remote-go
            remote: required
            skills: {go: 3, postgresql: 1}
            min_salary: 140000
            threshold: 0.6
            destinations:
              - telegram: "\(chat)"
              - slack: ${SLACK_WEBHOOK_URL}
        """

    static func feeds(_ server: FakeFeedServer) -> String {
        """
        feeds:
          - name: remoteok
            format: remoteok
            url: \(server.url("/api?api_key=feed-secret"))
            interval_minutes: 1
        """
    }

    /// A RemoteOK answer: the legal notice, then the jobs.
    static func remoteOK(
        _ jobs: [(id: Int, company: String, position: String, tags: [String], location: String, salary: (Int, Int)?, url: String)]
    ) -> String {
        let date = ISO8601DateFormatter().string(from: Date())
        let items = jobs.map { job in
            JSONValue.object([
                ("id", .string(String(job.id))), ("date", .string(date)), ("company", .string(job.company)),
                ("position", .string(job.position)), ("tags", .array(job.tags.map(JSONValue.string))), ("location", .string(job.location)),
                ("salary_min", .integer(Int64(job.salary?.0 ?? 0))), ("salary_max", .integer(Int64(job.salary?.1 ?? 0))),
                ("url", .string(job.url)), ("apply_url", .string(job.url)),
                ("description", .string("<p>We are hiring a \(job.position) &amp; more.</p>")),
            ])
        }
        return JSONValue.array([.object([("legal", .string("API Terms of Service: link back to Remote OK."))])] + items).serialized
    }

    static func environment(_ discord: FakeDiscord, _ messaging: FakeMessaging) -> [String: String] {
        E2E.environment(discord).merging([
            "TELEGRAM_BOT_TOKEN": FakeMessaging.telegramToken,
            "HIRINGPULSE_TELEGRAM_API_BASE_URL": messaging.telegramBaseURL,
            "SLACK_WEBHOOK_URL": messaging.slackWebhookURL(),
        ]) { _, new in new }
    }

    static func configure(_ cli: CommandLineRunner, _ server: FakeFeedServer) throws {
        try profiles.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
        try feeds(server).write(toFile: cli.directory.file("config/feeds.yaml"), atomically: true, encoding: .utf8)
    }

    /// True once nothing is left that could notify anyone without new input: `messages` stored and
    /// none waiting for extraction, every stored posting scored by the matcher (whose place is
    /// written with the matches), and every notification in the outbox delivered or given up.
    /// What a test waits for before checking that nothing was sent twice.
    static func settled(_ store: Store, messages: Int) async throws -> Bool {
        let counts = try await store.messages.counts()
        guard counts.values.reduce(0, +) == messages, (counts[.pending] ?? 0) == 0 else { return false }
        guard try await store.postings.list(after: try await store.outbox.matchedThrough(), limit: 1).isEmpty else { return false }
        return try await store.outbox.states().allSatisfy { $0.status != "pending" }
    }

    /// Runs `body` with the fake Discord, Telegram, Slack and feed server up, in a scratch directory.
    static func withFakes(_ body: @Sendable (CommandLineRunner, FakeDiscord, FakeMessaging, FakeFeedServer) async throws -> Void)
        async throws
    {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                try await FakeFeedServer.withRunning { server in
                    try configure(cli, server)
                    try await body(cli, discord, messaging, server)
                }
            }
        }
    }

    @Test func postingsFromDiscordAndAFeedReachTelegramAndSlackOnceWithTheirReasons() async throws {
        try await Self.withFakes { cli, discord, messaging, server in
            await server.feeds.set(
                path: "/api",
                body: Self.remoteOK([
                    (
                        1, "Hooli", "Senior Backend Engineer", ["golang", "postgres", "backend"], "Remote, USA", (170_000, 210_000),
                        "https://hooli.example/jobs/1"
                    ),
                    // The same job as the Discord message below: stored and sent once.
                    (
                        2, "Acme", "Go backend engineer", ["go", "postgres"], "Remote", (150_000, 180_000),
                        "https://acme.example/jobs/42?utm_source=remoteok"
                    ),
                    // Not a match: on-site Java.
                    (3, "Globex", "Java Developer", ["java"], "New York, NY", (90_000, 100_000), "https://globex.example/jobs/3"),
                ]), contentType: "application/json")
            let (daemon, store) = try await E2E.start(cli, discord, environment: Self.environment(discord, messaging))
            await discord.gateway.dispatch(
                "MESSAGE_CREATE",
                E2E.message(
                    1, "[Hiring] Remote Go backend engineer at Acme, $150k–$180k, Go + Postgres. Apply: https://acme.example/jobs/42"))
            await discord.gateway.dispatch(
                "MESSAGE_CREATE",
                E2E.message(
                    2, "[Hiring] Java developer at Initrode, NYC on-site, $90k. https://initrode.example/careers/7", author: 2))
            // Only in Discord.
            await discord.gateway.dispatch(
                "MESSAGE_CREATE",
                E2E.message(
                    3,
                    "[Hiring] Senior Golang engineer at Initech, remote US, $160k-$200k, Kubernetes, PostgreSQL https://initech.example/j/9",
                    author: 3))

            try await daemon.eventually("three notifications on each service") {
                let telegram = await messaging.telegram.sent.count
                let slack = await messaging.slack.posted.count
                return telegram >= 3 && slack >= 3
            }
            // Nothing is left that could send a repeat: every message extracted, every posting
            // scored, every notification delivered (the feed is next polled in a minute).
            try await daemon.eventually("everything settled") { try await Self.settled(store, messages: 3) }
            let telegram = await messaging.telegram.sent
            let slack = await messaging.slack.posted
            #expect(telegram.count == 3 && slack.count == 3, "\(telegram.map(\.text)) \(daemon.log)")
            #expect(telegram.allSatisfy { $0.chatID == Self.chat && $0.parseMode == "HTML" })
            let texts = telegram.map(\.text).sorted()
            #expect(
                texts.contains {
                    $0.contains("Go backend engineer at Acme") && $0.contains("2 of 2 skills: go, postgresql") && $0.contains("remote")
                }, "\(texts)")
            #expect(texts.contains { $0.contains("Senior Backend Engineer at Hooli") && $0.contains("salary $170k–$210k") })
            #expect(texts.contains { $0.contains("Senior Golang engineer at Initech") && $0.contains("https://initech.example/j/9") })
            #expect(!texts.contains { $0.contains("Globex") || $0.contains("Initrode") })
            let headers = slack.compactMap { $0.payload["blocks"]?.arrayValue?.first?["text"]?["text"]?.stringValue }.sorted()
            #expect(headers == ["Go backend engineer at Acme", "Senior Backend Engineer at Hooli", "Senior Golang engineer at Initech"])
            #expect(slack.allSatisfy { ($0.payload["blocks"]?.arrayValue?.last?.serialized ?? "").contains("Why: 2 of 2 skills: go") })

            // The feed was polled once in its minute, with its key, and the key stayed out of the log.
            // (Polls with the validators of the last answer are `FeedFetcherTests`'.)
            let requests = await server.feeds.requests(for: "/api")
            #expect(requests.count == 1, "\(requests.map(\.at))")
            #expect(requests.first?.query?.contains("api_key=feed-secret") == true)
            #expect(!daemon.log.contains("feed-secret") && !daemon.log.contains(FakeMessaging.telegramToken))
            let states = try await store.outbox.states()
            #expect(states.count == 6 && states.allSatisfy { $0.status == "sent" }, "\(states)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    static let alertsChannel = Snowflake(rawValue: 1_000_000_000_000_000_050)

    /// The guarantee, proved by killing the daemon where it matters: between a service accepting a
    /// notification and the daemon recording it as sent. After a restart every match is delivered;
    /// Telegram and Slack, which take no idempotency key, see that one in-flight message twice and
    /// every other once; a Discord channel sees each once, since the send carries a nonce that
    /// Discord enforces. 429s are honoured throughout.
    @Test func aDaemonKilledBetweenASendAndItsRecordRepeatsAtMostTheMessageInFlight() async throws {
        try await Self.withFakes { cli, discord, messaging, server in
            let jobs = (1...4).map { index in
                (
                    index, "Company\(index)", "Go Engineer \(index)", ["golang", "postgres"], "Remote", (150_000 + index * 1_000, 190_000),
                    "https://jobs.example/\(index)"
                )
            }
            try (Self.profiles + "\n      - discord_channel: \"\(Self.alertsChannel)\"\n")
                .write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
            await server.feeds.set(path: "/api", body: Self.remoteOK(jobs), contentType: "application/json")
            // The second message each service accepts is left unanswered: the daemon is killed
            // while waiting for it.
            await messaging.telegram.hold.holdNext(skipping: 1)
            await messaging.slack.hold.holdNext(skipping: 1)
            await discord.rest.messageHold.holdNext(skipping: 1)
            let environment = Self.environment(discord, messaging)
            var (daemon, store) = try await E2E.start(cli, discord, environment: environment)
            try await daemon.eventually("a send in flight on every service") {
                let held = (
                    await messaging.telegram.hold.heldCount, await messaging.slack.hold.heldCount, await discord.rest.messageHold.heldCount
                )
                return held == (1, 1, 1)
            }
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit()
            await messaging.telegram.hold.release()
            await messaging.slack.hold.release()
            await discord.rest.messageHold.release()
            let inFlight = (await messaging.telegram.sent[1].text, await messaging.slack.posted[1].payload.serialized)
            #expect(try await store.outbox.states().filter { $0.status == "sent" }.count == 3)

            // After the restart each service first answers 429 and asks for a wait.
            await messaging.telegram.rateLimit(retryAfter: 2)
            await messaging.slack.rateLimit(retryAfter: 2)
            let attemptsBefore = (await messaging.telegram.attempts, await messaging.slack.attempts)
            daemon = try DaemonProcess(in: cli.directory, environment: environment, name: "restarted")
            try await daemon.eventually("every match delivered", timeout: .seconds(60)) {
                guard let states = try? await store.outbox.states() else { return false }
                return states.count == 12 && states.allSatisfy { $0.status == "sent" }
            }
            try await daemon.eventually("everything settled") { try await Self.settled(store, messages: 0) }
            let telegram = await messaging.telegram.sent.map(\.text)
            let slack = await messaging.slack.posted.map(\.payload.serialized)
            // Four jobs each; only the message in flight at the kill came twice.
            #expect(Set(telegram).count == 4 && telegram.count == 5 && telegram.filter { $0 == inFlight.0 }.count == 2, "\(telegram)")
            #expect(Set(slack).count == 4 && slack.count == 5 && slack.filter { $0 == inFlight.1 }.count == 2)
            // Discord was asked five times, and created four messages: the nonce caught the repeat.
            let created = await discord.rest.history(channelID: Self.alertsChannel)
            #expect(await discord.rest.requests(route: "POST /channels/{channel.id}/messages").count == 5)
            #expect(created.count == 4 && Set(created.compactMap { $0["nonce"]?.stringValue }).count == 4, "\(created.count)")

            // The 429's wait was honoured before the next try.
            let telegramAttempts = await messaging.telegram.attemptTimes.dropFirst(attemptsBefore.0)
            let slackAttempts = await messaging.slack.attemptTimes.dropFirst(attemptsBefore.1)
            #expect(
                telegramAttempts.count >= 2
                    && telegramAttempts.first!.duration(to: telegramAttempts.dropFirst().first!) >= .milliseconds(1_900))
            #expect(slackAttempts.count >= 2 && slackAttempts.first!.duration(to: slackAttempts.dropFirst().first!) >= .milliseconds(1_900))
            // And the chat got at most one message a second.
            let sentTimes = await messaging.telegram.sent.map(\.at)
            for (earlier, later) in zip(sentTimes, sentTimes.dropFirst()) {
                #expect(earlier.duration(to: later) >= .milliseconds(900))
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// A service that accepts a message and never answers holds up its own destination only.
    @Test func aDestinationThatNeverAnswersHoldsUpNoOther() async throws {
        try await Self.withFakes { cli, discord, messaging, server in
            let jobs = (1...7).map { index in
                (
                    index, "Company\(index)", "Go Engineer \(index)", ["golang", "postgres"], "Remote", (150_000 + index * 1_000, 190_000),
                    "https://jobs.example/\(index)"
                )
            }
            await server.feeds.set(path: "/api", body: Self.remoteOK(jobs), contentType: "application/json")
            await messaging.telegram.hold.holdNext()
            let (daemon, store) = try await E2E.start(cli, discord, environment: Self.environment(discord, messaging))
            // All seven accepted by Slack and recorded as sent, while Telegram's first still hangs.
            try await daemon.eventually("Slack served while Telegram hangs", timeout: .seconds(15)) {
                let slack = (try? await store.outbox.states().filter { $0.destination.hasPrefix("slack:") }) ?? []
                let posted = await messaging.slack.posted.count
                return posted == 7 && slack.count == 7 && slack.allSatisfy { $0.status == "sent" }
            }
            let (held, accepted) = (await messaging.telegram.hold.heldCount, await messaging.telegram.sent.count)
            #expect(held == 1 && accepted == 1)
            await messaging.telegram.hold.release()
            try await daemon.eventually("Telegram served once it answers") {
                (try? await store.outbox.states().allSatisfy { $0.status == "sent" }) == true
            }
            #expect(await messaging.telegram.sent.count == 7)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func aBlockedChatIsMarkedFailedAndReportedWithoutARetryStorm() async throws {
        try await Self.withFakes { cli, discord, messaging, server in
            await server.feeds.set(
                path: "/api",
                body: Self.remoteOK(
                    (1...3).map { index in
                        (
                            index, "Company\(index)", "Go Engineer \(index)", ["golang"], "Remote", (150_000, 190_000),
                            "https://jobs.example/\(index)"
                        )
                    }), contentType: "application/json")
            await messaging.telegram.setBlocked([Self.chat])
            let (daemon, store) = try await E2E.start(cli, discord, environment: Self.environment(discord, messaging))
            try await daemon.eventually("Slack served and the Telegram queue failed") {
                guard let states = try? await store.outbox.states(), states.count == 6 else { return false }
                return states.filter { $0.destination.hasPrefix("telegram:") }.allSatisfy { $0.status == "failed" }
                    && states.filter { $0.destination.hasPrefix("slack:") }.allSatisfy { $0.status == "sent" }
            }
            try await daemon.eventually("everything settled") { try await Self.settled(store, messages: 0) }
            // One refusal fails the chat's whole queue: one request, not one per notification.
            #expect(await messaging.telegram.attempts == 1)
            let failed = try await store.outbox.states().filter { $0.destination.hasPrefix("telegram:") }
            #expect(failed.allSatisfy { ($0.lastError ?? "").contains("bot was blocked by the user") }, "\(failed)")
            #expect(daemon.log.contains("a destination refuses notifications"))
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func aMemberSubscribesWithSlashCommandsAndGetsMatchesByDirectMessage() async throws {
        typealias Slash = DaemonSlashCommandTests
        try await Self.withFakes { cli, discord, messaging, server in
            await server.feeds.set(path: "/api", body: Self.remoteOK([]), contentType: "application/json")
            let (daemon, _) = try await E2E.start(cli, discord, environment: Self.environment(discord, messaging))
            let added = try await Slash.ask(
                discord, daemon, 1, command: "alerts", options: [("add", 1, .null)],
                subcommandOptions: [
                    ("name", 3, .string("go-remote")), ("skills", 3, .string("golang:3, postgres")), ("remote", 3, .string("required")),
                ])
            #expect(added["data"]?["flags"] == .integer(64))
            #expect(
                added["data"]?["content"]?.stringValue?.hasPrefix(
                    "Created the alert go-remote: remote only · skills go×3, postgresql · threshold 0.5.") == true, "\(added)")
            let badSkills = try await Slash.ask(
                discord, daemon, 2, command: "alerts", options: [("add", 1, .null)],
                subcommandOptions: [
                    ("name", 3, .string("broken")), ("skills", 3, .string("go:lots")),
                ])
            #expect(
                badSkills["data"]?["content"]
                    == .string(
                        "Skills are written as go, postgres or go:3 (a weight from 1 to 100); \"go:lots\" is neither."))
            let list = try await Slash.ask(discord, daemon, 3, command: "alerts", options: [("list", 1, .null)])
            #expect(
                list["data"]?["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["go-remote"])

            await discord.gateway.dispatch(
                "MESSAGE_CREATE",
                E2E.message(
                    1,
                    "[Hiring] Senior Golang engineer at Initech, remote US, $160k-$200k, Kubernetes, PostgreSQL https://initech.example/j/9"
                ))
            await discord.gateway.dispatch(
                "MESSAGE_CREATE",
                E2E.message(
                    2, "[Hiring] Java developer at Initrode, NYC on-site, $90k. https://initrode.example/careers/7", author: 2))
            var direct: JSONValue?
            try await daemon.eventually("a direct message") {
                direct = try await discord.rest.requests(route: "POST /channels/{channel.id}/messages").first.map {
                    try JSONParser.parse($0.body)
                }
                return direct != nil
            }
            let opened = await discord.rest.requests(route: "POST /users/@me/channels")
            #expect(opened.count == 1 && (try? JSONParser.parse(opened[0].body))?["recipient_id"] == .string("\(Slash.member)"))
            let embed = direct?["embeds"]?.arrayValue?.first
            #expect(embed?["title"] == .string("Senior Golang engineer at Initech"))
            #expect(embed?["url"] == .string("https://initech.example/j/9"))
            #expect(
                embed?["description"]?.stringValue?.contains("Why: 2 of 2 skills: go, postgresql; remote") == true,
                "\(String(describing: embed))")
            #expect(direct?["allowed_mentions"] == .object([("parse", .array([]))]))

            // /jobs finds both postings, and the query narrows them.
            let jobs = try await Slash.ask(discord, daemon, 4, command: "jobs")
            #expect(jobs["data"]?["embeds"]?.arrayValue?.first?["description"] == .string("2 postings match, newest first"))
            let golang = try await Slash.ask(
                discord, daemon, 5, command: "jobs", options: [("query", 3, .string("golang")), ("remote", 3, .string("yes"))])
            #expect(
                golang["data"]?["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                    == ["Senior Golang engineer at Initech"])
            let tested = try await Slash.ask(
                discord, daemon, 6, command: "alerts", options: [("test", 1, .null)],
                subcommandOptions: [
                    ("name", 3, .string("go-remote"))
                ])
            #expect(
                tested["data"]?["embeds"]?.arrayValue?.first?["description"] == .string("1 of 2 stored postings match. Nothing was sent."))
            let removed = try await Slash.ask(
                discord, daemon, 7, command: "alerts", options: [("remove", 1, .null)],
                subcommandOptions: [
                    ("name", 3, .string("go-remote"))
                ])
            #expect(removed["data"]?["content"] == .string("Removed the alert go-remote; nothing more will be sent for it."))
            #expect(await discord.rest.requests(route: "POST /channels/{channel.id}/messages").count == 1)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }
}
