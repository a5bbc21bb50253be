import Discord
import JSON
import Testing

/// The gateway protocol, driven input by input.
@Suite struct GatewayStateMachineTests {
    static let configuration = GatewayStateMachine.Configuration(
        token: "test-token", shard: (0, 1), gatewayURL: "wss://gateway.discord.gg/?v=10&encoding=json")
    static let session = GatewayStateMachine.Session(id: "abc", sequence: 41, resumeURL: "wss://resume.discord.gg")

    static func hello(_ interval: Int64 = 41_250) -> GatewayStateMachine.Input {
        .frame(GatewayFrame(.hello, data: .object([("heartbeat_interval", .integer(interval))])))
    }

    static func dispatch(_ type: String, _ sequence: Int64, data: JSONValue = .object([])) -> GatewayStateMachine.Input {
        .frame(GatewayFrame(opcode: 0, data: data, sequence: sequence, type: type))
    }

    static let ready = dispatch(
        "READY", 1,
        data: .object([
            ("session_id", .string("abc")), ("resume_gateway_url", .string("wss://resume.discord.gg")),
        ]))

    /// A machine that has identified and received READY.
    static func readyMachine(seed: UInt64 = 1) -> GatewayStateMachine {
        var machine = GatewayStateMachine(configuration: configuration, seed: seed)
        _ = machine.start()
        _ = machine.handle(.socketOpened)
        _ = machine.handle(hello())
        _ = machine.handle(ready)
        return machine
    }

    static func sent(_ actions: [GatewayStateMachine.Action]) -> [GatewayFrame] {
        actions.compactMap { if case .send(let frame) = $0 { frame } else { nil } }
    }

    static func reconnectDelay(_ actions: [GatewayStateMachine.Action]) -> Duration? {
        actions.lazy.compactMap { if case .scheduleReconnect(let delay) = $0 { delay } else { nil } }.first
    }

    @Test func helloStartsAJitteredHeartbeatAndIdentifies() throws {
        var machine = GatewayStateMachine(configuration: Self.configuration, seed: 7)
        #expect(machine.start() == [.openSocket(url: Self.configuration.gatewayURL)])
        #expect(machine.handle(.socketOpened) == [])
        let actions = machine.handle(Self.hello())
        guard case .scheduleHeartbeat(let first) = actions.first else {
            Issue.record("no heartbeat")
            return
        }
        #expect(first >= .zero && first < .milliseconds(41_250))
        let identify = try #require(Self.sent(actions).first)
        #expect(identify.opcode == GatewayOpcode.identify.rawValue)
        #expect(identify.data["token"] == .string("test-token"))
        #expect(identify.data["intents"] == .integer(1 | 1 << 9 | 1 << 15))
        #expect(identify.data["shard"] == .array([.integer(0), .integer(1)]))
        // The token never shows in a description.
        #expect(!"\(identify)".contains("test-token") && !"\(Self.configuration)".contains("test-token"))
    }

    @Test func theFirstHeartbeatIsJitteredDifferentlyPerSeed() {
        let delays = (1...20).map { seed -> Duration? in
            var machine = GatewayStateMachine(configuration: Self.configuration, seed: UInt64(seed))
            _ = machine.start()
            _ = machine.handle(.socketOpened)
            if case .scheduleHeartbeat(let first)? = machine.handle(Self.hello()).first { return first }
            return nil
        }
        #expect(Set(delays.compactMap { $0 }).count > 15)
    }

    @Test func readyKeepsTheSessionAndEventsAdvanceTheSequence() {
        var machine = GatewayStateMachine(configuration: Self.configuration, seed: 1)
        _ = machine.start()
        _ = machine.handle(.socketOpened)
        _ = machine.handle(Self.hello())
        let actions = machine.handle(Self.ready)
        let saved = GatewayStateMachine.Session(id: "abc", sequence: 1, resumeURL: "wss://resume.discord.gg")
        #expect(actions.first == .saveSession(saved))
        #expect(machine.isReady)
        _ = machine.handle(Self.dispatch("MESSAGE_CREATE", 2, data: .object([("id", .string("10"))])))
        #expect(machine.session?.sequence == 2)
    }

