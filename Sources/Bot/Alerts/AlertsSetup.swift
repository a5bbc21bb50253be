public import Alerts
import AsyncHTTPClient
public import Discord
import Foundation
public import Logging
public import Store

/// What the daemon's alert services need, read from `alerts.file` and `feeds.file`: the
/// configured profiles synced into the store, the clients of their destinations, and the feeds.
/// A file with problems, or a destination whose secret is missing, stops the start with one line
/// each: half an alerts configuration would notify the wrong people, or no one.
public struct AlertsSetup: Sendable {
    public var delivery: NotificationDelivery
    public var feeds: [FeedSource]
    /// `admin:` of alerts.yaml: where source-health reports go.
    public var admins: [AlertDestination]
    /// Whose presses to read when a profile sends to Telegram with feedback buttons
    /// (`telegram.feedback_buttons`); nil otherwise.
    public var telegramFeedback: TelegramClient?
    /// The signer of alert mails' links, when the dashboard is public (`dashboard.public_url`).
    public var emailLinks: EmailLinks?
    /// Where Telegram posts the presses instead of being polled (`telegram.webhook_url`), and the
    /// secret it sends with them.
    public var telegramWebhook: (url: String, secret: String)?

    public static func load(
        config: HiringPulseConfig, store: Store, discord: DiscordRESTClient?, environment: [String: String], logger: Logger
    ) async throws -> AlertsSetup {
        let contents =
            try read("alert profiles", config.alertsFile, logger: logger) {
                try AlertProfilesFile.contents(of: config.alertsFile, environment: environment)
            } ?? AlertProfilesFile.Contents(profiles: [], admin: [])
        let profiles = contents.profiles
        let feeds = try read("job feeds", config.feedsFile, logger: logger) { try FeedsFile.load(contentsOf: config.feedsFile) } ?? []
        let destinations = profiles.flatMap(\.destinations) + contents.admin
        let token = config.secrets[.telegramBotToken]
        let secrets = secretProblems(contents, config: config)
        if !secrets.isEmpty { throw DaemonError(secrets.joined(separator: "\n")) }
        try await store.alertProfiles.syncConfigured(
            profiles.map { (name: $0.profile.name, criteria: $0.profile.criteria, destinations: $0.destinations.map(\.key)) })
        // Postings stored before alerts were first turned on are history, not news.
        _ = try await store.outbox.matchedThrough()
        var slackWebhooks: [String: String] = [:]
        for case .slack(let url) in destinations { slackWebhooks[AlertDestination.slack(webhookURL: url).key] = url }
        let telegram = token.map { TelegramClient(baseURL: config.telegramAPIBaseURL, token: $0) }
        let feedbackButtons = config[.telegramFeedbackButtons]
        let sendsToTelegram = profiles.contains { $0.destinations.contains { if case .telegram = $0 { true } else { false } } }
        // Presses are read only where a keyboard can have been sent.
        let telegramFeedback = feedbackButtons && sendsToTelegram ? telegram : nil
        let webhook = try telegramWebhook(config, needed: telegramFeedback != nil)
        // Mail links lead to the dashboard: only when it runs and the internet can reach it.
        let publicURL = config[.dashboardPublicURL]
        let emailLinks =
            publicURL.isEmpty || config.dashboardBind == nil ? nil : EmailLinks(baseURL: publicURL, key: try await store.linkSigningKey())
        if !profiles.isEmpty || !feeds.isEmpty {
            logger.info("job alerts", metadata: ["profiles": "\(profiles.count)", "feeds": "\(feeds.count)"])
        }
        return AlertsSetup(
            delivery: NotificationDelivery(
                telegram: telegram, slack: SlackWebhookClient(), discord: discord, slackWebhooks: slackWebhooks,
                email: emailSettings(config).map { SMTPClient(settings: $0) }, telegramKeyboards: feedbackButtons, emailLinks: emailLinks),
            feeds: feeds, admins: contents.admin, telegramFeedback: telegramFeedback,
            emailLinks: emailLinks, telegramWebhook: webhook)
    }

    /// `telegram.webhook_url` and its secret, checked; nil when presses are polled.
    static func telegramWebhook(_ config: HiringPulseConfig, needed: Bool) throws -> (url: String, secret: String)? {
        let url = config[.telegramWebhookURL]
        guard needed, !url.isEmpty else { return nil }
        guard config.dashboardBind != nil else {
            throw DaemonError("telegram.webhook_url is set, but dashboard.bind is empty: the dashboard serves the webhook")
        }
        // Telegram's rule for secret_token: 1 to 256 of A-Z, a-z, 0-9, _ and -.
        guard let secret = config.secrets[.telegramWebhookSecret], (1...256).contains(secret.count),
            secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            throw DaemonError(
                "telegram.webhook_url is set, but TELEGRAM_WEBHOOK_SECRET is not 1 to 256 letters, digits, _ or -: Telegram would refuse it"
            )
        }
        return (url, secret)
    }

    /// The settings of `email.*` and `SMTP_PASSWORD`; nil when email is off (no server or no sender).
    public static func emailSettings(_ config: HiringPulseConfig) -> SMTPSettings? {
        let url = config[.emailSMTPURL]
        let from = config[.emailFrom]
        guard !url.isEmpty, !from.isEmpty else { return nil }
        let username = config[.emailUsername]
        let caFile = config[.emailCAFile]
        return SMTPSettings(
            url: url, from: from, username: username.isEmpty ? nil : username, password: config.secrets[.smtpPassword],
            trustedCertificatePEM: caFile.isEmpty ? nil : try? String(contentsOfFile: caFile, encoding: .utf8))
    }

    /// The secrets and settings the alerts file's destinations need and lack, one line each.
    public static func secretProblems(_ contents: AlertProfilesFile.Contents, config: HiringPulseConfig) -> [String] {
        func isTelegram(_ destination: AlertDestination) -> Bool { if case .telegram = destination { true } else { false } }
        func isEmail(_ destination: AlertDestination) -> Bool { if case .email = destination { true } else { false } }
        var problems: [String] = []
        func check(_ sendsTo: (AlertDestination) -> Bool, _ what: String, missing: String) {
            if let profile = contents.profiles.first(where: { $0.destinations.contains(where: sendsTo) }) {
                problems.append("\(config.alertsFile): profile \(profile.profile.name) sends to \(what), but \(missing)")
            }
            if contents.admin.contains(where: sendsTo) { problems.append("\(config.alertsFile): admin: sends to \(what), but \(missing)") }
        }
        if config.secrets[.telegramBotToken] == nil { check(isTelegram, "Telegram", missing: "TELEGRAM_BOT_TOKEN is not set") }
        if emailSettings(config) == nil { check(isEmail, "email", missing: "email.smtp_url or email.from is not set") }
        let caFile = config[.emailCAFile]
        if !caFile.isEmpty, (try? String(contentsOfFile: caFile, encoding: .utf8)) == nil {
            problems.append("email.ca_file: cannot read \(caFile)")
        }
        return problems
    }

    /// A file that is not there configures nothing (nil); one with problems stops the start.
    private static func read<T>(_ what: String, _ path: String, logger: Logger, _ load: () throws -> T) throws -> T? {
        guard FileManager.default.fileExists(atPath: path) else {
            logger.notice("no \(what): \(path) does not exist")
            return nil
        }
        do {
            return try load()
        } catch {
            throw DaemonError("\(error)")
        }
    }
}
