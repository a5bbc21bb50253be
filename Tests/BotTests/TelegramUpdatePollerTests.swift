import Alerts
import HiringPulseTesting
import JSON
import Logging
import ServiceLifecycle
import Support
import Synchronization
import Testing

@testable import Bot

/// The poller of feedback-button presses, end to end against the fake Bot API, and its
/// bookkeeping (offsets, backoff, what is logged) on its own.
@Suite struct TelegramUpdatePollerTests {
    let logger = Logger(label: "telegram-poller-test")

    /// What the handler was given, in order.
    final class Presses: Sendable {
        private let queries = Mutex<[TelegramCallbackQuery]>([])
        var all: [TelegramCallbackQuery] { queries.withLock { $0 } }
        func append(_ query: TelegramCallbackQuery) { queries.withLock { $0.append(query) } }
    }

    /// A poller whose handler records each press, waits for `gate` to finish when given, and
    /// answers a "never" with a text.
    func poller(
        _ messaging: FakeMessaging, presses: Presses, clock: some Clock<Duration> = ContinuousClock(), gate: AsyncStream<Void>? = nil
    ) -> TelegramUpdatePoller {
        let client = TelegramClient(
            baseURL: messaging.telegramBaseURL, token: FakeMessaging.telegramToken, httpClient: messaging.httpClient)
        return TelegramUpdatePoller(client: client, pollTimeout: .seconds(30), logger: logger, clock: clock) { query in
            presses.append(query)
            if let gate { for await _ in gate {} }
            return query.data == "fb:1:never" ? "You won't see Acme again" : nil
        }
    }