    @Test func heartbeatsCarryTheLastSequenceAndAMissingAckIsAZombie() throws {
        var machine = Self.readyMachine()
        _ = machine.handle(Self.dispatch("MESSAGE_CREATE", 5, data: .object([("id", .string("10"))])))
        let beat = machine.handle(.heartbeatDue)
        #expect(Self.sent(beat) == [GatewayFrame(.heartbeat, data: .integer(5))])
        #expect(beat.contains(.scheduleHeartbeat(after: .milliseconds(41_250))))
        _ = machine.handle(.frame(GatewayFrame(.heartbeatAck)))
        #expect(Self.sent(machine.handle(.heartbeatDue)).count == 1)
        // No ACK this time: close with a resumable code, then reconnect to the resume URL.
        let zombie = machine.handle(.heartbeatDue)
        #expect(zombie == [.cancelHeartbeat, .closeSocket(code: GatewayStateMachine.resumableCloseCode)])
        let closed = machine.handle(.socketClosed(code: GatewayStateMachine.resumableCloseCode))
        #expect(Self.reconnectDelay(closed) != nil)
        #expect(machine.handle(.reconnectDue) == [.openSocket(url: "wss://resume.discord.gg")])
        _ = machine.handle(.socketOpened)
        let resume = try #require(Self.sent(machine.handle(Self.hello())).first)
        #expect(resume.opcode == GatewayOpcode.resume.rawValue)
        #expect(resume.data["session_id"] == .string("abc"))
        #expect(resume.data["seq"] == .integer(5))
    }

    @Test func aHeartbeatRequestIsAnsweredAtOnce() {
        var machine = Self.readyMachine()
        #expect(Self.sent(machine.handle(.frame(GatewayFrame(.heartbeat)))) == [GatewayFrame(.heartbeat, data: .integer(1))])
    }

    @Test func reconnectOpcodeResumes() {
        var machine = Self.readyMachine()
        #expect(machine.handle(.frame(GatewayFrame(.reconnect))) == [.cancelHeartbeat, .closeSocket(code: 4900)])
        _ = machine.handle(.socketClosed(code: 4900))
        #expect(machine.handle(.reconnectDue) == [.openSocket(url: "wss://resume.discord.gg")])
    }

    @Test func invalidSessionResumableResumes() {
        var machine = Self.readyMachine()
        #expect(machine.handle(.frame(GatewayFrame(.invalidSession, data: .bool(true)))) == [.cancelHeartbeat, .closeSocket(code: 4900)])
        _ = machine.handle(.socketClosed(code: nil))
        #expect(machine.handle(.reconnectDue) == [.openSocket(url: "wss://resume.discord.gg")])
    }

    @Test func invalidSessionNotResumableIdentifiesAgainAfterOneToFiveSeconds() throws {
        for seed in UInt64(1)...30 {
            var machine = Self.readyMachine(seed: seed)
            let actions = machine.handle(.frame(GatewayFrame(.invalidSession, data: .bool(false))))
            #expect(actions.first == .saveSession(nil))
            guard case .scheduleIdentify(let wait)? = actions.last else {
                Issue.record("no identify scheduled")
                return
            }
            #expect(wait >= .seconds(1) && wait <= .seconds(5))
            #expect(machine.session == nil)
            let identify = try #require(Self.sent(machine.handle(.identifyDue)).first)
            #expect(identify.opcode == GatewayOpcode.identify.rawValue)
        }
    }

