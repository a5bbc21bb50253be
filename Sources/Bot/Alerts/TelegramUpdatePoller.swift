public import Alerts
public import Logging
public import ServiceLifecycle
import Support

/// Reads presses on the alerts' feedback buttons: long-polls Telegram's `getUpdates`, hands each
/// callback query to `handler`, and always answers it (`answerCallbackQuery`, with the handler's
/// text as the notification, if any), since the member's client shows a spinner until then.
/// Each poll's offset confirms the updates handled before it, so none is handled twice.
///
/// Failed polls back off (1 s doubling to 60 s, or as long as a 429 asks); a webhook or a refused
/// token is logged once and retried every minute. Graceful shutdown ends the poll in flight at
/// once, not after its 30 s; the update being handled is finished and confirmed first.
public struct TelegramUpdatePoller: Service, CustomStringConvertible {
    /// The text to show the member who pressed; nil: none.
    public typealias Handler = @Sendable (TelegramCallbackQuery) async -> String?

    let client: TelegramClient
    /// Whole seconds, as getUpdates takes them.
    let pollTimeout: Int
    let handler: Handler
    let logger: Logger
    /// Waits between failed polls run on it.
    let clock: AnyClock

    public init(
        client: TelegramClient, pollTimeout: Duration = .seconds(30), logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        handler: @escaping Handler
    ) {
        self.client = client
        self.pollTimeout = max(0, Int(pollTimeout.components.seconds))
        self.handler = handler
        self.logger = logger
        self.clock = AnyClock(clock)
    }

    public var description: String { "TelegramUpdatePoller" }

    public func run() async throws {
        var schedule = TelegramPollSchedule()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let updates: [TelegramUpdate]
            do {
                let (client, offset, timeout) = (client, schedule.offset, pollTimeout)
                updates = try await cancelWhenGracefulShutdown { try await client.getUpdates(offset: offset, timeout: timeout) }
            } catch {
                // A poll cut short by shutdown is no failure.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                let retry = schedule.failed(error as? TelegramUpdatesError ?? .failed(reason: "\(type(of: error))"))
                if let message = retry.error { logger.error("\(message)") }
                if let message = retry.warning { logger.warning("\(message)") }
                let clock = clock
                guard (try? await cancelWhenGracefulShutdown { try await clock.sleep(for: retry.wait) }) != nil else { break }
                continue
            }
            for update in schedule.polled(updates) {
                if let query = update.callbackQuery { await answer(query) }
                schedule.handled(update)
            }
        }
        // Confirms what was handled since the last poll, so a restart does not handle it again.
        if schedule.hasUnconfirmed, !Task.isCancelled {
            _ = try? await client.getUpdates(offset: schedule.offset, timeout: 0)
        }
    }

    private func answer(_ query: TelegramCallbackQuery) async {
        await Self.answer(query, client: client, handler: handler, logger: logger)
    }

    /// Hands a press to `handler` and answers it with the handler's text: how a press is taken,
    /// by long polling or by webhook.
    public static func answer(_ query: TelegramCallbackQuery, client: TelegramClient, handler: Handler, logger: Logger) async {
        let text = await handler(query)
        switch await client.answerCallbackQuery(id: query.id, text: text) {
        case .sent: break
        // Too late (Telegram keeps a query answerable for a short while) or unreachable: the
        // member's spinner stops on its own; the press itself was handled.
        case .retryLater(_, let reason), .rejected(let reason):
            logger.notice("Telegram button press not answered", metadata: ["query": "\(query.id)", "reason": "\(reason)"])
        }
    }
}
