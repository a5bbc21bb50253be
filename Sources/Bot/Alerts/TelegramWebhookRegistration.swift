public import Alerts
public import Logging
public import ServiceLifecycle
import Support

/// Has Telegram post the bot's button presses to the dashboard (`telegram.webhook_url`) instead
/// of being polled for them: sets the webhook at start, retrying (5 s doubling to 5 minutes)
/// while Telegram cannot be reached, then stays until shutdown. The webhook is left set when the
/// daemon stops: Telegram keeps the presses meanwhile and posts them once it is back.
public struct TelegramWebhookRegistration: Service, CustomStringConvertible {
    let client: TelegramClient
    let url: String
    let secret: String
    let logger: Logger
    let clock: AnyClock

    public init(client: TelegramClient, url: String, secret: String, logger: Logger, clock: some Clock<Duration> = ContinuousClock()) {
        self.client = client
        self.url = url
        self.secret = secret
        self.logger = logger
        self.clock = AnyClock(clock)
    }

    public var description: String { "TelegramWebhookRegistration" }

    public func run() async throws {
        var wait = Duration.seconds(5)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            switch await client.setWebhook(url: url, secretToken: secret) {
            case .sent:
                logger.info("Telegram posts button presses to the webhook", metadata: ["url": "\(url)"])
                try? await gracefulShutdown()
                return
            case .rejected(let reason):
                // A URL Telegram will not take (not https, a port it does not post to): the
                // operator must fix it; presses wait at Telegram meanwhile.
                logger.error("Telegram refused the webhook \(url): \(reason)")
            case .retryLater(let after, let reason):
                logger.warning("could not set the Telegram webhook yet, retrying: \(reason)")
                if let after { wait = max(wait, after) }
            }
            let clock = clock
            let pause = wait
            guard (try? await cancelWhenGracefulShutdown { try await clock.sleep(for: pause) }) != nil else { return }
            wait = min(wait * 2, .seconds(300))
        }
    }
}
