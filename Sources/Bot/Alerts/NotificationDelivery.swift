public import Alerts
public import Discord
import JSON
import Store

/// Sends one notification to one destination, by the destination's key: Telegram `sendMessage`,
/// a Slack webhook, a Discord channel or direct message. Slack keys hide their URL, so Slack
/// destinations are known only from the configuration's profiles.
public struct NotificationDelivery: Sendable {
    let telegram: TelegramClient?
    let slack: SlackWebhookClient
    let discord: DiscordRESTClient?
    /// `slack:<hash>` → webhook URL, from `config/alerts.yaml`.
    let slackWebhooks: [String: String]
    /// nil when `email.smtp_url` is not set.
    let email: SMTPClient?
    /// Whether Telegram alerts carry the feedback keyboard (`telegram.feedback_buttons`).
    let telegramKeyboards: Bool
    /// The signed feedback and unsubscribe links of alert mails; nil when the dashboard is not public.
    let emailLinks: EmailLinks?
    let directMessages = DirectMessageChannels()

    public init(
        telegram: TelegramClient?, slack: SlackWebhookClient, discord: DiscordRESTClient?, slackWebhooks: [String: String],
        email: SMTPClient? = nil, telegramKeyboards: Bool = true, emailLinks: EmailLinks? = nil
    ) {
        self.emailLinks = emailLinks
        self.telegram = telegram
        self.slack = slack
        self.discord = discord
        self.slackWebhooks = slackWebhooks
        self.email = email
        self.telegramKeyboards = telegramKeyboards
    }

    /// The service a destination key belongs to, for metrics and logs.
    static func service(of key: String) -> String {
        String(key.prefix { $0 != ":" })
    }

    /// Sends `notification`. `idempotencyKey` names this notification for the services that take
    /// one (Discord's `nonce` with `enforce_nonce`), so a send repeated after a crash between the
    /// service's answer and its record creates nothing the second time. Telegram and Slack
    /// webhooks take none: there, only that one message can be repeated.
    public func deliver(_ notification: AlertNotification, to key: String, idempotencyKey: String? = nil) async -> DeliveryResult {
        await deliver(.alert(notification), to: key, idempotencyKey: idempotencyKey)
    }

    /// Sends a short plain message to the admins (a feed's health), the same way.
    public func deliver(adminText text: String, to key: String, idempotencyKey: String? = nil) async -> DeliveryResult {
        await deliver(.text(text), to: key, idempotencyKey: idempotencyKey)
    }

    /// What is sent, rendered for each service only when it is the one sent to.
    private enum Message {
        case alert(AlertNotification)
        case text(String)

        var slack: JSONValue {
            switch self {
            case .alert(let notification): SlackMessage.payload(notification)
            case .text(let text): SourceHealthMessage.slackPayload(text)
            }
        }

        /// The feedback keyboard of an alert; none under an admin's report.
        var telegramKeyboard: [[TelegramButton]] {
            switch self {
            case .alert(let notification): TelegramMessage.feedbackKeyboard(notification)
            case .text: []
            }
        }

        var telegramHTML: String {
            switch self {
            case .alert(let notification): TelegramMessage.text(notification)
            case .text(let text): SourceHealthMessage.telegramHTML(text)
            }
        }

        func discord(nonce: String?, feedback: Bool) -> MessagePayload {
            switch self {
            case .alert(let notification): DiscordNotificationMessage.alert(notification, nonce: nonce, feedback: feedback)
            case .text(let text): DiscordNotificationMessage.text(text, nonce: nonce)
            }
        }

        /// `messageID` is the same on every attempt of one notification, so a mail resent after
        /// a crash is recognisably the same mail.
        func email(to address: String, settings: SMTPSettings, messageID: String, links: EmailLinks?) -> EmailMessage {
            switch self {
            case .alert(let notification):
                EmailNotificationMessage.alert(
                    notification, to: address, settings: settings, messageID: messageID, date: Timestamp.now(), links: links)
            case .text(let text):
                EmailNotificationMessage.text(text, to: address, settings: settings, messageID: messageID, date: Timestamp.now())
            }
        }
    }

    private func deliver(_ message: Message, to key: String, idempotencyKey: String?) async -> DeliveryResult {
        if key.hasPrefix("slack:") {
            guard let url = slackWebhooks[key] else { return .rejected(reason: "this Slack webhook is no longer in the configuration") }
            return await slack.post(message.slack, to: url)
        }
        switch AlertDestination(key: key) {
        case .telegram(let chatID)?:
            guard let telegram else { return .rejected(reason: "TELEGRAM_BOT_TOKEN is not set") }
            return await telegram.sendMessage(
                chatID: chatID, html: message.telegramHTML, keyboard: telegramKeyboards ? message.telegramKeyboard : [])
        case .discordChannel(let id)?:
            // A channel's members could not each react for themselves: no buttons there.
            return await sendDiscord(
                message.discord(nonce: idempotencyKey, feedback: false), channel: { _ in Snowflake(rawValue: UInt64(id) ?? 0) })
        case .discordUser(let id)?:
            let user = Snowflake(rawValue: UInt64(id) ?? 0)
            return await sendDiscord(message.discord(nonce: idempotencyKey, feedback: true)) { [directMessages] discord in
                if let channel = await directMessages[user] { return channel }
                let channel = try await discord.createDM(recipientID: user).id
                await directMessages.remember(channel, for: user)
                return channel
            }
        case .email(let address)?:
            guard let email else { return .rejected(reason: "email.smtp_url is not set") }
            let id = email.settings.messageID("\(idempotencyKey ?? String(UInt64.random(in: .min ... .max), radix: 16)).alert")
            return await email.send(message.email(to: address, settings: email.settings, messageID: id, links: emailLinks), to: address)
        case .slack?, nil:
            return .rejected(reason: "unknown destination \(key)")
        }
    }

    private func sendDiscord(
        _ payload: MessagePayload, channel: @Sendable (DiscordRESTClient) async throws -> Snowflake
    ) async -> DeliveryResult {
        guard let discord else { return .rejected(reason: "Discord is not connected") }
        do {
            _ = try await discord.createMessage(channelID: try await channel(discord), payload: payload)
            return .sent
        } catch let error as DiscordRESTError {
            guard let status = error.status, status != 429, status < 500 else {
                return .retryLater(after: nil, reason: "Discord: \(error.message)")
            }
            // Unknown channel, missing access, a member who does not take direct messages.
            return .rejected(reason: "Discord refused (\(status)): \(error.message)")
        } catch {
            return .retryLater(after: nil, reason: "Discord: \(error)")
        }
    }
}

/// The direct-message channel of each member written to, so it is opened once.
actor DirectMessageChannels {
    private var channels: [Snowflake: Snowflake] = [:]

    subscript(user: Snowflake) -> Snowflake? { channels[user] }

    func remember(_ channel: Snowflake, for user: Snowflake) { channels[user] = channel }
}
