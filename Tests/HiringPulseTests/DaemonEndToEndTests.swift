import Discord
import Domain
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// The real `hiringpulse run` against the fake Discord, with the rule extractor and a real SQLite
/// file: what a server's members and its operator would see.
@Suite(.timeLimit(.minutes(2))) struct DaemonEndToEndTests {
    static let guild = Snowflake(rawValue: 1_000_000_000_000_000_001)
    static let channel = Snowflake(rawValue: 1_000_000_000_000_000_002)
    static let otherChannel = Snowflake(rawValue: 1_000_000_000_000_000_003)

    /// Message ids a minute apart, after every cursor the daemon starts: a channel first seen is
    /// watched from that moment, so messages must be newer, as real ones always are.
    static let firstMessageTime = Timestamp.now() + 3_600_000

    static func snowflake(_ offset: Int) -> Snowflake {
        Snowflake(unixMilliseconds: firstMessageTime + Int64(offset) * 60_000)
    }

    static func message(_ offset: Int, _ content: String, author: Int = 1, channel: Snowflake = channel, isBot: Bool = false) -> JSONValue {
        FakeDiscordPayloads.message(
            id: snowflake(offset), channelID: channel, guildID: guild,
            authorID: Snowflake(rawValue: 1_200_000_000_000_000_000 + UInt64(author)),
            authorName: "member\(author)", authorIsBot: isBot, content: content)
    }

    /// `discord.identify_spacing_ms` for daemons under test: IDENTIFYs 100 ms apart, not Discord's
    /// 5 s, so that a session that cannot be resumed is followed by a new one at once. The fake
    /// Discord does not hold clients to a spacing; the gateway's own tests check the pacing.
    static let identifySpacingMilliseconds = "100"

    static func environment(_ discord: FakeDiscord) -> [String: String] {
        [
            "DISCORD_TOKEN": FakeDiscord.defaultToken,
            "HIRINGPULSE_DISCORD_API_BASE_URL": discord.apiBaseURL,
            "HIRINGPULSE_DISCORD_SHARD_COUNT": "1",
            "HIRINGPULSE_DISCORD_CHANNEL_IDS": "\(channel)",
            "HIRINGPULSE_DISCORD_IDENTIFY_SPACING_MS": identifySpacingMilliseconds,
            // Daemons run side by side in tests: each takes a free port for its endpoint.
            "HIRINGPULSE_HTTP_BIND": "127.0.0.1:0", "HIRINGPULSE_DASHBOARD_BIND": "127.0.0.1:0",
        ]
    }

    /// Starts the daemon against `discord` and waits for it to identify; returns it and its
    /// database, which it has created by then.
    static func start(
        _ cli: CommandLineRunner, _ discord: FakeDiscord, environment: [String: String]? = nil, name: String = "daemon"
    ) async throws -> (DaemonProcess, Store) {
        let daemon = try DaemonProcess(in: cli.directory, environment: environment ?? Self.environment(discord), name: name)
        try await daemon.eventually("the daemon to identify") { await discord.gateway.identifies.count == 1 }
        return (daemon, try store(cli))
    }

    /// The daemon's database, once it has created it.
    static func store(_ cli: CommandLineRunner) throws -> Store {
        try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
    }

    /// Waits until the daemon has a watermark on `channel`: from then on a message posted there is
    /// its to keep.
    static func waitUntilWatched(_ daemon: DaemonProcess, _ store: Store, channel: Snowflake = channel) async throws {
        try await daemon.eventually("the channel watched") { (try? await store.gateway.watermarks())?[Int64(channel.rawValue)] != nil }
    }

    /// Waits for the daemon's second IDENTIFY (after a session that could not be resumed) and its
    /// connection to be live: `identifySpacing` after the first, not Discord's 5 s.
    static func waitForSecondSession(_ daemon: DaemonProcess, _ discord: FakeDiscord) async throws {
        try await daemon.eventually("a new session") { await discord.gateway.identifies.count == 2 }
        try await daemon.eventually("the new session live") { await discord.gateway.liveConnections == 1 }
    }

    /// "company stage" of every stage update that counts, in the order they were reported.
    static func updates(_ store: Store) async throws -> [String] {
        let names = try await store.companies.names()
        return try await store.extractions.stageEvents().sorted { $0.reportedAt < $1.reportedAt }.map {
            "\(names[$0.companyID] ?? "?") \($0.stage.rawValue)"
        }
    }

    @Test func messagesBecomeStageUpdatesAndEditsAndDeletesChangeThem() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await Self.start(cli, discord)
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(1, "got the OA from JPMC today"))
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(2, "Citadel superday friday", author: 2))
            // Neither a bot nor an unwatched channel is data.
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(3, "offer from Databricks!!", isBot: true))
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(4, "offer from Stripe!!", channel: Self.otherChannel))
            try await daemon.eventually("two stage updates") {
                await (try? Self.updates(store)) == ["JPMorgan Chase oa", "Citadel onsite"]
            }
            // An edit replaces what the message said; a replayed create changes nothing.
            await discord.gateway.dispatch("MESSAGE_UPDATE", Self.message(1, "got rejected by JPMC after the OA"))
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(2, "Citadel superday friday", author: 2))
            try await daemon.eventually("the edit") {
                await (try? Self.updates(store)) == ["JPMorgan Chase rejected", "Citadel onsite"]
            }
            await discord.gateway.dispatch(
                "MESSAGE_DELETE",
                .object([
                    ("id", .string("\(Self.snowflake(2))")), ("channel_id", .string("\(Self.channel)")),
                    ("guild_id", .string("\(Self.guild)")),
                ]))
            try await daemon.eventually("the delete") { await (try? Self.updates(store))?.contains("Citadel onsite") == false }
            // Members see it in the statistics.
            let jpmc = try await DaemonSlashCommandTests.ask(
                discord, daemon, 1, command: "stats", options: [("company", 3, .string("JPMC"))])
            #expect(DaemonSlashCommandTests.fieldValues(jpmc).first?.contains("Rejected: **1**") == true)
            #expect(DaemonSlashCommandTests.fieldValues(jpmc).first?.contains("OA: **0**") == true)
            let citadel = try await DaemonSlashCommandTests.ask(
                discord, daemon, 2, command: "stats", options: [("company", 3, .string("Citadel"))])
            #expect(citadel["data"]?["embeds"]?.arrayValue?.first?["description"] == .string("**0** journeys (one member at one company)"))
            daemon.signal(SIGTERM)
            let status = await daemon.waitForExit()
            #expect(status == 0, "\(daemon.log)")
        }
    }

    @Test func aGracefulStopResumesAndAKilledDaemonBackfillsWhatItMissed() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (first, store) = try await Self.start(cli, discord, name: "first")
            try await Self.waitUntilWatched(first, store)
            let seen = Self.message(1, "got the OA from JPMC today")
            await discord.gateway.dispatch("MESSAGE_CREATE", seen)
            try await first.eventually("the first update") { await (try? Self.updates(store)) == ["JPMorgan Chase oa"] }
            first.signal(SIGTERM)
            #expect(await first.waitForExit() == 0, "\(first.log)")

            // Restarted within minutes: the saved session resumes instead of identifying.
            let second = try DaemonProcess(in: cli.directory, environment: Self.environment(discord), name: "second")
            try await second.eventually("the daemon to resume") { await discord.gateway.resumes.count == 1 }
            #expect(await discord.gateway.identifies.count == 1)
            second.signal(SIGKILL)
            _ = await second.waitForExit()

            // Posted while it was down: only the channel's history has them.
            await discord.rest.setHistory(
                [seen, Self.message(2, "Citadel superday friday", author: 2), Self.message(3, "offer from Databricks!!", author: 3)],
                channelID: Self.channel)
            let third = try DaemonProcess(in: cli.directory, environment: Self.environment(discord), name: "third")
            try await third.eventually("the missed messages") {
                await (try? Self.updates(store)) == ["JPMorgan Chase oa", "Citadel onsite", "Databricks offer"]
            }
            third.signal(SIGTERM)
            #expect(await third.waitForExit() == 0, "\(third.log)")
            await #expect(try Self.updates(store) == ["JPMorgan Chase oa", "Citadel onsite", "Databricks offer"])
            let pages = await discord.rest.requests(route: "GET /channels/{channel.id}/messages")
            #expect(pages.contains { $0.target.contains("after=\(Self.snowflake(1))") })
        }
    }

    /// The race that lost messages: after a session that could not be resumed, live messages of
    /// the new session arrive before the backfill of their channel runs (REST is slow, and the
    /// channels are caught up one after the other) and must not hide the gap.
    @Test func aLostSessionsGapIsBackfilledThoughLiveMessagesArriveFirst() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            var environment = Self.environment(discord)
            environment["HIRINGPULSE_DISCORD_CHANNEL_IDS"] = "\(Self.channel),\(Self.otherChannel)"
            let (daemon, store) = try await Self.start(cli, discord, environment: environment)
            try await daemon.eventually("both channels watched") { (try? await store.gateway.watermarks())?.count == 2 }
            let reports = ["got the OA from JPMC today", "Citadel superday friday", "offer from Databricks!!", "rejected by Stripe"]
            func post(_ index: Int) async {
                for (number, channel) in [Self.channel, Self.otherChannel].enumerated() {
                    await discord.post(Self.message(2 * index + number, reports[index], author: 2 * index + number, channel: channel))
                }
            }
            await post(0)
            try await daemon.eventually("the first updates") { await (try? Self.updates(store))?.count == 2 }
            await discord.rest.setAnswerDelay(.seconds(1))
            await discord.gateway.closeConnections(code: 4009)
            // Said while the bot has no session: only the channels' histories have them.
            await post(1)
            await post(2)
            try await Self.waitForSecondSession(daemon, discord)
            await post(3)
            let expected = ["JPMorgan Chase oa", "Citadel onsite", "Databricks offer", "Stripe rejected"].flatMap { [$0, $0] }
            try await daemon.eventually("the live messages and the gaps", timeout: .seconds(30)) {
                await (try? Self.updates(store))?.sorted() == expected.sorted()
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// Watching every channel: a thread started while the bot had no session is found in the next
    /// GUILD_CREATE and read from its beginning, not watched from the moment it was found.
    @Test func aThreadStartedWhileTheSessionWasLostIsReadFromItsBeginning() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            var environment = Self.environment(discord)
            environment["HIRINGPULSE_DISCORD_CHANNEL_IDS"] = nil
            let (daemon, store) = try await Self.start(cli, discord, environment: environment)
            func guildCreate(threads: [JSONValue]) -> JSONValue {
                .object([
                    ("id", .string("\(Self.guild)")), ("name", .string("CS Recruiting")),
                    (
                        "channels",
                        .array([.object([("id", .string("\(Self.channel)")), ("type", .integer(0)), ("name", .string("offers"))])])
                    ),
                    ("threads", .array(threads)),
                ])
            }
            await discord.gateway.dispatch("GUILD_CREATE", guildCreate(threads: []))
            try await Self.waitUntilWatched(daemon, store)
            await discord.post(Self.message(1, "got the OA from JPMC today"))
            try await daemon.eventually("the first update") { await (try? Self.updates(store)) == ["JPMorgan Chase oa"] }

            await discord.gateway.closeConnections(code: 4009)
            // While there is no session a member starts a thread and two more post in it.
            let thread = Self.snowflake(2)
            await discord.post(Self.message(3, "Citadel superday friday", author: 2, channel: thread))
            await discord.post(Self.message(4, "offer from Databricks!!", author: 3, channel: thread))
            try await Self.waitForSecondSession(daemon, discord)
            await discord.gateway.dispatch(
                "GUILD_CREATE",
                guildCreate(threads: [
                    .object([
                        ("id", .string("\(thread)")), ("type", .integer(11)), ("parent_id", .string("\(Self.channel)")),
                        ("name", .string("citadel superday")),
                    ])
                ]))
            try await daemon.eventually("the thread's messages", timeout: .seconds(30)) {
                await (try? Self.updates(store)) == ["JPMorgan Chase oa", "Citadel onsite", "Databricks offer"]
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// Threads of a watched channel are watched with it; threads of other channels are not.
    @Test func aThreadOfAWatchedChannelIsWatchedWithIt() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await Self.start(cli, discord)
            let (thread, otherThread) = (Self.snowflake(1), Self.snowflake(2))
            for (id, parent) in [(thread, Self.channel), (otherThread, Self.otherChannel)] {
                await discord.gateway.dispatch(
                    "THREAD_CREATE",
                    .object([
                        ("id", .string("\(id)")), ("type", .integer(11)), ("guild_id", .string("\(Self.guild)")),
                        ("parent_id", .string("\(parent)")), ("name", .string("superday prep")),
                    ]))
            }
            await discord.post(Self.message(3, "offer from Stripe!!", channel: otherThread))
            await discord.post(Self.message(4, "Citadel superday friday", author: 2, channel: thread))
            try await daemon.eventually("the watched thread's update") { await (try? Self.updates(store)) == ["Citadel onsite"] }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            await #expect(try Self.updates(store) == ["Citadel onsite"])
        }
    }

    /// A backfill that fails while Discord answers 500 is tried again, not left until the next
    /// session that cannot be resumed.
    @Test func aFailedBackfillIsTriedAgain() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await Self.start(cli, discord)
            try await Self.waitUntilWatched(daemon, store)
            await discord.gateway.closeConnections(code: 4009)
            await discord.post(Self.message(1, "got the OA from JPMC today"))
            // More 500s than the client's own retries of one request.
            await discord.rest.script(.init(route: "GET /channels/{channel.id}/messages", status: 500, times: 6))
            try await Self.waitForSecondSession(daemon, discord)
            try await daemon.eventually("the gap, once Discord answers", timeout: .seconds(30)) {
                await (try? Self.updates(store)) == ["JPMorgan Chase oa"]
            }
            #expect(daemon.log.contains("will try again"))
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// A message whose id is a little older than the moment the channel began to be watched (a
    /// clock behind Discord's, a message in flight) is still a message to keep.
    @Test func aMessageOlderThanTheStartWatermarkIsKept() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await Self.start(cli, discord)
            let channel = Int64(Self.channel.rawValue)
            try await daemon.eventually("the channel watched") { (try? await store.gateway.watermarks())?[channel] != nil }
            let start = try #require(try await store.gateway.watermarks()[channel]).completeThrough
            let older = Snowflake(unixMilliseconds: Snowflake(rawValue: UInt64(start)).unixMilliseconds - 3_000)
            await discord.post(
                FakeDiscordPayloads.message(
                    id: older, channelID: Self.channel, guildID: Self.guild, authorID: Snowflake(rawValue: 1_200_000_000_000_000_001),
                    authorName: "member1", content: "got the OA from JPMC today"))
            try await daemon.eventually("the older message's update") { await (try? Self.updates(store)) == ["JPMorgan Chase oa"] }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }
}
