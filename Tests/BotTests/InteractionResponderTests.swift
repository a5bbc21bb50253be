import Bot
import Daemon
import Discord
import HiringPulseTesting
import JSON
import Logging
import Testing

/// The 3-second rule, against the fake Discord's REST API: quick answers go in the callback,
/// slow ones are acknowledged first and edited in.
@Suite(.timeLimit(.minutes(1))) struct InteractionResponderTests {
    struct Slow: SlashCommand {
        let name = "slow"
        let delay: Duration
        /// The command's work takes `delay` on this clock.
        var clock = TestClock()

        func answer(_ request: CommandRequest) async throws -> InteractionReply {
            try await clock.sleep(for: delay)
            return InteractionReply(content: "done after \(delay)")
        }
    }

    /// A button whose press is refused, after `delay`.
    struct Refusing: SlashCommand {
        let name = "refusing"
        let delay: Duration
        var clock = TestClock()

        func answer(_ request: CommandRequest) async throws -> InteractionReply { .notice("answered") }

        func press(_ request: CommandRequest) async throws -> InteractionReply {
            try await clock.sleep(for: delay)
            throw CommandError("This alert was sent to someone else; only they can react to it.")
        }
    }

    struct NotAnInteraction: Error {}

    static let logger = Logger(label: "responder-tests") { _ in SwiftLogNoOpLogHandler() }

    /// Interaction `number`, delivered by `discord` now (its 3 seconds to answer start).
    static func interaction(_ number: UInt64, from discord: FakeDiscord) throws -> DiscordInteraction {
        try delivered(
            FakeDiscordPayloads.interaction(
                id: Snowflake(rawValue: 1_400_000_000_000_000_000 + number), token: "token-\(number)", command: "slow",
                guildID: Snowflake(rawValue: 1), channelID: Snowflake(rawValue: 2), userID: Snowflake(rawValue: 3)), by: discord)
    }

    /// `payload` delivered by `discord` now, as the gateway hands it over.
    static func delivered(_ payload: JSONValue, by discord: FakeDiscord) throws -> DiscordInteraction {
        discord.interactions.delivered(payload)
        let event = try GatewayEvent(frame: GatewayFrame(opcode: 0, data: payload, sequence: 1, type: "INTERACTION_CREATE"))
        guard case .interactionCreate(let interaction) = event else { throw NotAnInteraction() }
        return interaction
    }

    static let callbackRoute = "POST /interactions/{interaction.id}/{interaction.token}/callback"

    /// Responds to `interaction` with a command that takes 300 ms, acknowledged after 50, both on
    /// `clock`: the acknowledgement is seen to go out before the answer is ready.
    static func respondLate(
        _ responder: InteractionResponder, to interaction: DiscordInteraction, clock: TestClock, _ discord: FakeDiscord
    ) async throws {
        let responding = Task { await responder.respond(to: interaction) }
        await clock.waitForSleepers(2)
        clock.advance(by: .milliseconds(50))
        try await eventually("the acknowledgement") { await !discord.rest.requests(route: callbackRoute).isEmpty }
        clock.advance(by: .milliseconds(250))
        await responding.value
    }

    @Test func aQuickAnswerGoesInTheCallback() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            // On a test clock that never moves, the acknowledgement never comes first, however loaded the machine.
            let clock = TestClock()
            let responder = InteractionResponder(
                rest: discord.restClient(logger: Self.logger), commands: [Slow(delay: .zero, clock: clock)], deferAfter: .seconds(1),
                logger: Self.logger, clock: clock)
            await responder.respond(to: try Self.interaction(1, from: discord))
            let callbacks = await discord.rest.requests(route: Self.callbackRoute)
            let body = try JSONParser.parse(try #require(callbacks.first).body)
            #expect(body["type"] == .integer(4))
            #expect(body["data"]?["content"] == .string("done after 0.0 seconds"))
            #expect(await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original").isEmpty)
        }
    }

    @Test func aSlowAnswerIsAcknowledgedThenEditedIn() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            // The answer takes 300 ms and the responder acknowledges after 50, both on one test clock.
            let clock = TestClock()
            let responder = InteractionResponder(
                rest: discord.restClient(logger: Self.logger), commands: [Slow(delay: .milliseconds(300), clock: clock)],
                deferAfter: .milliseconds(50), logger: Self.logger, clock: clock)
            try await Self.respondLate(responder, to: try Self.interaction(2, from: discord), clock: clock, discord)
            let callbacks = await discord.rest.requests(route: Self.callbackRoute)
            let edits = await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original")
            #expect(try JSONParser.parse(try #require(callbacks.first).body)["type"] == .integer(5))
            #expect(try JSONParser.parse(try #require(edits.first).body)["content"] == .string("done after 0.3 seconds"))
            #expect(try #require(callbacks.first).at < (try #require(edits.first)).at)
        }
    }

    /// A slow press is acknowledged as an update of the message it is on; a refusal that comes
    /// after that goes to the presser alone, and the message (an alert) is left as it was.
    @Test func aLateRefusalOfAButtonLeavesTheMessageAlone() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let clock = TestClock()
            let responder = InteractionResponder(
                rest: discord.restClient(logger: Self.logger), commands: [Refusing(delay: .milliseconds(300), clock: clock)],
                deferAfter: .milliseconds(50), logger: Self.logger, clock: clock)
            let press = try Self.delivered(
                FakeDiscordPayloads.directMessageButtonPress(
                    id: Snowflake(rawValue: 1_400_000_000_000_000_900), token: "token-press", customID: "refusing:x",
                    channelID: Snowflake(rawValue: 2), userID: Snowflake(rawValue: 3), messageID: Snowflake(rawValue: 4)), by: discord)
            try await Self.respondLate(responder, to: press, clock: clock, discord)
            #expect(
                try JSONParser.parse(try #require(await discord.rest.requests(route: Self.callbackRoute).first).body)["type"] == .integer(6)
            )
            #expect(await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original").isEmpty)
            let followUp = try JSONParser.parse(
                try #require(await discord.rest.requests(route: "POST /webhooks/{application.id}/{interaction.token}").first).body)
            #expect(followUp["flags"] == .integer(64))
            #expect(followUp["content"] == .string("This alert was sent to someone else; only they can react to it."))
        }
    }
}
