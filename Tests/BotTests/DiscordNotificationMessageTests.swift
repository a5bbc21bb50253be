import Alerts
import Discord
import Domain
import HiringPulseTesting
import JSON
import Testing

@testable import Bot

/// Alerts and admin reports as Discord receives them: within its limits as it counts them, and
/// mentioning nobody.
@Suite struct DiscordNotificationMessageTests {
    static let notification = AlertNotification(
        posting: JobPosting(
            company: "Acme", title: "Backend Engineer", location: "Remote in USA", remote: .yes, employmentType: .fullTime,
            skills: ["go"], salaryMin: 150_000, salaryMax: 180_000, currency: "USD", url: "https://acme.example/jobs/1",
            postedAt: 0),
        profileName: "remote-go", match: MatchResult(score: 0.86, reasons: ["remote", "salary $150k–$180k"]))

    @Test func anAlertIsOneEmbedLinkingToThePosting() throws {
        let payload = DiscordNotificationMessage.alert(Self.notification, nonce: "hp-alert-1", feedback: false).jsonValue
        let embed = try #require(payload["embeds"]?.arrayValue?.first)
        #expect(embed["title"]?.stringValue == "Backend Engineer at Acme")
        #expect(embed["url"]?.stringValue == "https://acme.example/jobs/1")
        #expect(embed["description"]?.stringValue?.contains("Why: remote; salary $150k–$180k") == true)
        #expect(embed["footer"]?["text"]?.stringValue == "Job alert · remote-go")
        #expect(payload["allowed_mentions"]?["parse"]?.arrayValue == [])
        #expect(payload["nonce"]?.stringValue == "hp-alert-1" && payload["enforce_nonce"] == .bool(true))
        #expect(FakeMessageLimits.violation(in: payload) == nil)
    }

    /// Flags are two code points each and Discord counts code points; a posting's own text can be
    /// as long as a feed makes it, and the four parts together may not pass 6,000.
    @Test func aLongAlertStaysWithinWhatDiscordAccepts() throws {
        var long = Self.notification
        long.posting.title = String(repeating: "🇺🇸", count: 200)
        long.match.reasons = Array(repeating: "a long reason 🇯🇵", count: 400)
        long.profileName = String(repeating: "p", count: 3_000)
        let payload = DiscordNotificationMessage.alert(long, nonce: nil, feedback: true).jsonValue
        #expect(FakeMessageLimits.violation(in: payload) == nil)
        let embed = try #require(payload["embeds"]?.arrayValue?.first)
        #expect(embed["title"]?.stringValue?.hasSuffix("…") == true)
        #expect(payload["nonce"] == nil)
    }

    /// A direct message carries the three reactions, each naming the notification it is under; a
    /// long company name is cut in the label, never in the id a press routes on.
    @Test func aDirectMessageAlertHasFeedbackButtons() throws {
        var notification = Self.notification
        notification.feedbackID = 42
        notification.posting.company = String(repeating: "Acme ", count: 30)
        let payload = DiscordNotificationMessage.alert(notification, nonce: nil, feedback: true).jsonValue
        let buttons = try #require(payload["components"]?.arrayValue?.first?["components"]?.arrayValue)
        #expect(buttons.compactMap { $0["custom_id"]?.stringValue } == ["alerts:fb:42:up", "alerts:fb:42:down", "alerts:fb:42:never"])
        #expect(buttons.compactMap { $0["label"]?.stringValue }.prefix(2) == ["👍 Relevant", "👎 Not for me"])
        #expect(buttons[2]["label"]?.stringValue?.hasPrefix("🚫 Never Acme") == true)
        #expect(FakeMessageLimits.violation(in: payload) == nil)
        // Without a known company there is nothing to block; without an id, nothing to press.
        notification.posting.company = nil
        #expect(DiscordNotificationMessage.alert(notification, nonce: nil, feedback: true).components.first?.buttons.count == 2)
        notification.feedbackID = nil
        #expect(DiscordNotificationMessage.alert(notification, nonce: nil, feedback: true).components.isEmpty)
    }

    @Test func anAdminReportIsPlainTextThatMentionsNobody() {
        let text = "Feed x has been failing for 1 min: got <html> & @everyone"
        let payload = DiscordNotificationMessage.text(text, nonce: "hp-health-1").jsonValue
        #expect(payload["content"]?.stringValue == text && payload["allowed_mentions"]?["parse"]?.arrayValue == [])
        #expect(payload["embeds"] == nil && payload["enforce_nonce"] == .bool(true))
        let long = DiscordNotificationMessage.text(String(repeating: "🇺🇸", count: 1_500), nonce: nil).jsonValue
        #expect(FakeMessageLimits.violation(in: long) == nil)
    }
}
