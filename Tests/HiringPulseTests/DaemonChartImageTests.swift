import Charts
import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// The statistics commands' chart images, through the fake Discord as a member's client gets them.
@Suite(.timeLimit(.minutes(2))) struct DaemonChartImageTests {
    typealias E2E = DaemonEndToEndTests
    typealias Slash = DaemonSlashCommandTests

    @Test func statsTrendsTopAndMeArriveWithTheChartTheirEmbedShows() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await E2E.start(cli, discord, environment: E2E.environment(discord))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from JPMC today", author: 1))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "JPMC superday next week!", author: 2))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(3, "Citadel OA done", author: 3))
            try await daemon.eventually("three updates") { await (try? E2E.updates(store))?.count == 3 }

            let asks: [(command: String, options: [(name: String, type: Int, value: JSONValue)], file: String)] = [
                ("stats", [], "stats.png"),
                ("trends", [("company", 3, .string("jpmc"))], "trends.png"),
                ("top", [("company", 3, .string("citadel"))], "top.png"),
                ("me", [], "journeys.png"),
            ]
            for (number, ask) in asks.enumerated() {
                let id = Snowflake(rawValue: 1_400_000_000_000_000_100 + UInt64(number))
                let token = "chart-token-\(number)"
                // /me is the member's own: the first member, who reported the JPMC OA.
                let user = ask.command == "me" ? Snowflake(rawValue: 1_200_000_000_000_000_001) : Slash.member
                let sent = ContinuousClock.now
                await discord.gateway.dispatch(
                    "INTERACTION_CREATE",
                    FakeDiscordPayloads.interaction(
                        id: id, token: token, command: ask.command, options: ask.options, guildID: E2E.guild, channelID: E2E.channel,
                        userID: user))
                var answer: (payload: JSONValue, files: [FakeUploadedFile], at: ContinuousClock.Instant)?
                try await daemon.eventually("/\(ask.command) with its chart") {
                    answer = await Slash.answerWithFiles(discord, id: id, token: token)
                    return answer != nil
                }
                let (payload, files, at) = try #require(answer)
                // Discord's window for the first answer; an edit after an acknowledgement would be later.
                #expect(at - sent < .seconds(3), "/\(ask.command) took \(at - sent)")
                let message = payload["data"] ?? payload
                #expect(files.map(\.filename) == [ask.file])
                #expect(message["attachments"]?.arrayValue?.first?["filename"] == .string(ask.file))
                #expect(message["embeds"]?.arrayValue?.first?["image"]?["url"] == .string("attachment://\(ask.file)"))
                let image = try PNGPixels(decoding: files[0].data)
                // 800 units at 1.5 times, for a phone's three pixels a point; its height follows its rows.
                #expect(image.width == 1200 && image.height >= 300, "/\(ask.command): \(image.width)×\(image.height)")
                #expect(image.inkFraction > 0.02 && image.distinctColorCount >= 3, "/\(ask.command) looks blank")
                if ask.command == "me" { #expect(message["flags"] == .integer(64)) }
            }

            // The daemon serves the dashboard beside the bot, over the same live store.
            let overview = try await httpGet(try await daemon.dashboardURL() + "/api/v1/overview", using: discord.httpClient)
            #expect(overview.status == 200)
            let figures = try JSONParser.parse(Array(overview.body.utf8))
            #expect(figures["journeys"] == .integer(3))
            // Two journeys at JPMC and one at Citadel: under three each, so neither is named.
            #expect(figures["top_companies"]?.arrayValue?.compactMap { $0["company"]?.stringValue } == ["other companies"])
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }
}