    @Test(arguments: GatewayCloseCode.allCases)
    func everyCloseCodeIsHandledAsDiscordDocuments(code: GatewayCloseCode) {
        var machine = Self.readyMachine()
        let actions = machine.handle(.socketClosed(code: code.rawValue))
        switch code {
        case .unknownError, .unknownOpcode, .decodeError, .notAuthenticated, .alreadyAuthenticated, .rateLimited:
            #expect(code.recovery == .resume)
            #expect(Self.reconnectDelay(actions) != nil)
            #expect(machine.handle(.reconnectDue) == [.openSocket(url: "wss://resume.discord.gg")])
        case .invalidSequence, .sessionTimedOut:
            #expect(code.recovery == .reidentify)
            #expect(actions.contains(.saveSession(nil)))
            #expect(machine.handle(.reconnectDue) == [.openSocket(url: Self.configuration.gatewayURL)])
        case .authenticationFailed, .invalidShard, .shardingRequired, .invalidAPIVersion, .invalidIntents,
            .disallowedIntents:
            #expect(code.recovery == .fatal)
            #expect(actions.last == .stop(GatewayError(closeCode: code)))
            #expect(machine.isStopped)
            // Stopped means stopped: nothing brings it back.
            #expect(machine.handle(.reconnectDue) == [])
            #expect(machine.handle(Self.hello()) == [])
        }
    }

    @Test func fatalCloseCodesSayWhatToDo() {
        #expect(GatewayCloseCode.disallowedIntents.advice.contains("Message Content Intent"))
        #expect(GatewayCloseCode.disallowedIntents.advice.contains("Developer Portal"))
        #expect(GatewayCloseCode.authenticationFailed.advice.contains("DISCORD_TOKEN"))
    }

    @Test func otherClosesResumeWhenThereIsASession() {
        for code: UInt16? in [nil, 1000, 1001, 1006, 1011, 4999] {
            var machine = Self.readyMachine()
            _ = machine.handle(.socketClosed(code: code))
            #expect(machine.handle(.reconnectDue) == [.openSocket(url: "wss://resume.discord.gg")], "\(String(describing: code))")
        }
    }

    @Test func withoutASessionAReconnectIdentifies() throws {
        var machine = GatewayStateMachine(configuration: Self.configuration, seed: 3)
        _ = machine.start()
        _ = machine.handle(.socketOpened)
        _ = machine.handle(Self.hello())
        _ = machine.handle(.socketClosed(code: 1006))
        #expect(machine.handle(.reconnectDue) == [.openSocket(url: Self.configuration.gatewayURL)])
        _ = machine.handle(.socketOpened)
        #expect(try #require(Self.sent(machine.handle(Self.hello())).first).opcode == GatewayOpcode.identify.rawValue)
    }

    @Test func reconnectBackoffGrowsWithJitterAndIsCapped() throws {
        // Each failed connection schedules the next: about 1 s, 2 s, 4 s … (jitter takes off up to
        // half), never more than a minute.
        var machine = Self.readyMachine(seed: 9)
        var scheduled: [Duration] = []
        for _ in 0..<12 {
            if let delay = Self.reconnectDelay(machine.handle(.socketClosed(code: 1006))) { scheduled.append(delay) }
            _ = machine.handle(.reconnectDue)
        }
        try #require(scheduled.count == 12)
        #expect(scheduled[0] >= .milliseconds(500) && scheduled[0] <= .seconds(1))
        #expect(scheduled[3] >= .seconds(4) && scheduled[3] <= .seconds(8))
        #expect(scheduled.allSatisfy { $0 <= .seconds(60) })
        #expect(scheduled.last! >= .seconds(30))
    }

