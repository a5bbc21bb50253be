import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Support
import Testing

/// The real `hiringpulse run` against the fake Discord while members keep posting on three
/// channels and the connection fails in every way Discord's can: each seed puts every fault in its
/// own order. Afterwards the store must hold exactly the messages posted, each counted once, and
/// its statistics must equal those of an import of the same messages.
///
/// The fake behaves as Discord does: a message posted while the bot has no session reaches the
/// channel's history only, so only a backfill from the right place finds it.
@Suite(.timeLimit(.minutes(5))) struct GatewayFaultTests {
    enum Fault: String, CaseIterable, Sendable {
        /// The TCP connection goes without a close frame.
        case drop
        /// 4000 "unknown error": resumable.
        case close4000
        /// 4009 "session timed out": the session is gone; READY after a new IDENTIFY.
        case close4009
        /// Op 7: reconnect and resume.
        case reconnect
        case invalidResumable
        case invalidNotResumable
        /// Heartbeats unanswered: the client must call the connection a zombie and resume.
        case withheldAcks
        /// The session lost while every REST answer takes 300 ms: the backfill runs late while
        /// live messages of the new session keep arriving.
        case slowRESTAfterLostSession
        /// SIGKILL, then a restart, which resumes from what was committed.
        case killAndRestart
    }

    static let guild = Snowflake(rawValue: 1_000_000_000_000_000_001)
    static let channels = [1_000_000_000_000_000_010, 1_000_000_000_000_000_011, 1_000_000_000_000_000_012].map { Snowflake(rawValue: $0) }
    static let authorKey = "fault-suite-author-key"
    /// Reports of the kinds the rule extractor reads, so that stage updates and their
    /// de-duplication are exercised as well as storage.
    static let reports = [
        "got the OA from JPMC today", "Citadel superday friday", "offer from Databricks!!", "rejected by Stripe after the onsite",
        "phone screen with Google next week", "just applied to Meta", "HackerRank from Amazon came in", "final round at Jane Street",
        "anyone heard back from Two Sigma?", "lunch was good",
    ]

    /// Messages posted between two faults: about a quarter of a second's worth.
    static let postsBetweenFaults = 15
    static let historyRoute = "GET /channels/{channel.id}/messages"

    static func environment(_ discord: FakeDiscord) -> [String: String] {
        [
            "DISCORD_TOKEN": FakeDiscord.defaultToken,
            "HIRINGPULSE_DISCORD_API_BASE_URL": discord.apiBaseURL,
            "HIRINGPULSE_DISCORD_SHARD_COUNT": "1",
            "HIRINGPULSE_DISCORD_CHANNEL_IDS": channels.map(\.description).joined(separator: ","),
            "HIRINGPULSE_DISCORD_IDENTIFY_SPACING_MS": DaemonEndToEndTests.identifySpacingMilliseconds,
            "HIRINGPULSE_HTTP_BIND": "127.0.0.1:0", "HIRINGPULSE_DASHBOARD_BIND": "",
            "HIRINGPULSE_AUTHOR_KEY": authorKey,
        ]
    }

    @Test(arguments: [11, 23, 37] as [UInt64])
    func nothingIsLostOrCountedTwiceAcrossEveryFault(seed: UInt64) async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        var random = SplitMix64(seed: seed)
        let faults = Fault.allCases.shuffled(using: &random)
        // A second's heartbeat, so that withheld ACKs are noticed within two.
        try await FakeDiscord.withRunning(gateway: .init(heartbeatInterval: .seconds(1))) { discord in
            var daemon = try DaemonProcess(in: cli.directory, environment: Self.environment(discord), name: "daemon-\(seed)")
            try await daemon.eventually("the daemon to identify") { await discord.gateway.identifies.count == 1 }
            let store = try await Self.waitUntilWatching(cli, daemon)
            let poster = Poster(discord: discord, seed: seed)
            let posting = Task { await poster.run() }
            var log = ""
            // Between faults, and after the last, members keep posting: each fault meets a stream
            // of live messages (counted, not timed, so that a loaded machine still posts them).
            for (index, fault) in faults.enumerated() {
                try await poster.waitForMorePosts(Self.postsBetweenFaults)
                let restarted: DaemonProcess?
                do {
                    restarted = try await Self.inject(fault, discord, daemon, cli: cli, name: "daemon-\(seed)-\(index)")
                } catch {
                    // What the daemon said last is what explains a fault it did not get past.
                    let tail = (log + daemon.log).split(separator: "\n").suffix(40).joined(separator: "\n")
                    Issue.record("\(fault) (after \(faults.prefix(index))): \(error)\n\(tail)")
                    throw error
                }
                if let restarted {
                    log += daemon.log
                    daemon = restarted
                }
            }
            try await poster.waitForMorePosts(Self.postsBetweenFaults)
            posting.cancel()
            let posted = await posting.value
            #expect(posted.count > 200, "too few messages posted to mean anything: \(posted.count)")

            try await daemon.eventually("every posted message stored and extracted", timeout: .seconds(90)) {
                let pending = try await store.messages.counts()[.pending] ?? 0
                return try await Self.storedIDs(store) == Set(posted.map(\.id)) && pending == 0
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(log)\(daemon.log)")

            let stored = try await Self.storedIDs(store)
            #expect(stored == Set(posted.map(\.id)), "missing \(Set(posted.map(\.id)).subtracting(stored).sorted()), faults \(faults)")
            // The same messages imported from an export give the same updates and statistics.
            let imported = try await Self.importedCopy(of: posted, cli: cli)
            #expect(try await store.extractions.stageEvents().count == (try await imported.extractions.stageEvents().count))
            let live = try await cli.run(["stats", "--json"], environment: ["HIRINGPULSE_AUTHOR_KEY": Self.authorKey])
            let fromExport = try await cli.run(
                ["stats", "--json"], environment: ["HIRINGPULSE_AUTHOR_KEY": Self.authorKey, "HIRINGPULSE_DATABASE_PATH": imported.path])
            #expect(live.status == 0 && fromExport.status == 0, "\(live.stderr)\(fromExport.stderr)")
            #expect(live.stdout == fromExport.stdout)
            #expect(live.stdout.contains("\"offer\""))
        }
    }

    /// Waits for the daemon to have a watermark on every channel, from which point a message
    /// posted is its to keep.
    static func waitUntilWatching(_ cli: CommandLineRunner, _ daemon: DaemonProcess) async throws -> Store {
        let store = try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
        try await daemon.eventually("a watermark on every channel") {
            let watermarks = (try? await store.gateway.watermarks()) ?? [:]
            return channels.allSatisfy { watermarks[Int64($0.rawValue)]?.liveSession != nil }
        }
        return store
    }

    static func storedIDs(_ store: Store) async throws -> Set<Int64> {
        var ids: Set<Int64> = []
        for channel in channels { ids.formUnion(try await store.messages.ids(channelID: Int64(channel.rawValue))) }
        return ids
    }

    /// Injects a fault and waits until the daemon is past it; returns the new process after a kill.
    static func inject(
        _ fault: Fault, _ discord: FakeDiscord, _ daemon: DaemonProcess, cli: CommandLineRunner, name: String
    ) async throws -> DaemonProcess? {
        let gateway = discord.gateway
        let (resumes, identifies) = (await gateway.resumes.count, await gateway.identifies.count)
        func resumed() async -> Bool {
            let (count, live) = (await gateway.resumes.count, await gateway.liveConnections)
            return count > resumes && live > 0
        }
        func identified() async -> Bool {
            let (count, live) = (await gateway.identifies.count, await gateway.liveConnections)
            return count > identifies && live > 0
        }
        switch fault {
        case .drop:
            await gateway.dropConnections()
            try await daemon.eventually("a resume after a dropped connection") { await resumed() }
        case .close4000:
            await gateway.closeConnections(code: 4000)
            try await daemon.eventually("a resume after 4000") { await resumed() }
        case .close4009:
            await gateway.closeConnections(code: 4009)
            try await daemon.eventually("a new session after 4009") { await identified() }
        case .reconnect:
            await gateway.requestReconnect()
            try await daemon.eventually("a resume after op 7") { await resumed() }
        case .invalidResumable:
            await gateway.invalidateSession(resumable: true)
            try await daemon.eventually("a resume after op 9 true") { await resumed() }
        case .invalidNotResumable:
            await gateway.invalidateSession(resumable: false)
            try await daemon.eventually("a new session after op 9 false") { await identified() }
        case .withheldAcks:
            await gateway.setWithholdsAcks(true)
            try await daemon.eventually("a resume after unanswered heartbeats") { await gateway.resumes.count > resumes }
            await gateway.setWithholdsAcks(false)
            try await daemon.eventually("the resumed connection") { await resumed() }
        case .slowRESTAfterLostSession:
            let reads = await discord.rest.requests(route: historyRoute).count
            await discord.rest.setAnswerDelay(.milliseconds(300))
            await gateway.closeConnections(code: 4009)
            try await daemon.eventually("a new session after 4009") { await identified() }
            // The backfill reads every channel's history late, while the new session's live
            // messages keep arriving; then Discord is quick again.
            try await daemon.eventually("the backfill's slow reads of every channel") {
                await discord.rest.requests(route: historyRoute).count >= reads + channels.count
            }
            await discord.rest.setAnswerDelay(.zero)
        case .killAndRestart:
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit()
            let restarted = try DaemonProcess(in: cli.directory, environment: environment(discord), name: name)
            try await restarted.eventually("the restarted daemon's session") {
                let (resumedNow, identifiedNow) = (await resumed(), await identified())
                return resumedNow || identifiedNow
            }
            return restarted
        }
        return nil
    }

    /// The posted messages written as DiscordChatExporter exports, one per channel, imported into
    /// a database of their own.
    static func importedCopy(of posted: [Poster.Posted], cli: CommandLineRunner) async throws -> Store {
        let database = cli.directory.file("imported.sqlite")
        var files: [String] = []
        for channel in channels {
            let path = cli.directory.file("export-\(channel).json")
            let messages = posted.filter { $0.channel == channel }.map { message in
                ExportMessageSpec(
                    id: UInt64(message.id), timestamp: FakeDiscordPayloads.timestamp(of: Snowflake(rawValue: UInt64(message.id))),
                    content: message.content, authorID: "\(message.author)")
            }
            try ChatExportWriter.write(messages, to: path, guildID: "\(guild)", channelID: "\(channel)")
            files.append(path)
        }
        let result = try await cli.run(
            ["import"] + files, environment: ["HIRINGPULSE_AUTHOR_KEY": authorKey, "HIRINGPULSE_DATABASE_PATH": database])
        #expect(result.status == 0, "\(result.stderr)")
        return try Store.open(path: database)
    }
}

