import HiringPulseTesting
import Testing

@testable import Bot

/// `telegram.webhook_url` is taken only with what Telegram and the dashboard need; a mistake
/// stops the start with one line, before any press could be lost.
@Suite struct TelegramWebhookSettingsTests {
    static func config(_ environment: [String: String]) async throws -> HiringPulseConfig {
        let loaded = ConfigLoader.load(path: nil, environment: environment)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        return loaded.config
    }

    @Test func aWebhookNeedsTheDashboardAndAValidSecret() async throws {
        let url = ["HIRINGPULSE_TELEGRAM_WEBHOOK_URL": "https://hp.example.org/telegram/webhook"]
        let good = try await Self.config(url.merging(["TELEGRAM_WEBHOOK_SECRET": "hook-Secret_42"]) { $1 })
        #expect(try AlertsSetup.telegramWebhook(good, needed: true)?.url == "https://hp.example.org/telegram/webhook")
        // Not needed (no alert sends to Telegram with buttons): polled, or nothing at all.
        #expect(try AlertsSetup.telegramWebhook(good, needed: false) == nil)
        for secret in [nil, "", "has space", String(repeating: "a", count: 257)] {
            var environment = url
            environment["TELEGRAM_WEBHOOK_SECRET"] = secret
            let config = try await Self.config(environment)
            #expect(throws: DaemonError.self) { try AlertsSetup.telegramWebhook(config, needed: true) }
        }
        let noDashboard = try await Self.config(
            url.merging(["TELEGRAM_WEBHOOK_SECRET": "hook-Secret_42", "HIRINGPULSE_DASHBOARD_BIND": ""]) { $1 })
        #expect(throws: DaemonError.self) { try AlertsSetup.telegramWebhook(noDashboard, needed: true) }
    }
}
