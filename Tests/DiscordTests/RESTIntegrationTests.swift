import Discord
import HiringPulseTesting
import JSON
import Logging
import Support
import Testing

/// The REST client against the fake Discord's HTTP API over loopback.
@Suite(.timeLimit(.minutes(1))) struct RESTIntegrationTests {
    static let logger = Logger(label: "rest-tests") { _ in SwiftLogNoOpLogHandler() }

    static func client(
        _ discord: FakeDiscord, token: String = FakeDiscord.defaultToken, clock: some Clock<Duration> = ContinuousClock()
    ) -> DiscordRESTClient {
        discord.restClient(token: token, configuration: .init(retryBaseDelay: .milliseconds(20)), logger: logger, clock: clock)
    }

    static func snowflake(_ offset: Int) -> Snowflake {
        Snowflake(unixMilliseconds: 1_790_000_000_000 + Int64(offset))
    }

    @Test func burstOnRateLimitedRoutesGetsAtMostOne429PerBucket() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let route = "POST /channels/{channel.id}/messages"
            await discord.rest.setRateLimit(route: route, bucket: "messages-bucket", limit: 5, window: .milliseconds(500))
            let client = Self.client(discord)
            let channels = [Self.snowflake(1), Self.snowflake(2)]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for channel in channels {
                    for number in 0..<12 {
                        group.addTask {
                            _ = try await client.createMessage(
                                channelID: channel, payload: MessagePayload(content: "burst \(number)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            for channel in channels {
                let answers = await discord.rest.requests(route: route).filter { $0.target.contains("/\(channel)/") }
                let statuses = answers.map(\.status)
                #expect(statuses.filter { $0 == 200 }.count == 12)
                #expect(statuses.filter { $0 == 429 }.count <= 1)
                #expect(await discord.rest.history(channelID: channel).count == 12)
            }
        }
    }

    @Test func backfillPagesOldestFirstAcrossThreePages() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let channel = Self.snowflake(0)
            let messages = (1...250).map {
                FakeDiscordPayloads.message(id: Self.snowflake($0), channelID: channel, content: "message \($0)")
            }
            await discord.rest.setHistory(messages, channelID: channel)
            var seen: [String] = []
            // The last message seen before going offline was number 20.
            for try await message in Self.client(discord).backfill(channelID: channel, after: Self.snowflake(20)) {
                seen.append(message.content ?? "")
            }
            #expect(seen == (21...250).map { "message \($0)" })
            let pages = await discord.rest.requests(route: "GET /channels/{channel.id}/messages")
            #expect(pages.count == 3)
            #expect(
                pages.map(\.target) == [
                    "/channels/\(channel)/messages?limit=100&after=\(Self.snowflake(20))",
                    "/channels/\(channel)/messages?limit=100&after=\(Self.snowflake(120))",
                    "/channels/\(channel)/messages?limit=100&after=\(Self.snowflake(220))",
                ])
        }
    }

    @Test func serverErrorsAreRetriedOnlyWhenSafe() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let client = Self.client(discord)
            await discord.rest.script(.init(route: "GET /users/@me", status: 502, times: 2))
            let user = try await client.currentUser()
            #expect(user.id == FakeDiscordPayloads.botUserID)
            #expect(await discord.rest.requests(route: "GET /users/@me").map(\.status) == [502, 502, 200])

            // Creating a message twice would post it twice: no retry.
            await discord.rest.script(.init(route: "POST /channels/{channel.id}/messages", status: 500))
            let error = await #expect(throws: DiscordRESTError.self) {
                try await client.createMessage(channelID: Self.snowflake(1), payload: MessagePayload(content: "once"))
            }
            #expect(error?.status == 500)
            #expect(await discord.rest.requests(route: "POST /channels/{channel.id}/messages").count == 1)
        }
    }

    @Test func persistentServerErrorsGiveUpAfterBoundedAttempts() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.script(.init(route: "GET /users/@me", status: 503, times: 100))
            await #expect(throws: DiscordRESTError.self) { try await Self.client(discord).currentUser() }
            #expect(await discord.rest.requests.count == 4)
        }
    }

    @Test func answerThatIsNotJSONIsOneClearError() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.script(.init(route: "GET /applications/@me", status: 200, body: "<html>upstream hiccup</html>"))
            let error = await #expect(throws: DiscordRESTError.self) { try await Self.client(discord).currentApplication() }
            #expect(error?.description == "GET /applications/@me: HTTP 200: answer is not JSON")
        }
    }

    @Test func invalidTokenSaysSoWithoutShowingIt() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let error = await #expect(throws: DiscordRESTError.self) {
                try await Self.client(discord, token: "secret-wrong-token").gatewayBot()
            }
            #expect(error?.isInvalidToken == true)
            #expect(error?.description.contains("DISCORD_TOKEN") == true)
            #expect(error?.description.contains("secret-wrong-token") == false)
            #expect(await discord.rest.requests.count == 1)
        }
    }

    @Test func aCallCancelledInFlightEndsAsCancelledNotAsAFailure() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.setAnswerDelay(.seconds(5))
            let client = Self.client(discord)
            let call = Task { try await client.gatewayBot() }
            // The fake holds the answer: the call is on the wire when it is cancelled.
            try await eventually("the call to reach the fake") { await discord.rest.arrivedCount == 1 }
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
        }
    }

    @Test func ratelimitedCallWaitsAndSucceeds() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.script(
                .init(
                    route: "GET /users/@me", status: 429,
                    body: #"{"message": "You are being rate limited.", "retry_after": 0.2, "global": false}"#
                ))
            let clock = TestClock()
            let client = Self.client(discord, clock: clock)
            let call = Task { try await client.currentUser() }
            // The 429 asked for 200 ms: the retry waits on the clock, and 199 ms are not enough.
            await clock.waitForSleeper(dueWithin: .milliseconds(200))
            clock.advance(by: .milliseconds(199))
            #expect(clock.sleeperDeadlines == [.init(offset: .milliseconds(200))])
            #expect(await discord.rest.requests(route: "GET /users/@me").map(\.status) == [429])
            clock.advance(by: .milliseconds(1))
            _ = try await call.value
            #expect(clock.elapsed >= .milliseconds(200))
            #expect(await discord.rest.requests(route: "GET /users/@me").map(\.status) == [429, 200])
        }
    }

    @Test func gatewayBotDescribesShardsAndBudget() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            await discord.rest.setShards(3)
            await discord.rest.setSessionStartLimit(total: 1000, remaining: 997, resetAfterMilliseconds: 3_600_000, maxConcurrency: 16)
            let info = try await Self.client(discord).gatewayBot()
            #expect(info.url == discord.gatewayURL)
            #expect(info.shards == 3)
            #expect(
                info.sessionStartLimit == SessionStartLimit(total: 1000, remaining: 997, resetAfter: .seconds(3600), maxConcurrency: 16))
            let request = try #require(await discord.rest.requests.first)
            #expect(request.authorization == "Bot \(FakeDiscord.defaultToken)")
        }
    }

    @Test func messagesWithFilesGoAsMultipart() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let file = DiscordFile(name: "funnel.csv", contentType: "text/csv", data: Array("stage,count\nOA,12\n".utf8))
            let message = try await Self.client(discord).createMessage(
                channelID: Self.snowflake(1), payload: MessagePayload(content: "weekly funnel"), files: [file]
            )
            #expect(message.content == "weekly funnel")
            let request = try #require(await discord.rest.requests.first)
            #expect(request.contentType?.hasPrefix("multipart/form-data; boundary=") == true)
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(body.contains(#"name="files[0]"; filename="funnel.csv""#))
            #expect(body.contains(#""attachments":[{"id":0,"filename":"funnel.csv"}]"#))
            #expect(body.contains("stage,count\nOA,12\n"))
        }
    }

    /// Discord's rules for answering an interaction, which the fake keeps, over the wire: one
    /// callback, only for an interaction delivered, and no edit of the original response before
    /// it. (The 3-second deadline is `FakeInteractionLedgerTests`'; a loaded machine can stall this
    /// test's own tasks for longer than that, so here it is a minute.)
    @Test func theFakeRefusesAnInteractionAnswerAsDiscordDoes() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            discord.interactions.setCallbackDeadline(.seconds(60))
            let client = Self.client(discord)
            let application = try await client.currentApplication()
            let ack = InteractionCallback.deferred(ephemeral: false)
            let edit = MessagePayload(content: "x")
            let never = await #expect(throws: DiscordRESTError.self) {
                try await client.createInteractionResponse(interactionID: Self.snowflake(10), token: "never-delivered", response: ack)
            }
            #expect(never?.code == 10062)

            let token = "interaction-token-def"
            discord.interactions.delivered(.object([("id", .string("\(Self.snowflake(11))")), ("token", .string(token))]))
            let early = await #expect(throws: DiscordRESTError.self) {
                try await client.editOriginalInteractionResponse(applicationID: application.id, token: token, payload: edit)
            }
            #expect(early?.code == 10015)
            try await client.createInteractionResponse(interactionID: Self.snowflake(11), token: token, response: ack)
            let twice = await #expect(throws: DiscordRESTError.self) {
                try await client.createInteractionResponse(interactionID: Self.snowflake(11), token: token, response: ack)
            }
            #expect(twice?.code == 40060)
            _ = try await client.editOriginalInteractionResponse(applicationID: application.id, token: token, payload: edit)
        }
    }

    @Test func interactionAndCommandEndpoints() async throws {
        try await FakeDiscord.withRunning(logger: Self.logger) { discord in
            let client = Self.client(discord)
            let application = try await client.currentApplication()
            #expect(application.id == FakeDiscordPayloads.applicationID)
            let token = "interaction-token-abc"
            discord.interactions.setCallbackDeadline(.seconds(60))
            discord.interactions.delivered(.object([("id", .string("\(Self.snowflake(9))")), ("token", .string(token))]))
            try await client.createInteractionResponse(
                interactionID: Self.snowflake(9), token: token, response: .deferred(ephemeral: false)
            )
            let edited = try await client.editOriginalInteractionResponse(
                applicationID: application.id, token: token, payload: MessagePayload(content: "12 offers this week")
            )
            #expect(edited.content == "12 offers this week")
            let followup = try await client.createFollowupMessage(
                applicationID: application.id, token: token, payload: MessagePayload(content: "more")
            )
            #expect(followup.content == "more")
            try await client.deleteOriginalInteractionResponse(applicationID: application.id, token: token)
            let commands = JSONValue.array([.object([("name", .string("stats")), ("description", .string("Hiring statistics"))])])
            let global = try await client.bulkOverwriteGlobalCommands(applicationID: application.id, commands: commands)
            #expect(global.arrayValue?.first?["name"]?.stringValue == "stats")
            _ = try await client.bulkOverwriteGuildCommands(applicationID: application.id, guildID: Self.snowflake(3), commands: commands)
            let dm = try await client.createDM(recipientID: Self.snowflake(4))
            #expect(dm.type == 1)
            await discord.rest.setMember(
                .object([
                    ("user", FakeDiscordPayloads.user(id: Self.snowflake(4), name: "admin")),
                    ("roles", .array([.string("\(Self.snowflake(5))")])),
                ]),
                guildID: Self.snowflake(3), userID: Self.snowflake(4)
            )
            let member = try await client.guildMember(guildID: Self.snowflake(3), userID: Self.snowflake(4))
            #expect(member.roles == [Self.snowflake(5)])
            let missing = await #expect(throws: DiscordRESTError.self) {
                try await client.guildMember(guildID: Self.snowflake(3), userID: Self.snowflake(6))
            }
            #expect(missing?.code == 10007)

            let requests = await discord.rest.requests
            #expect(requests.allSatisfy { $0.status < 300 || $0.route == "GET /guilds/{guild.id}/members/{user.id}" })
            // Interaction routes are authorized by their token, never the bot token; their
            // templates keep the token out of logs and errors.
            for request in requests where request.route.contains("{interaction.token}") {
                #expect(request.authorization == nil)
            }
        }
    }
}