/// Members posting about 60 messages a second across the channels until cancelled; returns what
/// was posted. Ids are real snowflakes of the moment of posting, as Discord's are.
actor Poster {
    struct Posted: Sendable {
        var id: Int64
        var channel: Snowflake
        var author: Snowflake
        var content: String
    }

    let discord: FakeDiscord
    private var random: SplitMix64
    private var posted: [Posted] = []
    private var lastID: UInt64 = 0

    init(discord: FakeDiscord, seed: UInt64) {
        self.discord = discord
        random = SplitMix64(seed: seed &* 31 &+ 7)
    }

    /// Returns once `count` more messages have been posted.
    nonisolated func waitForMorePosts(_ count: Int) async throws {
        let target = await postedCount + count
        try await eventually("\(count) more messages posted") { await self.postedCount >= target }
    }

    var postedCount: Int { posted.count }

    func run() async -> [Posted] {
        while !Task.isCancelled {
            for _ in 0..<3 { await postOne() }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return posted
    }

    private func postOne() async {
        let channel = GatewayFaultTests.channels[Int(random.next() % UInt64(GatewayFaultTests.channels.count))]
        let author = Snowflake(rawValue: 1_200_000_000_000_000_000 + random.next() % 12)
        let content = GatewayFaultTests.reports[Int(random.next() % UInt64(GatewayFaultTests.reports.count))]
        let id = max(Snowflake(unixMilliseconds: Timestamp.now()).rawValue, lastID + 1)
        lastID = id
        await discord.post(
            FakeDiscordPayloads.message(
                id: Snowflake(rawValue: id), channelID: channel, guildID: GatewayFaultTests.guild, authorID: author,
                authorName: "member\(author.rawValue % 100)", content: content))
        posted.append(Posted(id: Int64(id), channel: channel, author: author, content: content))
    }
}