    @Test func aSavedSessionResumesOnStart() throws {
        var machine = GatewayStateMachine(configuration: Self.configuration, session: Self.session, seed: 1)
        #expect(machine.start() == [.openSocket(url: "wss://resume.discord.gg")])
        _ = machine.handle(.socketOpened)
        let resume = try #require(Self.sent(machine.handle(Self.hello())).first)
        #expect(resume.opcode == GatewayOpcode.resume.rawValue && resume.data["seq"] == .integer(41))
        #expect(
            machine.handle(Self.dispatch("RESUMED", 42)) == [
                .deliver(GatewayFrame(opcode: 0, data: .object([]), sequence: 42, type: "RESUMED"))
            ])
        #expect(machine.isReady)
    }

    @Test func eventsReplayedAfterResumeAreDeliveredOnce() {
        var machine = Self.readyMachine()
        let create = Self.dispatch("MESSAGE_CREATE", 2, data: .object([("id", .string("1001"))]))
        let edit1 = Self.dispatch("MESSAGE_UPDATE", 3, data: .object([("id", .string("1001")), ("edited_timestamp", .string("t1"))]))
        let edit2 = Self.dispatch("MESSAGE_UPDATE", 4, data: .object([("id", .string("1001")), ("edited_timestamp", .string("t2"))]))
        #expect(machine.handle(create).count == 1)
        #expect(machine.handle(edit1).count == 1)
        // Resume, and the server replays what it thinks was missed.
        _ = machine.handle(.frame(GatewayFrame(.reconnect)))
        _ = machine.handle(.socketClosed(code: 4900))
        _ = machine.handle(.reconnectDue)
        _ = machine.handle(.socketOpened)
        _ = machine.handle(Self.hello())
        _ = machine.handle(Self.dispatch("RESUMED", 4))
        #expect(machine.handle(create) == [])
        #expect(machine.handle(edit1) == [])
        // A second edit of the same message is new.
        #expect(machine.handle(edit2).count == 1)
    }

    @Test func unknownAndSendOnlyOpcodesAreIgnored() {
        var machine = Self.readyMachine()
        for opcode in [2, 3, 4, 6, 8, 31, 5, 12, 99, -1] {
            #expect(machine.handle(.frame(GatewayFrame(opcode: opcode))) == [], "op \(opcode)")
        }
        #expect(machine.isReady)
    }

    @Test func aHelloWithoutAnIntervalClosesAndRetries() {
        var machine = GatewayStateMachine(configuration: Self.configuration, seed: 1)
        _ = machine.start()
        _ = machine.handle(.socketOpened)
        #expect(machine.handle(.frame(GatewayFrame(.hello, data: .object([])))) == [.cancelHeartbeat, .closeSocket(code: 4900)])
    }

    @Test func framesBeforeHelloOrAfterStopChangeNothing() {
        var machine = GatewayStateMachine(configuration: Self.configuration, seed: 1)
        #expect(machine.handle(.heartbeatDue) == [])
        _ = machine.start()
        #expect(machine.handle(Self.ready) == [])
        #expect(machine.handle(.frame(GatewayFrame(.heartbeat))) == [])
    }

    @Test func framesRoundTripThroughJSON() throws {
        let frame = GatewayFrame(opcode: 0, data: .object([("id", .string("1"))]), sequence: 7, type: "MESSAGE_CREATE")
        #expect(try GatewayFrame(json: Array(frame.json.utf8)) == frame)
        #expect(throws: GatewayFrame.DecodingError.self) { try GatewayFrame(json: Array("{\"d\": 1}".utf8)) }
        #expect(throws: GatewayFrame.DecodingError.self) { try GatewayFrame(json: Array("{\"op\": 0, \"d\": {".utf8)) }
    }
}

@Suite struct GatewayStateMachineNewSessionTests {
    /// After a session that could not be resumed, the guilds arrive again with their channels: the
    /// client must hand them on, or a watch-everything bot would never catch up on them.
    @Test func aGuildSeenInAnEarlierSessionIsHandedOnAgain() {
        var machine = GatewayStateMachineTests.readyMachine()
        let guild = GatewayStateMachineTests.dispatch("GUILD_CREATE", 2, data: .object([("id", .string("81384788765712384"))]))
        #expect(machine.handle(guild).count == 1)
        #expect(
            machine.handle(GatewayStateMachineTests.dispatch("GUILD_CREATE", 3, data: .object([("id", .string("81384788765712384"))])))
                .count == 1)
        // A message replayed within a session is still dropped.
        let create = GatewayStateMachineTests.dispatch("MESSAGE_CREATE", 4, data: .object([("id", .string("1001"))]))
        #expect(machine.handle(create).count == 1)
        #expect(machine.handle(create) == [])
    }
}
