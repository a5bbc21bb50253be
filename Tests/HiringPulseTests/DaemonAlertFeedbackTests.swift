import Discord
import Foundation
import HiringPulseTesting
import JSON
import NIOHTTP1
import Store
import Testing

/// Feedback end to end: the real `hiringpulse run` sends a member's matches by direct message with
/// 👍 / 👎 / 🚫 buttons; presses on the fake Discord change how the next postings rank, the
/// reasons say so, and `/alerts reset` undoes it.
@Suite(.timeLimit(.minutes(3))) struct DaemonAlertFeedbackTests {
    typealias E2E = DaemonEndToEndTests
    typealias Alerts = DaemonAlertsTests
    typealias Slash = DaemonSlashCommandTests

    /// A direct message the bot sent: its channel, its body, and its buttons' ids by label prefix.
    struct DirectMessage {
        var channel: Snowflake
        var payload: JSONValue
        var title: String { payload["embeds"]?.arrayValue?.first?["title"]?.stringValue ?? "" }
        var description: String { payload["embeds"]?.arrayValue?.first?["description"]?.stringValue ?? "" }
        var buttons: [(label: String, id: String)] {
            (payload["components"]?.arrayValue?.first?["components"]?.arrayValue ?? []).compactMap { button in
                guard let label = button["label"]?.stringValue, let id = button["custom_id"]?.stringValue else { return nil }
                return (label, id)
            }
        }
        func button(_ prefix: String) -> String? { buttons.first { $0.label.hasPrefix(prefix) }?.id }
        /// The score the "Why" line gives: "(score 0.71)".
        var score: Double? { description.firstMatch(of: /\(score (\d\.\d\d)\)/).flatMap { Double($0.1) } }
    }

    static func directMessages(_ discord: FakeDiscord) async -> [DirectMessage] {
        await discord.rest.requests(route: "POST /channels/{channel.id}/messages").compactMap { request in
            guard let payload = try? JSONParser.parse(request.body),
                let channel = request.target.split(separator: "/").dropFirst().first.flatMap({ Snowflake(String($0)) })
            else { return nil }
            return DirectMessage(channel: channel, payload: payload)
        }
    }

    static func directMessage(_ title: String, _ discord: FakeDiscord, _ daemon: DaemonProcess) async throws -> DirectMessage {
        var found: DirectMessage?
        try await daemon.eventually("the direct message about \(title)") {
            found = await directMessages(discord).first { $0.title == title }
            return found != nil
        }
        return try #require(found)
    }

    /// Presses a button under a direct message as `user` would, and returns the bot's answer.
    static func press(
        _ button: String, on message: DirectMessage, as user: Snowflake = Slash.member, number: Int, _ discord: FakeDiscord,
        _ daemon: DaemonProcess
    ) async throws -> JSONValue {
        let id = Snowflake(rawValue: 1_400_000_000_000_000_100 + UInt64(number))
        return try await Slash.send(
            FakeDiscordPayloads.directMessageButtonPress(
                id: id, token: "press-token-\(number)", customID: button, channelID: message.channel, userID: user,
                messageID: Snowflake(rawValue: 1_500_000_000_000_000_000 + UInt64(number)), embeds: message.payload["embeds"] ?? .array([]),
                components: message.payload["components"] ?? .array([])), id: id, to: discord, daemon)
    }

    /// Scores are shown to two decimals.
    static func same(_ score: Double?, _ expected: Double) -> Bool {
        score.map { abs($0 - expected) < 0.001 } ?? false
    }

    static let chat = "-1001234567890"

    /// An alert of alerts.yaml that sends Go jobs to a Telegram chat.
    static let telegramProfile = """
        profiles:
          - name: go
            skills: {go: 1}
            threshold: 0.3
            destinations:
              - telegram: "\(chat)"
        """

    static func telegramEnvironment(_ discord: FakeDiscord, _ messaging: FakeMessaging) -> [String: String] {
        E2E.environment(discord).merging([
            "TELEGRAM_BOT_TOKEN": FakeMessaging.telegramToken, "HIRINGPULSE_TELEGRAM_API_BASE_URL": messaging.telegramBaseURL,
        ]) { _, new in new }
    }

    static func post(_ offset: Int, _ text: String, _ discord: FakeDiscord) async {
        await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(offset, text, author: 2 + offset))
    }

    @Test func buttonPressesRankTheNextPostingsAsTheReasonsSayAndResetUndoesThem() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try "profiles: []\n".write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
            let (daemon, store) = try await E2E.start(cli, discord)
            _ = try await Slash.ask(
                discord, daemon, 1, command: "alerts", options: [("add", 1, .null)],
                subcommandOptions: [("name", 3, .string("go-remote")), ("skills", 3, .string("golang")), ("threshold", 10, .number(0.3))])

            // Two jobs alike but for what they are: backend and frontend.
            await Self.post(1, "[Hiring] Go backend engineer at Acme, remote US, $150k-$180k https://acme.example/j/1", discord)
            await Self.post(2, "[Hiring] Go frontend engineer at Globex, remote US, $150k-$180k https://globex.example/j/2", discord)
            let backend = try await Self.directMessage("Go backend engineer at Acme", discord, daemon)
            let frontend = try await Self.directMessage("Go frontend engineer at Globex", discord, daemon)
            #expect(backend.buttons.map(\.label) == ["👍 Relevant", "👎 Not for me", "🚫 Never Acme"], "\(backend.payload)")
            #expect(backend.score == frontend.score && backend.score != nil, "\(backend.description) | \(frontend.description)")
            #expect(!backend.description.contains("ranked"))

            // Someone else's press counts for nothing.
            let stranger = try await Self.press(
                try #require(backend.button("👍")), on: backend, as: Snowflake(rawValue: 1_200_000_000_000_000_077), number: 1, discord,
                daemon)
            #expect(stranger["data"]?["content"]?.stringValue?.contains("sent to someone else") == true, "\(stranger)")

            let liked = try await Self.press(try #require(backend.button("👍")), on: backend, number: 2, discord, daemon)
            #expect(liked["type"] == .integer(7), "\(liked)")
            #expect(
                liked["data"]?["content"]
                    == .string("Noted: jobs like this one (go, backend) will rank higher in go-remote. /alerts reset go-remote undoes it."))
            let shown = liked["data"]?["components"]?.arrayValue?.first?["components"]?.arrayValue?.compactMap { $0["label"]?.stringValue }
            #expect(shown?.first == "✓ 👍 Relevant", "\(liked)")
            #expect(liked["data"]?["embeds"]?.arrayValue?.first?["title"] == .string("Go backend engineer at Acme"))
            _ = try await Self.press(try #require(frontend.button("👎")), on: frontend, number: 3, discord, daemon)

            // The next two jobs, alike again: the backend one now ranks above the frontend one, by
            // what the reasons say.
            await Self.post(3, "[Hiring] Go backend engineer at Initech, remote US, $150k-$180k https://initech.example/j/3", discord)
            await Self.post(4, "[Hiring] Go frontend engineer at Hooli, remote US, $150k-$180k https://hooli.example/j/4", discord)
            let up = try await Self.directMessage("Go backend engineer at Initech", discord, daemon)
            let down = try await Self.directMessage("Go frontend engineer at Hooli", discord, daemon)
            #expect(up.description.contains("ranked up +0.02: you liked 1 backend job"), "\(up.description)")
            #expect(down.description.contains("ranked down -0.02: you marked 1 frontend job not for you"), "\(down.description)")
            let baseline = try #require(backend.score)
            #expect(
                Self.same(up.score, baseline + 0.02) && Self.same(down.score, baseline - 0.02), "\(up.description) | \(down.description)")

            // /alerts test shows the same ranking and the weights learned.
            let tested = try await Slash.ask(
                discord, daemon, 5, command: "alerts", options: [("test", 1, .null)], subcommandOptions: [("name", 3, .string("go-remote"))]
            )
            let embed = tested["data"]?["embeds"]?.arrayValue?.first
            #expect(embed?["description"]?.stringValue?.contains("Learned weights: backend +0.02, frontend -0.02") == true, "\(tested)")
            let order = embed?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(
                order.prefix(2).allSatisfy { $0.contains("backend") } && order.suffix(2).allSatisfy { $0.contains("frontend") }, "\(order)")

            // 🚫: nothing more from Hooli for this alert.
            let blocked = try await Self.press(try #require(down.button("🚫")), on: down, number: 4, discord, daemon)
            #expect(blocked["data"]?["content"]?.stringValue?.hasPrefix("Noted: go-remote will send nothing more from Hooli.") == true)
            await Self.post(5, "[Hiring] Go platform engineer at Hooli, remote US, $150k-$180k https://hooli.example/j/5", discord)
            await Self.post(6, "[Hiring] Go platform engineer at Umbrella, remote US, $150k-$180k https://umbrella.example/j/6", discord)
            _ = try await Self.directMessage("Go platform engineer at Umbrella", discord, daemon)
            try await daemon.eventually("everything settled") { try await Alerts.settled(store, messages: 6) }
            #expect(await Self.directMessages(discord).allSatisfy { $0.title != "Go platform engineer at Hooli" })

            // /alerts reset: the alert ranks as before any press, and Hooli is back.
            let reset = try await Slash.ask(
                discord, daemon, 6, command: "alerts", options: [("reset", 1, .null)],
                subcommandOptions: [("name", 3, .string("go-remote"))])
            #expect(reset["data"]?["content"]?.stringValue?.hasPrefix("go-remote forgot what it learned from 3 reactions") == true)
            await Self.post(7, "[Hiring] Go backend engineer at Hooli, remote US, $150k-$180k https://hooli.example/j/7", discord)
            let after = try await Self.directMessage("Go backend engineer at Hooli", discord, daemon)
            #expect(Self.same(after.score, baseline) && !after.description.contains("ranked"), "\(after.description)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// The same through Telegram: the configuration's alert sends with an inline keyboard, the
    /// daemon reads the presses with getUpdates, answers each, marks the choice, and ranks the next
    /// postings by them; `hiringpulse alerts reset` undoes it.
    @Test func telegramPressesRankTheNextPostingsAndTheCommandLineResetsThem() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let chat = Self.chat
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                let telegram = messaging.telegram
                await telegram.setLongPollCap(.seconds(2))
                try Self.telegramProfile.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                let environment = Self.telegramEnvironment(discord, messaging)
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                func sent(_ title: String) async throws -> FakeTelegram.Sent {
                    var found: FakeTelegram.Sent?
                    try await daemon.eventually("the Telegram alert about \(title)") {
                        found = await telegram.sent.first { $0.text.contains("<b>\(title)</b>") }
                        return found != nil
                    }
                    return try #require(found)
                }
                func score(_ message: FakeTelegram.Sent) -> Double? {
                    message.text.firstMatch(of: /\(score (\d\.\d\d)\)/).flatMap { Double($0.1) }
                }
                func data(_ message: FakeTelegram.Sent, _ prefix: String) throws -> String {
                    try #require(message.keyboard.flatMap { $0 }.first { $0.text.hasPrefix(prefix) }?.data)
                }
                func answer(_ id: String) async throws -> String? {
                    var text: String?
                    try await daemon.eventually("the answer to press \(id)") {
                        text = await telegram.answeredCallbacks.first { $0.id == id }?.text
                        return text != nil
                    }
                    return text
                }

                await Self.post(1, "[Hiring] Go backend engineer at Acme, remote US, $150k-$180k https://acme.example/j/1", discord)
                await Self.post(2, "[Hiring] Go frontend engineer at Globex, remote US, $150k-$180k https://globex.example/j/2", discord)
                let backend = try await sent("Go backend engineer at Acme")
                let frontend = try await sent("Go frontend engineer at Globex")
                #expect(backend.keyboard.flatMap { $0 }.map(\.text) == ["👍 Relevant", "👎 Not for me", "🚫 Never Acme"])
                let baseline = try #require(score(backend))

                // A press claiming another chat counts for nothing.
                let forged = await telegram.press(chatID: "42", messageID: backend.messageID, data: try data(backend, "👍"))
                #expect(try await answer(forged)?.contains("sent to another chat") == true)
                let liked = await telegram.press(chatID: chat, messageID: backend.messageID, data: try data(backend, "👍"))
                #expect(
                    try await answer(liked)
                        == "Noted: jobs like this one (go, backend) will rank higher in go. An admin can undo it with hiringpulse alerts reset go."
                )
                let marked = await telegram.editedMarkups.first { $0.messageID == backend.messageID }
                #expect(marked?.keyboard.flatMap { $0 }.first?.text == "✓ 👍 Relevant", "\(String(describing: marked))")
                _ = try await answer(await telegram.press(chatID: chat, messageID: frontend.messageID, data: try data(frontend, "👎")))

                await Self.post(3, "[Hiring] Go backend engineer at Initech, remote US, $150k-$180k https://initech.example/j/3", discord)
                await Self.post(4, "[Hiring] Go frontend engineer at Hooli, remote US, $150k-$180k https://hooli.example/j/4", discord)
                let up = try await sent("Go backend engineer at Initech")
                let down = try await sent("Go frontend engineer at Hooli")
                #expect(up.text.contains("ranked up +0.02: you liked 1 backend job"), "\(up.text)")
                #expect(down.text.contains("ranked down -0.02: you marked 1 frontend job not for you"), "\(down.text)")
                #expect(Self.same(score(up), baseline + 0.02) && Self.same(score(down), baseline - 0.02), "\(up.text) | \(down.text)")

                // The command line shows what the profile learned, and forgets it.
                try await daemon.eventually("everything settled") { try await Alerts.settled(store, messages: 4) }
                let tested = try await cli.run(["alerts", "test", "go"])
                #expect(tested.stdout.contains("Learned weights: backend +0.02, frontend -0.02"), "\(tested.stdout)\(tested.stderr)")
                let reset = try await cli.run(["alerts", "reset", "go"])
                #expect(reset.status == 0 && reset.stdout == "go: forgot 2 reactions.\n", "\(reset.stdout)\(reset.stderr)")
                await Self.post(5, "[Hiring] Go backend engineer at Umbrella, remote US, $150k-$180k https://umbrella.example/j/5", discord)
                let after = try await sent("Go backend engineer at Umbrella")
                #expect(Self.same(score(after), baseline) && !after.text.contains("ranked"), "\(after.text)")
                // Each press was handled once.
                #expect(await telegram.answeredCallbacks.count == 3)
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }

    /// With `telegram.webhook_url`, the daemon sets the webhook instead of polling, and presses
    /// Telegram posts to the dashboard count only with the secret.
    @Test func telegramPressesPostedToTheWebhookCountOnlyWithTheSecret() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let chat = Self.chat
        let secret = "hook-Secret_42"
        try await FakeDiscord.withRunning { discord in
            try await FakeMessaging.withRunning { messaging in
                let telegram = messaging.telegram
                try Self.telegramProfile.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                let environment = Self.telegramEnvironment(discord, messaging).merging([
                    "HIRINGPULSE_TELEGRAM_WEBHOOK_URL": "https://hp.example.org/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": secret,
                ]) { _, new in new }
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                try await daemon.eventually("the webhook to be set") { await telegram.webhook != nil }
                #expect(
                    await telegram.webhook
                        == FakeTelegram.Webhook(
                            url: "https://hp.example.org/telegram/webhook", secret: secret, allowedUpdates: ["callback_query"]))
                // The reverse proxy's part: Telegram's https address leads to the daemon's port.
                let local = try await daemon.dashboardURL() + "/telegram/webhook"

                await Self.post(1, "[Hiring] Go backend engineer at Acme, remote US, $150k-$180k https://acme.example/j/1", discord)
                var backend: FakeTelegram.Sent?
                try await daemon.eventually("the Telegram alert") {
                    backend = await telegram.sent.first
                    return backend != nil
                }
                let like = try #require(backend?.keyboard.first?.first?.data)
                // Without the secret, or with another, nothing counts.
                let forged = try await httpRequest(
                    local, method: .POST, headers: [("X-Telegram-Bot-Api-Secret-Token", "guess")],
                    body: #"{"update_id": 1, "callback_query": {"id": "1", "from": {"id": 5}, "data": "fb:1:up"}}"#,
                    using: discord.httpClient)
                #expect(forged.status == 401)
                #expect(try await httpRequest(local, method: .POST, body: "{}", using: discord.httpClient).status == 401)
                #expect(try await store.alertProfiles.feedback().isEmpty)

                let (status, query) = try await telegram.pressThroughWebhook(
                    chatID: chat, messageID: try #require(backend?.messageID), data: like, postingTo: local, using: discord.httpClient)
                #expect(status == 200)
                #expect(await telegram.answeredCallbacks.first { $0.id == query }?.text?.hasPrefix("Noted: jobs like this one") == true)
                await Self.post(2, "[Hiring] Go backend engineer at Initech, remote US, $150k-$180k https://initech.example/j/2", discord)
                try await daemon.eventually("the second alert, ranked up") {
                    await telegram.sent.contains { $0.text.contains("ranked up +0.04: you liked 1 go backend job") }
                }
                #expect(await telegram.polls.isEmpty, "with a webhook, nothing polls")
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }
}
