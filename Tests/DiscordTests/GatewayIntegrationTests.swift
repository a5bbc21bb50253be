import Discord
import HiringPulseTesting
import JSON
import Logging
import Support
import Testing

/// The gateway client against the fake Discord over loopback: real WebSockets, real frames.
@Suite(.timeLimit(.minutes(1))) struct GatewayIntegrationTests {
    static let logger = Logger(label: "gateway-tests") { _ in SwiftLogNoOpLogHandler() }
    static let channel = Snowflake(rawValue: 1_300_000_000_000_000_000)

    /// The client runs on a test clock: its timers (HELLO timeout, heartbeats, backoff, IDENTIFY
    /// pacing) fire only when a test advances it, so a loaded machine cannot fire one early or
    /// late. Reconnects wait no backoff unless a test asks for one.
    static func settings(
        compress: Bool = false, helloTimeout: Duration = .seconds(10), reconnectBaseDelay: Duration = .zero,
        reconnectMaxDelay: Duration = .zero
    ) -> GatewayConnectionSettings {
        GatewayConnectionSettings(
            compress: compress, helloTimeout: helloTimeout, closeTimeout: .milliseconds(500), reconnectBaseDelay: reconnectBaseDelay,
            reconnectMaxDelay: reconnectMaxDelay
        )
    }

    /// Runs the gateway client against `discord` on `clock` while `body` scripts it, then cancels
    /// it, or, with `stopsOnItsOwn`, waits up to 30 s for it to stop. Returns the error it ended with.
    @discardableResult
    static func withGateway(
        _ discord: FakeDiscord, settings: GatewayConnectionSettings = settings(), token: String = FakeDiscord.defaultToken,
        clock: TestClock = TestClock(), resuming sessions: [Int: GatewayStateMachine.Session] = [:], recorder: GatewayEventRecorder,
        stopsOnItsOwn: Bool = false, _ body: @Sendable () async throws -> Void
    ) async throws -> (any Error)? {
        let rest = discord.restClient(token: token, logger: logger, clock: clock)
        let gateway = DiscordGateway(configuration: .init(token: token, connection: settings), rest: rest, logger: logger, clock: clock)
        let (endings, ended) = AsyncStream.makeStream(of: (any Error)?.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await gateway.run(resuming: sessions, handler: recorder)
                    ended.yield(nil)
                } catch {
                    ended.yield(error)
                }
                ended.finish()
            }
            try await body()
            if stopsOnItsOwn {
                group.addTask {
                    try await Task.sleep(for: .seconds(30))
                    ended.yield(TimedOut(description: "the gateway client did not stop on its own"))
                }
            } else {
                group.cancelAll()
            }
            var iterator = endings.makeAsyncIterator()
            let ending = await iterator.next() ?? nil
            group.cancelAll()
            return ending is CancellationError ? nil : ending
        }
    }

    static func message(_ number: Int) -> JSONValue {
        FakeDiscordPayloads.message(
            id: Snowflake(unixMilliseconds: 1_795_000_000_000 + Int64(number)), channelID: channel, guildID: Snowflake(rawValue: 42),
            content: "event \(number)"
        )
    }

    static func ready(_ recorder: GatewayEventRecorder, count: Int = 1) async throws {
        try await eventually("READY number \(count)") { await recorder.readyCount >= count }
    }

    @Test func connectsIdentifiesAndDeliversEventsInOrder() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: recorder) {
                try await Self.ready(recorder)
                for number in 1...3 { await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(number)) }
                try await eventually("three messages") { await recorder.messageContents.count == 3 }
            }
            #expect(await recorder.messageContents == ["event 1", "event 2", "event 3"])
            let identify = try #require(await discord.gateway.identifies.first)
            #expect(identify.data["token"]?.stringValue == FakeDiscord.defaultToken)
            // GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT
            #expect(identify.data["intents"] == .integer(1 | 512 | 32_768))
            #expect(identify.data["shard"] == .array([.integer(0), .integer(1)]))
            #expect(await recorder.sessions.first?.session?.id == "fake-session-1")
            #expect(await recorder.sessions.first?.session?.resumeURL == discord.resumeURL)
        }
    }

    @Test func zombieConnectionIsDroppedAndResumedWithoutLosingOrRepeatingEvents() async throws {
        // Discord's own interval: on the test clock it costs nothing.
        let interval = Duration.milliseconds(41_250)
        try await FakeDiscord.withRunning(gateway: .init(heartbeatInterval: interval), logger: Self.logger) { discord in
            let (recorder, clock) = (GatewayEventRecorder(), TestClock())
            try await Self.withGateway(discord, clock: clock, recorder: recorder) {
                try await Self.ready(recorder)
                for number in 1...5 { await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(number)) }
                try await eventually("five messages") { await recorder.messageContents.count == 5 }
                // The server goes quiet: no ACKs. Events keep coming and must survive the reconnect,
                // and the replay repeats three already delivered.
                await discord.gateway.setReplayOverlap(3)
                await discord.gateway.setWithholdsAcks(true)
                for number in 6...8 { await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(number)) }
                // The first heartbeat (jittered within the interval) goes unanswered; the connection is
                // kept until the next one is due.
                await clock.waitForSleeper(dueWithin: interval)
                clock.advance(by: interval)
                try await eventually("the unanswered heartbeat") { await discord.gateway.heartbeats == 1 }
                #expect(await discord.gateway.connectionCount == 1)
                await clock.waitForSleeper(dueWithin: interval)
                clock.advance(by: interval)
                try await eventually("a second connection") { await discord.gateway.connectionCount >= 2 }
                await discord.gateway.setWithholdsAcks(false)
                for number in 9...10 { await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(number)) }
                try await eventually("ten messages after RESUMED") {
                    let (resumed, contents) = (await recorder.resumedCount, await recorder.messageContents)
                    return resumed >= 1 && contents.count >= 10
                }
            }
            #expect(await recorder.messageContents == (1...10).map { "event \($0)" })
            #expect(await discord.gateway.identifies.count == 1)
            let resume = try #require(await discord.gateway.resumes.first)
            #expect(resume.data["session_id"]?.stringValue == "fake-session-1")
            #expect(await discord.gateway.connectionPaths.dropFirst().first == "/resume")
            // No clock time passed after the resume, so no heartbeat could be late: exactly one.
            #expect(await recorder.resumedCount == 1)
            #expect(await discord.gateway.connectionCount == 2)
        }
    }

    @Test func reconnectRequestResumes() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: recorder) {
                try await Self.ready(recorder)
                await discord.gateway.requestReconnect()
                try await eventually("RESUMED") { await recorder.resumedCount == 1 }
                await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(1))
                try await eventually("the message") { await recorder.messageContents == ["event 1"] }
            }
            #expect(await discord.gateway.identifies.count == 1)
            #expect(await discord.gateway.resumes.count == 1)
            #expect(await discord.gateway.connectionPaths == ["/gateway", "/resume"])
        }
    }

    @Test func resumableInvalidSessionResumes() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: recorder) {
                try await Self.ready(recorder)
                await discord.gateway.invalidateSession(resumable: true)
                try await eventually("RESUMED") { await recorder.resumedCount == 1 }
            }
            #expect(await discord.gateway.identifies.count == 1)
            #expect(await discord.gateway.resumes.count == 1)
        }
    }

    @Test func unresumableInvalidSessionIdentifiesAgainOnTheSameConnection() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let (recorder, clock) = (GatewayEventRecorder(), TestClock())
            try await Self.withGateway(discord, clock: clock, recorder: recorder) {
                try await Self.ready(recorder)
                // Parked: the HELLO timeout and the first heartbeat.
                await clock.waitForSleepers(2)
                await discord.gateway.invalidateSession(resumable: false)
                // Discord asks for 1–5 s before the new IDENTIFY, and the identify budget spaces a
                // shard's IDENTIFYs 5 s apart: the IDENTIFY timer fires within 5 s, and the budget
                // then holds the IDENTIFY until 5 s after the first.
                await clock.waitForSleepers(3)
                clock.advance(by: .seconds(5) - .milliseconds(1))
                await clock.waitForSleeper(dueBy: .init(offset: .seconds(5)))
                #expect(await discord.gateway.identifies.count == 1)
                clock.advance(by: .milliseconds(1))
                try await eventually("a second READY") { await recorder.readyCount == 2 }
            }
            #expect(clock.elapsed >= .seconds(5))
            #expect(await discord.gateway.identifies.count == 2)
            #expect(await discord.gateway.connectionCount == 1)
            #expect(await recorder.sessions.map(\.session?.id) == ["fake-session-1", nil, "fake-session-2", "fake-session-2"])
        }
    }

    @Test(arguments: [4000, 4001, 4002, 4003, 4005, 4008] as [UInt16])
    func resumableCloseCodeResumes(code: UInt16) async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: recorder) {
                try await Self.ready(recorder)
                await discord.gateway.closeConnections(code: code)
                try await eventually("RESUMED") { await recorder.resumedCount == 1 }
            }
            #expect(await discord.gateway.identifies.count == 1)
        }
    }

    @Test(arguments: GatewayCloseCode.allCases.filter { $0.recovery == .fatal })
    func fatalCloseCodeStopsWithAdvice(code: GatewayCloseCode) async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.gateway.setCloseCodeOnIdentify(code.rawValue)
            let recorder = GatewayEventRecorder()
            let ending = try await Self.withGateway(discord, recorder: recorder, stopsOnItsOwn: true) {}
            let failure = try #require(ending as? GatewayError)
            #expect(failure.closeCode == code)
            #expect(failure.description == code.advice)
            // Stopped: no reconnect after the fatal close, which would IDENTIFY again (a first
            // connection whose HELLO was late on a loaded machine may come before it).
            #expect(await discord.gateway.identifies.count == 1)
        }
    }

    @Test func disallowedIntentsNamesThePortalToggle() {
        let advice = GatewayCloseCode.disallowedIntents.advice
        #expect(advice.contains("Developer Portal"))
        #expect(advice.contains("Message Content Intent"))
        #expect(GatewayCloseCode.authenticationFailed.advice.contains("DISCORD_TOKEN"))
    }

    @Test func zlibStreamPayloadsSplitAcrossMessagesAreInflated() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.gateway.setSplitsCompressedPayloads(true)
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, settings: Self.settings(compress: true), recorder: recorder) {
                try await Self.ready(recorder)
                for number in 1...20 { await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(number)) }
                try await eventually("twenty messages") { await recorder.messageContents.count == 20 }
                // A new connection gets a new zlib context.
                await discord.gateway.requestReconnect()
                try await eventually("RESUMED") { await recorder.resumedCount == 1 }
                await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(21))
                try await eventually("the message after resuming") { await recorder.messageContents.count == 21 }
            }
            #expect(await recorder.messageContents == (1...21).map { "event \($0)" })
        }
    }

    @Test func savedSessionResumesAfterRestart() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let first = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: first) {
                try await Self.ready(first)
                await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(1))
                try await eventually("the message") { await first.messageContents.count == 1 }
            }
            // On the way out the client saved the session with its latest sequence.
            let saved = try #require(await first.latestSession)
            #expect(saved.sequence == 2)
            // Missed while the bot was down:
            await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(2))

            let second = GatewayEventRecorder()
            try await Self.withGateway(discord, resuming: [0: saved], recorder: second) {
                try await eventually("RESUMED") { await second.resumedCount == 1 }
                try await eventually("the missed message") { await second.messageContents == ["event 2"] }
            }
            #expect(await discord.gateway.identifies.count == 1)
            #expect(await discord.gateway.resumes.count == 1)
        }
    }

    @Test func badPayloadsAreSkippedAndTheConnectionCarriesOn() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, recorder: recorder) {
                try await Self.ready(recorder)
                await discord.gateway.sendRaw("this is not json")
                await discord.gateway.sendRaw(#"{"op": 0, "s": 90, "t": "MESSAGE_CREATE", "d": {"id": "1"#)
                await discord.gateway.send(GatewayFrame(opcode: 99, data: .object([("mystery", .bool(true))])))
                // Missing its id: malformed, skipped, never fatal.
                await discord.gateway.dispatch("MESSAGE_CREATE", .object([("content", .string("no id"))]))
                // Two megabytes in one event.
                let big = String(repeating: "x", count: 2 << 20)
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    FakeDiscordPayloads.message(
                        id: Snowflake(unixMilliseconds: 1_795_000_000_500), channelID: Self.channel, content: big))
                await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(1))
                try await eventually("the message after the bad ones") { await recorder.messageContents.last == "event 1" }
            }
            #expect(await recorder.messageContents.map(\.count) == [2 << 20, 7])
            #expect(await discord.gateway.connectionCount == 1)
        }
    }

    @Test func oversizedPayloadDropsTheConnectionAndResumes() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            var settings = Self.settings()
            settings.maxPayloadSize = 1 << 20
            let recorder = GatewayEventRecorder()
            try await Self.withGateway(discord, settings: settings, recorder: recorder) {
                try await Self.ready(recorder)
                await discord.gateway.sendRaw(String(repeating: " ", count: 2 << 20))
                try await eventually("RESUMED") { await recorder.resumedCount == 1 }
                await discord.gateway.dispatch("MESSAGE_CREATE", Self.message(1))
                try await eventually("the message") { await recorder.messageContents == ["event 1"] }
            }
        }
    }

    @Test func helloThatNeverComesIsRetriedWithBackoff() async throws {
        try await FakeDiscord.withRunning(gateway: .init(sendsHello: false), logger: Self.logger) { discord in
            let (recorder, clock) = (GatewayEventRecorder(), TestClock())
            let (helloTimeout, longestBackoff) = (Duration.milliseconds(500), Duration.milliseconds(400))
            let settings = Self.settings(
                helloTimeout: helloTimeout, reconnectBaseDelay: .milliseconds(50), reconnectMaxDelay: longestBackoff)
            try await Self.withGateway(discord, settings: settings, clock: clock, recorder: recorder) {
                for attempt in 1...3 {
                    try await eventually("attempt \(attempt)") { await discord.gateway.connectionCount == attempt }
                    // Given up when the HELLO timeout passes, then the next attempt waits out a backoff.
                    await clock.waitForSleeper(dueWithin: helloTimeout)
                    clock.advance(by: helloTimeout)
                    await clock.waitForSleeper(dueWithin: longestBackoff)
                    #expect(await discord.gateway.connectionCount == attempt)
                    clock.advance(by: longestBackoff)
                }
                try await eventually("a fourth attempt") { await discord.gateway.connectionCount == 4 }
                await discord.gateway.setSendsHello(true)
                // The fourth attempt had no HELLO either; the fifth has one.
                await clock.waitForSleeper(dueWithin: helloTimeout)
                clock.advance(by: helloTimeout)
                await clock.waitForSleeper(dueWithin: longestBackoff)
                clock.advance(by: longestBackoff)
                try await Self.ready(recorder)
            }
            // A 500 ms HELLO timeout plus backoff: a handful of attempts, not a busy loop.
            #expect(await discord.gateway.connectionCount < 10)
            #expect(await discord.gateway.connectionCount == 5)
        }
    }

    @Test func invalidTokenStopsBeforeConnecting() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let recorder = GatewayEventRecorder()
            let ending = try await Self.withGateway(discord, token: "wrong-token", recorder: recorder, stopsOnItsOwn: true) {}
            let failure = try #require(ending as? GatewayError)
            #expect(failure.closeCode == .authenticationFailed)
            #expect(!failure.description.contains("wrong-token"))
            #expect(await discord.gateway.connectionCount == 0)
        }
    }

    @Test func shardsIdentifyWithTheirIdsAndRouteGuilds() async throws {
        #expect(DiscordGateway.shard(of: Snowflake(rawValue: 41_771_983_423_143_937), shardCount: 1) == 0)
        // (id >> 22) % count, Discord's own example guild.
        #expect(
            DiscordGateway.shard(of: Snowflake(rawValue: 41_771_983_423_143_937), shardCount: 4) == Int((41_771_983_423_143_937 >> 22) % 4))
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.setShards(2)
            await discord.rest.setSessionStartLimit(total: 1000, remaining: 1000, resetAfterMilliseconds: 86_400_000, maxConcurrency: 2)
            let recorder = GatewayEventRecorder()
            let clock = TestClock()
            let rest = discord.restClient(logger: Self.logger, clock: clock)
            let gateway = DiscordGateway(
                configuration: .init(token: FakeDiscord.defaultToken, shardCount: .automatic, connection: Self.settings()), rest: rest,
                logger: Self.logger, clock: clock
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gateway.run(handler: recorder) }
                try await Self.ready(recorder, count: 2)
                group.cancelAll()
            }
            let shards = await discord.gateway.identifies.compactMap { $0.data["shard"] }
            #expect(Set(shards) == [.array([.integer(0), .integer(2)]), .array([.integer(1), .integer(2)])])
        }
    }
}