    /// Runs the poller in a group shut down gracefully when `body` ends (then `whileStopping`
    /// runs); returns how long the shutdown took.
    @discardableResult
    func running(
        _ poller: TelegramUpdatePoller, whileStopping: () async -> Void = {}, _ body: () async throws -> Void
    ) async throws -> Duration {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: poller)], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var failure: (any Error)?
            do { try await body() } catch { failure = error }
            let start = ContinuousClock.now
            await group.triggerGracefulShutdown()
            await whileStopping()
            try await tasks.waitForAll()
            if let failure { throw failure }
            return ContinuousClock.now - start
        }
    }

    @Test func aPressReachesTheHandlerAndIsAnsweredWithItsText() async throws {
        try await FakeMessaging.withRunning { messaging in
            let telegram = messaging.telegram
            await telegram.setLongPollCap(.seconds(60))
            let presses = Presses()
            try await running(poller(messaging, presses: presses)) {
                let never = await telegram.press(chatID: "42", messageID: 1, data: "fb:1:never")
                try await eventually("the answer") { await telegram.answeredCallbacks.count == 1 }
                #expect(await telegram.answeredCallbacks == [.init(id: never, text: "You won't see Acme again")])
                // An update of another kind is passed over, and confirmed with the rest.
                await telegram.enqueue(key: "message", .object([("message_id", .integer(5)), ("text", .string("/start"))]))
                let up = await telegram.press(chatID: "42", messageID: 1, data: "fb:1:up", fromUserID: 7)
                try await eventually("the second answer") { await telegram.answeredCallbacks.count == 2 }
                #expect(await telegram.answeredCallbacks.last == .init(id: up, text: nil))
                try await eventually("everything confirmed") { await telegram.pendingUpdateIDs.isEmpty }
            }
            // Each once, in order, whatever the number of polls.
            #expect(presses.all.map(\.data) == ["fb:1:never", "fb:1:up"])
            #expect(presses.all.map(\.fromUserID) == [FakeTelegram.memberID, 7])
            #expect(presses.all.allSatisfy { $0.chatID == 42 && $0.messageID == 1 })
            #expect(await telegram.answeredCallbacks.count == 2)
            // Long polls, and one short one on the way out to confirm what the last poll returned.
            #expect(await telegram.polls.allSatisfy { [30, 0].contains($0.timeout) && $0.allowedUpdates == ["callback_query"] })
            #expect(await telegram.polls.first?.timeout == 30)
        }
    }

    @Test func gracefulShutdownEndsTheLongPollAtOnce() async throws {
        try await FakeMessaging.withRunning { messaging in
            await messaging.telegram.setLongPollCap(.seconds(60))
            let shutdown = try await running(poller(messaging, presses: Presses())) {
                try await eventually("a long poll") { await messaging.telegram.polls.count == 1 }
            }
            // The poll asked for 30 s; generous against a busy machine, far short of that.
            #expect(shutdown < .seconds(10))
        }
    }

    @Test func aPressBeingHandledAtShutdownIsAnsweredAndConfirmedOnTheWayOut() async throws {
        try await FakeMessaging.withRunning { messaging in
            let telegram = messaging.telegram
            await telegram.setLongPollCap(.seconds(60))
            let presses = Presses()
            let (gate, open) = AsyncStream.makeStream(of: Void.self)
            try await running(poller(messaging, presses: presses, gate: gate), whileStopping: { open.finish() }) {
                await telegram.press(chatID: "42", messageID: 1, data: "fb:1:never")
                try await eventually("the handler") { presses.all.count == 1 }
            }
            // No poll came after the press: only the way out confirmed it.
            #expect(await telegram.pendingUpdateIDs.isEmpty)
            #expect(await telegram.polls.last?.timeout == 0)
            #expect(await telegram.answeredCallbacks.map(\.text) == ["You won't see Acme again"])
        }
    }

    @Test func aWebhookIsReportedAndPollingResumesWhenItIsGone() async throws {
        try await FakeMessaging.withRunning { messaging in
            let telegram = messaging.telegram
            await telegram.setWebhookActive(true)
            let clock = TestClock()
            let presses = Presses()
            try await running(poller(messaging, presses: presses, clock: clock)) {
                await clock.waitForSleepers()
                #expect(clock.sleeperDeadlines.map(\.offset) == [.seconds(60)])
                await telegram.setWebhookActive(false)
                await telegram.press(chatID: "42", messageID: 1, data: "fb:1:down")
                clock.advance(by: .seconds(60))
                try await eventually("the answer") { await telegram.answeredCallbacks.count == 1 }
            }
            #expect(presses.all.map(\.data) == ["fb:1:down"])
        }
    }

    // MARK: - The bookkeeping alone

    @Test func theOffsetConfirmsWhatWasHandledAndNothingIsHandledTwice() {
        var schedule = TelegramPollSchedule()
        #expect(schedule.offset == nil && !schedule.hasUnconfirmed)
        let first = schedule.polled([TelegramUpdate(updateID: 10), TelegramUpdate(updateID: 11)])
        #expect(first.map(\.updateID) == [10, 11])
        for update in first { schedule.handled(update) }
        #expect(schedule.offset == 12 && schedule.hasUnconfirmed)
        // A repeat of an update already handled is not handed on again.
        let second = schedule.polled([TelegramUpdate(updateID: 11), TelegramUpdate(updateID: 12)])
        #expect(second.map(\.updateID) == [12])
        #expect(!schedule.hasUnconfirmed)
        schedule.handled(second[0])
        #expect(schedule.offset == 13)
    }

    @Test func failuresBackOffDoublingToAMinuteAndA429WaitsAsAsked() {
        var schedule = TelegramPollSchedule()
        let waits = (0..<8).map { _ in schedule.failed(.failed(reason: "Telegram: connection refused by 127.0.0.1:1")).wait }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60].map { .seconds($0) })
        #expect(
            schedule.failed(.rateLimited(retryAfter: .seconds(7), description: "Too Many Requests: retry after 7"))
                == .init(wait: .seconds(7), warning: "Telegram rate-limited getUpdates; next poll in 7 s"))
        _ = schedule.polled([])
        let retry = schedule.failed(.failed(reason: "Telegram: Internal Server Error"))
        #expect(retry == .init(wait: .seconds(1), warning: "Telegram getUpdates failed: Telegram: Internal Server Error; next poll in 1 s"))
    }

    @Test func aWebhookIsReportedOnceUntilAPollSucceeds() throws {
        var schedule = TelegramPollSchedule()
        let webhook = TelegramUpdatesError.webhookActive(description: "Conflict: can't use getUpdates method while webhook is active")
        let first = schedule.failed(webhook)
        #expect(first.wait == .seconds(60))
        let message = try #require(first.error)
        #expect(message.hasPrefix("a webhook is set for this bot; getUpdates cannot run"))
        #expect(schedule.failed(webhook) == .init(wait: .seconds(60)))
        // Another lasting problem is news.
        #expect(schedule.failed(.tokenRefused(code: 401, description: "Unauthorized")).error != nil)
        #expect(schedule.failed(webhook).error != nil)
        _ = schedule.polled([])
        #expect(schedule.failed(webhook).error == message)
    }
}
