import Alerts
import Bot
import Dashboard
import JSON
import Logging
import ServiceLifecycle
import Store

/// How presses on Telegram alerts' keyboards reach the daemon: posted by Telegram to the
/// dashboard's webhook when `telegram.webhook_url` is set (a service sets the webhook), read by
/// long polling otherwise. Either way each is stored by `AlertFeedback` and answered.
struct TelegramPresses {
    /// The poller, or the webhook's registration; nil when no alert sends to Telegram with buttons.
    let service: ServiceGroupConfiguration.ServiceConfiguration?
    /// The dashboard's endpoint for Telegram's posts, in webhook mode.
    let webhook: TelegramWebhook?

    init(alerts: AlertsSetup, store: Store, hasher: AuthorHasher, logger: Logger) {
        guard let client = alerts.telegramFeedback else {
            (service, webhook) = (nil, nil)
            return
        }
        let feedback = AlertFeedback(store: store, logger: logger)
        let handler: TelegramUpdatePoller.Handler = { query in await feedback.telegramPress(query, client: client, hasher: hasher) }
        guard let configured = alerts.telegramWebhook else {
            service = .init(service: TelegramUpdatePoller(client: client, logger: logger, handler: handler))
            webhook = nil
            return
        }
        service = .init(
            service: TelegramWebhookRegistration(client: client, url: configured.url, secret: configured.secret, logger: logger))
        webhook = TelegramWebhook(secret: configured.secret) { body in
            guard let json = try? JSONParser.parse(body), let query = TelegramUpdate(json: json)?.callbackQuery else { return }
            await TelegramUpdatePoller.answer(query, client: client, handler: handler, logger: logger)
        }
    }
}
