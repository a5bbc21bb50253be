import Alerts
import Domain
import Foundation
import JSON
import Testing

/// What a subscriber reads: a match as a Telegram message and as a Slack webhook payload.
@Suite struct NotificationMessageTests {
    static let notification = AlertNotification(
        posting: JobPosting(
            company: "Acme & Sons", title: "Backend <Go> Engineer", location: "Remote in USA", remote: .yes,
            employmentType: .fullTime, skills: ["go"], salaryMin: 150_000, salaryMax: 180_000, currency: "USD",
            url: "https://acme.example/jobs?id=1&ref=\"x\"", postedAt: 0),
        profileName: "remote-go",
        match: MatchResult(score: 0.86, reasons: ["1 of 2 skills: go", "skill weight 3 of 5", "remote", "salary $150k–$180k"]))

    @Test func telegramTextIsEscapedHTMLWithTheReasonsAndTheLink() {
        let text = TelegramMessage.text(Self.notification)
        #expect(
            text == """
                <b>Backend &lt;Go&gt; Engineer at Acme &amp; Sons</b>
                Remote in USA · full time · $150k–$180k
                Why: 1 of 2 skills: go; skill weight 3 of 5; remote; salary $150k–$180k (score 0.86)
                Profile: remote-go
                <a href="https://acme.example/jobs?id=1&amp;ref=&quot;x&quot;">Apply</a>
                """)
    }

    @Test func telegramTextStaysWithinTheLimitAndKeepsItsLink() {
        var long = Self.notification
        long.match.reasons = Array(repeating: "a <very> long & winding reason", count: 400)
        let text = TelegramMessage.text(long)
        #expect(text.utf16.count <= TelegramMessage.maximumLength)
        #expect(text.hasSuffix("Apply</a>"))
        #expect(text.hasPrefix("<b>Backend &lt;Go&gt; Engineer at Acme &amp; Sons</b>"))
        // No entity cut in half.
        let body = text.components(separatedBy: "\nProfile:")[0]
        #expect(!body.hasSuffix("&") && !body.contains("&l…") && !body.contains("&am…"))
    }

    @Test func slackPayloadHasAHeaderALinkSectionAContextLineAndAFallback() throws {
        let payload = SlackMessage.payload(Self.notification)
        let blocks = try #require(payload["blocks"]?.arrayValue)
        #expect(blocks.map { $0["type"]?.stringValue } == ["header", "section", "context"])
        #expect(blocks[0]["text"]?["text"] == JSONValue.string("Backend <Go> Engineer at Acme & Sons"))
        #expect(blocks[0]["text"]?["type"] == JSONValue.string("plain_text"))
        #expect(
            blocks[1]["text"]?["text"]
                == JSONValue.string(
                    "*Backend &lt;Go&gt; Engineer at Acme &amp; Sons*\nRemote in USA · full time · $150k–$180k\n<https://acme.example/jobs?id=1&amp;ref=\"x\"|Apply>"
                ))
        #expect(
            blocks[2]["elements"]?.arrayValue?.first?["text"]?.stringValue?.hasPrefix("Why: 1 of 2 skills: go; skill weight 3 of 5; remote")
                == true)
        #expect(payload["text"]?.stringValue?.hasPrefix("Backend &lt;Go&gt; Engineer at Acme &amp; Sons · Remote in USA") == true)
    }

    @Test func aSlackHeaderIsCutAt150Characters() throws {
        var long = Self.notification
        long.posting.title = String(repeating: "Engineer ", count: 40)
        let header = try #require(SlackMessage.payload(long)["blocks"]?.arrayValue?.first?["text"]?["text"]?.stringValue)
        #expect(header.count == 150 && header.hasSuffix("…"))
    }
}
