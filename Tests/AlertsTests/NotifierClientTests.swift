import Alerts
import HiringPulseTesting
import JSON
import Testing

/// The Telegram and Slack clients against fakes that speak their wire formats and refuse what
/// the real services refuse.
@Suite struct NotifierClientTests {
    @Test func telegramSendsEscapedHTMLThatTheServiceAccepts() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = TelegramClient(
                baseURL: messaging.telegramBaseURL, token: FakeMessaging.telegramToken, httpClient: messaging.httpClient)
            let text = TelegramMessage.text(NotificationMessageTests.notification)
            #expect(await client.sendMessage(chatID: "-1001234567890", html: text) == .sent)
            let sent = await messaging.telegram.sent
            #expect(sent.map(\.chatID) == ["-1001234567890"])
            #expect(sent.first?.text == text && sent.first?.parseMode == "HTML")
        }
    }

    @Test func telegramFailuresSayWhetherToRetry() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = TelegramClient(
                baseURL: messaging.telegramBaseURL, token: FakeMessaging.telegramToken, httpClient: messaging.httpClient)
            await messaging.telegram.rateLimit(retryAfter: 7)
            #expect(
                await client.sendMessage(chatID: "1", html: "hi")
                    == .retryLater(after: .seconds(7), reason: "Telegram: Too Many Requests: retry after 7"))
            await messaging.telegram.setMissing(["2"])
            await messaging.telegram.setBlocked(["3"])
            #expect(await client.sendMessage(chatID: "2", html: "hi") == .rejected(reason: "Telegram: Bad Request: chat not found"))
            #expect(
                await client.sendMessage(chatID: "3", html: "hi") == .rejected(reason: "Telegram: Forbidden: bot was blocked by the user"))
            #expect(
                await client.sendMessage(chatID: "4", html: "<b>unclosed")
                    == .rejected(
                        reason: "Telegram: Bad Request: can't parse entities: can't find end tag corresponding to start tag \"b\""))
            let wrongToken = TelegramClient(baseURL: messaging.telegramBaseURL, token: "999:wrong", httpClient: messaging.httpClient)
            let refused = await wrongToken.sendMessage(chatID: "1", html: "hi")
            #expect(refused == .rejected(reason: "Telegram refused the bot token (401): Unauthorized"))
            #expect(await messaging.telegram.sent.isEmpty)
        }
    }

    @Test func telegramUnreachableIsRetriedAndTheTokenNeverShows() async {
        let client = TelegramClient(baseURL: "http://127.0.0.1:1", token: "123:secret-token", timeout: .seconds(2))
        let result = await client.sendMessage(chatID: "1", html: "hi")
        guard case .retryLater(nil, let reason) = result else {
            Issue.record("expected a retry, got \(result)")
            return
        }
        #expect(!reason.contains("secret-token"))
    }

    @Test func slackPostsBlocksWithAFallback() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = SlackWebhookClient(httpClient: messaging.httpClient)
            let payload = SlackMessage.payload(NotificationMessageTests.notification)
            #expect(await client.post(payload, to: messaging.slackWebhookURL()) == .sent)
            let posted = await messaging.slack.posted
            #expect(posted.count == 1)
            #expect(posted.first?.payload == payload)
        }
    }

    @Test func slackFailuresSayWhetherToRetryAndNeverQuoteTheWebhook() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = SlackWebhookClient(httpClient: messaging.httpClient)
            let payload = SlackMessage.payload(NotificationMessageTests.notification)
            await messaging.slack.rateLimit(retryAfter: 4)
            #expect(
                await client.post(payload, to: messaging.slackWebhookURL())
                    == .retryLater(after: .seconds(4), reason: "Slack: rate limited"))
            await messaging.slack.setRevoked(["T1/B1/gone"])
            let revoked = await client.post(payload, to: messaging.slackWebhookURL("T1/B1/gone"))
            #expect(revoked == .rejected(reason: "Slack refused the webhook (404 no_service)"))
            let invalid = await client.post(
                .object([("blocks", .array([.object([("type", .string("mystery"))])]))]), to: messaging.slackWebhookURL())
            #expect(invalid == .rejected(reason: "Slack refused the webhook (400 invalid_blocks)"))
        }
    }
}
