import Alerts
import HiringPulseTesting
import JSON
import Testing

/// Inline keyboards and what reads their presses (getUpdates, answerCallbackQuery,
/// editMessageReplyMarkup), against the fake Bot API, and the parsing of updates in Telegram's
/// own shape.
@Suite struct TelegramUpdatesTests {
    static let feedback: [[TelegramButton]] = [
        [TelegramButton(text: "👍 relevant", callbackData: "fb:1:up"), TelegramButton(text: "👎 not for me", callbackData: "fb:1:down")],
        [TelegramButton(text: "🚫 never this company", callbackData: "fb:1:never")],
    ]

    func client(_ messaging: FakeMessaging, token: String = FakeMessaging.telegramToken) -> TelegramClient {
        TelegramClient(baseURL: messaging.telegramBaseURL, token: token, httpClient: messaging.httpClient)
    }

    @Test func aKeyboardIsSentWithTheMessage() async throws {
        try await FakeMessaging.withRunning { messaging in
            #expect(await client(messaging).sendMessage(chatID: "42", html: "<b>Go</b> at Acme", keyboard: Self.feedback) == .sent)
            #expect(await client(messaging).sendMessage(chatID: "42", html: "no keyboard") == .sent)
            let sent = await messaging.telegram.sent
            #expect(sent.map(\.messageID) == [1, 2])
            #expect(
                sent.first?.keyboard == [
                    [.init(text: "👍 relevant", data: "fb:1:up"), .init(text: "👎 not for me", data: "fb:1:down")],
                    [.init(text: "🚫 never this company", data: "fb:1:never")],
                ])
            #expect(sent.last?.keyboard == [])
        }
    }

    @Test func aButtonWhoseDataTelegramWouldRefuseIsLeftOut() async throws {
        try await FakeMessaging.withRunning { messaging in
            // 33 characters, 66 bytes: the limit is in bytes.
            let long = String(repeating: "é", count: 33)
            let keyboard = [
                [TelegramButton(text: "kept", callbackData: "fb:1:up"), TelegramButton(text: "too long", callbackData: long)],
                [TelegramButton(text: "empty", callbackData: "")],
                [TelegramButton(text: "64 bytes", callbackData: String(repeating: "x", count: 64))],
            ]
            #expect(await client(messaging).sendMessage(chatID: "42", html: "hi", keyboard: keyboard) == .sent)
            #expect(
                await messaging.telegram.sent.first?.keyboard == [
                    [.init(text: "kept", data: "fb:1:up")], [.init(text: "64 bytes", data: String(repeating: "x", count: 64))],
                ])
            let none = [[TelegramButton(text: "too long", callbackData: long)]]
            #expect(await client(messaging).sendMessage(chatID: "42", html: "hi", keyboard: none) == .sent)
            #expect(await messaging.telegram.sent.last?.keyboard == [])
        }
    }

    @Test func anOffsetConfirmsTheUpdatesBeforeIt() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            #expect(await client.sendMessage(chatID: "42", html: "Go at Acme", keyboard: Self.feedback) == .sent)
            let first = await messaging.telegram.press(chatID: "42", messageID: 1, data: "fb:1:up")
            let second = await messaging.telegram.press(chatID: "42", messageID: 1, data: "fb:1:never", fromUserID: 7)
            let updates = try await client.getUpdates(offset: nil, timeout: 0)
            #expect(updates.map(\.callbackQuery?.id) == [first, second])
            #expect(
                updates.first?.callbackQuery
                    == TelegramCallbackQuery(id: first, fromUserID: FakeTelegram.memberID, chatID: 42, messageID: 1, data: "fb:1:up"))
            #expect(updates.last?.callbackQuery?.fromUserID == 7)
            // Not confirmed yet: asked again, they come again.
            #expect(try await client.getUpdates(offset: nil, timeout: 0).count == 2)
            let ids = updates.map(\.updateID)
            #expect(try await client.getUpdates(offset: ids[0] + 1, timeout: 0).map(\.updateID) == [ids[1]])
            #expect(try await client.getUpdates(offset: ids[1] + 1, timeout: 0).isEmpty)
            #expect(await messaging.telegram.pendingUpdateIDs.isEmpty)
            #expect(await messaging.telegram.polls.allSatisfy { $0.allowedUpdates == ["callback_query"] && $0.timeout == 0 })
        }
    }

    @Test func aLongPollReturnsWhenAPressArrives() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            await messaging.telegram.setLongPollCap(.seconds(60))
            async let polled = client.getUpdates(offset: nil, timeout: 30)
            try await eventually("the long poll") { await messaging.telegram.polls.count == 1 }
            let id = await messaging.telegram.press(chatID: "42", messageID: 9, data: "fb:9:down")
            let updates = try await polled
            #expect(updates.map(\.callbackQuery?.id) == [id])
            #expect(await messaging.telegram.polls.first?.timeout == 30)
        }
    }

    @Test func aLongPollWithNothingToSayAnswersEmptyAfterItsTimeout() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            let start = ContinuousClock.now
            let updates = try await client.getUpdates(offset: nil, timeout: 1)
            #expect(updates.isEmpty)
            #expect(ContinuousClock.now - start >= .milliseconds(900))
        }
    }

    @Test func aWebhookMakesGetUpdatesConflict() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            await messaging.telegram.setWebhookActive(true)
            await #expect(
                throws: TelegramUpdatesError.webhookActive(
                    description:
                        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
            ) { try await client.getUpdates(offset: nil, timeout: 0) }
            await messaging.telegram.setWebhookActive(false)
            let updates = try await client.getUpdates(offset: nil, timeout: 0)
            #expect(updates.isEmpty)
            // A webhook set while a poll waits ends it in other words, still read as a webhook.
            let waiting = Task { try await client.getUpdates(offset: nil, timeout: 5) }
            try await eventually("the poll to wait") { await messaging.telegram.polls.count == 2 }
            await messaging.telegram.setWebhookActive(true)
            await #expect(throws: TelegramUpdatesError.webhookActive(description: "Conflict: terminated by setWebhook request")) {
                try await waiting.value
            }
        }
    }

    @Test func aSecondPollEndsTheOneWaiting() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            await messaging.telegram.setLongPollCap(.seconds(60))
            let waiting = Task { try await client.getUpdates(offset: nil, timeout: 30) }
            try await eventually("the long poll") { await messaging.telegram.polls.count == 1 }
            #expect(try await client.getUpdates(offset: nil, timeout: 0).isEmpty)
            await #expect(
                throws: TelegramUpdatesError.conflict(
                    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            ) { try await waiting.value }
        }
    }

    @Test func getUpdatesFailuresSayWhatToDoAndNeverShowTheToken() async throws {
        try await FakeMessaging.withRunning { messaging in
            await #expect(throws: TelegramUpdatesError.tokenRefused(code: 401, description: "Unauthorized")) {
                try await client(messaging, token: "999:wrong").getUpdates(offset: nil, timeout: 0)
            }
            await messaging.telegram.rateLimitUpdates(retryAfter: 3)
            await #expect(
                throws: TelegramUpdatesError.rateLimited(retryAfter: .seconds(3), description: "Too Many Requests: retry after 3")
            ) {
                try await client(messaging).getUpdates(offset: nil, timeout: 0)
            }
        }
        let unreachable = TelegramClient(baseURL: "http://127.0.0.1:1", token: "123:secret-token", timeout: .seconds(2))
        do {
            _ = try await unreachable.getUpdates(offset: 5, timeout: 0)
            Issue.record("expected a failure")
        } catch {
            guard case .failed(let reason) = error else {
                Issue.record("expected a transport failure, got \(error)")
                return
            }
            #expect(reason.hasPrefix("Telegram: ") && reason.contains("127.0.0.1:1"))
            #expect(!reason.contains("secret-token") && !"\(error)".contains("secret-token"))
        }
    }

    @Test func aPressIsAnsweredOnceWithItsTextCutBetweenCharacters() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            let id = await messaging.telegram.press(chatID: "42", messageID: 1, data: "fb:1:up")
            // 201 UTF-16 units; a thumbs-up is two of them and is not split.
            let text = "a" + String(repeating: "👍", count: 100)
            #expect(await client.answerCallbackQuery(id: id, text: text) == .sent)
            #expect(await messaging.telegram.answeredCallbacks == [.init(id: id, text: "a" + String(repeating: "👍", count: 99))])
            #expect(
                await client.answerCallbackQuery(id: id, text: "again")
                    == .rejected(reason: "Telegram: Bad Request: query is too old and response timeout expired or query ID is invalid"))
            let quiet = await messaging.telegram.press(chatID: "42", messageID: 1, data: "fb:1:down")
            #expect(await client.answerCallbackQuery(id: quiet, text: nil) == .sent)
            #expect(await messaging.telegram.answeredCallbacks.last == .init(id: quiet, text: nil))
        }
    }

    @Test func aKeyboardIsReplacedOrRemoved() async throws {
        try await FakeMessaging.withRunning { messaging in
            let client = client(messaging)
            #expect(await client.sendMessage(chatID: "42", html: "Go at Acme", keyboard: Self.feedback) == .sent)
            let thanks = [[TelegramButton(text: "✓ noted: relevant", callbackData: "fb:1:undo")]]
            #expect(await client.editMessageReplyMarkup(chatID: "42", messageID: 1, keyboard: thanks) == .sent)
            #expect(await messaging.telegram.sent.first?.keyboard == [[.init(text: "✓ noted: relevant", data: "fb:1:undo")]])
            // The same keyboard again: Telegram says "not modified", which is what was wanted.
            #expect(await client.editMessageReplyMarkup(chatID: "42", messageID: 1, keyboard: thanks) == .sent)
            #expect(await client.editMessageReplyMarkup(chatID: "42", messageID: 1, keyboard: []) == .sent)
            #expect(await messaging.telegram.sent.first?.keyboard == [])
            #expect(await messaging.telegram.editedMarkups.map(\.keyboard.count) == [1, 0])
            #expect(
                await client.editMessageReplyMarkup(chatID: "42", messageID: 99, keyboard: thanks)
                    == .rejected(reason: "Telegram: Bad Request: message to edit not found"))
            let wrongToken = TelegramClient(baseURL: messaging.telegramBaseURL, token: "999:wrong", httpClient: messaging.httpClient)
            #expect(
                await wrongToken.editMessageReplyMarkup(chatID: "42", messageID: 1, keyboard: thanks)
                    == .rejected(reason: "Telegram refused the bot token (401): Unauthorized"))
            #expect(
                await wrongToken.answerCallbackQuery(id: "1") == .rejected(reason: "Telegram refused the bot token (401): Unauthorized"))
        }
    }

    @Test func aPressOnAMessageTheBotCannotReadComesAsAnInaccessibleMessage() async throws {
        try await FakeMessaging.withRunning { messaging in
            await messaging.telegram.press(chatID: "-1001234567890", messageID: 77, data: "fb:77:up")
            let updates = try await client(messaging).getUpdates(offset: nil, timeout: 0)
            #expect(updates.first?.callbackQuery?.chatID == -1_001_234_567_890)
            #expect(updates.first?.callbackQuery?.messageID == 77)
        }
    }

    @Test func theFakeTakesParametersInTheQueryStringToo() async throws {
        try await FakeMessaging.withRunning { messaging in
            await messaging.telegram.press(chatID: "42", messageID: 1, data: "fb:1:up")
            let base = "\(messaging.telegramBaseURL)/bot\(FakeMessaging.telegramToken)/getUpdates"
            let first = try await httpGet(base + "?timeout=0", using: messaging.httpClient)
            let id = try #require(JSONParser.parse(Array(first.body.utf8))["result"]?.arrayValue?.first?["update_id"]?.integerValue)
            let confirmed = try await httpGet(base + "?offset=\(id + 1)&timeout=0", using: messaging.httpClient)
            #expect(confirmed.status == 200 && confirmed.body == #"{"ok":true,"result":[]}"#)
            let refused = try await httpGet("\(messaging.telegramBaseURL)/bot999:wrong/getUpdates", using: messaging.httpClient)
            #expect(refused.status == 401)
        }
    }

    // MARK: - Parsing, in the shapes Telegram sends

    static let fixture = #"""
        {"ok":true,"result":[
        {"update_id":734000101,"callback_query":{"id":"4629300000000000101",
          "from":{"id":111222333,"is_bot":false,"first_name":"Ada","last_name":"Lovelace","username":"ada","language_code":"en"},
          "message":{"message_id":1365,"from":{"id":123456,"is_bot":true,"first_name":"HiringPulse","username":"hiringpulse_bot"},
            "chat":{"id":111222333,"first_name":"Ada","last_name":"Lovelace","username":"ada","type":"private"},"date":1735689600,
            "text":"Remote Go backend engineer at Acme","entities":[{"offset":0,"length":6,"type":"bold"}],
            "link_preview_options":{"is_disabled":true},
            "reply_markup":{"inline_keyboard":[[{"text":"\ud83d\udc4d relevant","callback_data":"fb:1365:up"}]]}},
          "chat_instance":"-8281479542187217327","data":"fb:1365:up"}},
        {"update_id":734000102,"callback_query":{"id":"4629300000000000102",
          "from":{"id":111222333,"is_bot":false,"first_name":"Ada","language_code":"en"},
          "message":{"chat":{"id":-1001234567890,"title":"Job alerts","type":"supergroup"},"message_id":12,"date":0},
          "chat_instance":"6503719187474837410","data":"fb:12:never"}},
        {"update_id":734000103,"callback_query":{"id":"4629300000000000103",
          "from":{"id":555,"is_bot":false,"first_name":"Grace"},
          "inline_message_id":"AgAAAJ9LAQCdz1sF3vyjF8NsCQo","chat_instance":"-1234567890123456789","data":"fb:inline:up"}},
        {"update_id":734000104,"message":{"message_id":1366,
          "from":{"id":111222333,"is_bot":false,"first_name":"Ada","language_code":"en"},
          "chat":{"id":111222333,"first_name":"Ada","type":"private"},"date":1735689700,"text":"/start",
          "entities":[{"offset":0,"length":6,"type":"bot_command"}]}},
        {"update_id":734000105,"callback_query":{"id":"4629300000000000105",
          "from":{"id":111222333,"is_bot":false,"first_name":"Ada"},
          "message":{"message_id":1367,"chat":{"id":111222333,"type":"private"},"date":1735689800,"text":"play"},
          "chat_instance":"-8281479542187217327","game_short_name":"quiz"}},
        {"callback_query":{"id":"no update id"}}
        ]}
        """#

    @Test func updatesParseInTelegramsShape() throws {
        let results = try #require(JSONParser.parse(Array(Self.fixture.utf8))["result"]?.arrayValue)
        let updates = results.compactMap(TelegramUpdate.init(json:))
        // The last has no update_id: it could never be confirmed.
        #expect(updates.map(\.updateID) == [734_000_101, 734_000_102, 734_000_103, 734_000_104, 734_000_105])
        #expect(
            updates[0].callbackQuery
                == TelegramCallbackQuery(
                    id: "4629300000000000101", fromUserID: 111_222_333, chatID: 111_222_333, messageID: 1365, data: "fb:1365:up"))
        // An InaccessibleMessage (date 0) still says where the keyboard was.
        #expect(
            updates[1].callbackQuery
                == TelegramCallbackQuery(
                    id: "4629300000000000102", fromUserID: 111_222_333, chatID: -1_001_234_567_890, messageID: 12, data: "fb:12:never"))
        #expect(
            updates[2].callbackQuery
                == TelegramCallbackQuery(
                    id: "4629300000000000103", fromUserID: 555, inlineMessageID: "AgAAAJ9LAQCdz1sF3vyjF8NsCQo", data: "fb:inline:up"))
        #expect(updates[3].callbackQuery == nil)
        #expect(updates[4].callbackQuery?.data == nil && updates[4].callbackQuery?.messageID == 1367)
    }

    @Test func aCallbackQueryMissingWhatIsRequiredLeavesTheUpdate() throws {
        let json = try JSONParser.parse(Array(#"{"update_id":9,"callback_query":{"id":"1","data":"x"}}"#.utf8))
        #expect(TelegramUpdate(json: json) == TelegramUpdate(updateID: 9))
    }
}
