import Alerts
import AsyncHTTPClient
import Discord
import Foundation
import Logging
import Store

/// What the daemon's alert services need, read from `alerts.file` and `feeds.file`: the
/// configured profiles synced into the store, the clients of their destinations, and the feeds.
/// A file with problems, or a destination whose secret is missing, stops the start with one line
/// each: half an alerts configuration would notify the wrong people, or no one.
public struct AlertsSetup: Sendable {
    public var delivery: NotificationDelivery
    public var feeds: [FeedSource]

    public static func load(
        config: HiringPulseConfig, store: Store, discord: DiscordRESTClient?, environment: [String: String], logger: Logger
    ) throws -> AlertsSetup {
        let profiles = try read("alert profiles", config.alertsFile, logger: logger) {
            try AlertProfilesFile.load(contentsOf: config.alertsFile, environment: environment)
        }
        let feeds = try read("job feeds", config.feedsFile, logger: logger) { try FeedsFile.load(contentsOf: config.feedsFile) }
        let destinations = profiles.flatMap(\.destinations)
        let token = config.secrets[.telegramBotToken]
        let secrets = secretProblems(profiles: profiles, config: config)
        if !secrets.isEmpty { throw DaemonError(secrets.joined(separator: "\n")) }
        try store.syncConfigProfiles(profiles.map { (name: $0.profile.name, criteria: $0.profile.criteria, destinations: $0.destinations.map(\.key)) })
        // Postings stored before alerts were first turned on are history, not news.
        _ = try store.matchedThrough()
        var slackWebhooks: [String: String] = [:]
        for case .slack(let url) in destinations { slackWebhooks[AlertDestination.slack(webhookURL: url).key] = url }
        let telegram = token.map { TelegramClient(baseURL: config.telegramAPIBaseURL, token: $0) }
        if !profiles.isEmpty || !feeds.isEmpty {
            logger.info("job alerts", metadata: ["profiles": "\(profiles.count)", "feeds": "\(feeds.count)"])
        }
        return AlertsSetup(
            delivery: NotificationDelivery(telegram: telegram, slack: SlackWebhookClient(), discord: discord, slackWebhooks: slackWebhooks),
            feeds: feeds)
    }

    /// The secrets the profiles' destinations need and the environment lacks, one line each.
    public static func secretProblems(profiles: [ConfiguredProfile], config: HiringPulseConfig) -> [String] {
        guard config.secrets[.telegramBotToken] == nil,
              let profile = profiles.first(where: { $0.destinations.contains { if case .telegram = $0 { true } else { false } } })
        else { return [] }
        return ["\(config.alertsFile): profile \(profile.profile.name) sends to Telegram, but TELEGRAM_BOT_TOKEN is not set"]
    }

    /// A file that is not there configures nothing; one with problems stops the start.
    private static func read<T>(_ what: String, _ path: String, logger: Logger, _ load: () throws -> [T]) throws -> [T] {
        guard FileManager.default.fileExists(atPath: path) else {
            logger.notice("no \(what): \(path) does not exist")
            return []
        }
        do {
            return try load()
        } catch {
            throw DaemonError("\(error)")
        }
    }
}
