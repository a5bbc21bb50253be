import Alerts
import Bot
import Domain
import Foundation
import HiringPulseTesting
import Testing

/// Alerts sent by email through a real SMTP conversation with the fake server: STARTTLS or TLS,
/// the login, scripted refusals, and what arrives.
@Suite(.timeLimit(.minutes(1))) struct EmailDeliveryTests {
    static let notification = AlertNotification(
        posting: JobPosting(
            company: "Acme", title: "Go Backend Engineer", location: "Remote, US", remote: .yes, salaryMin: 150_000,
            salaryMax: 180_000, currency: "USD", url: "https://jobs.example/acme/1"),
        profileName: "go-remote", match: MatchResult(score: 0.86, reasons: ["2 of 3 skills: go, postgresql", "remote"]))

    static func delivery(_ smtp: FakeSMTP, password: String = FakeSMTP.Credentials.fake.password) -> NotificationDelivery {
        NotificationDelivery(
            telegram: nil, slack: SlackWebhookClient(), discord: nil, slackWebhooks: [:],
            email: SMTPClient(
                settings: SMTPSettings(
                    url: smtp.url, from: "alerts@example.com", username: FakeSMTP.Credentials.fake.username, password: password,
                    timeout: .seconds(10), trustedCertificatePEM: FakeSMTP.certificatePEM)))
    }

    @Test(arguments: [FakeSMTP.Mode.startTLS, .implicitTLS])
    func aMatchArrivesOnceOverTLSWithItsReasonsInBothParts(mode: FakeSMTP.Mode) async throws {
        try await FakeSMTP.withRunning(mode: mode) { smtp in
            let result = await Self.delivery(smtp).deliver(Self.notification, to: "email:member@example.org", idempotencyKey: "outbox-7")
            #expect(result == .sent)
            let deliveries = await smtp.deliveries()
            #expect(deliveries.count == 1)
            let mail = try #require(deliveries.first)
            #expect(mail.mailFrom == "alerts@example.com")
            #expect(mail.recipients == ["member@example.org"])
            #expect(mail.usedTLS)
            #expect(mail.authenticatedAs == FakeSMTP.Credentials.fake.username)
            #expect(mail.text.contains("Message-ID: <outbox-7."))
            #expect(mail.text.contains("List-Unsubscribe: <mailto:alerts@example.com?subject=unsubscribe>"))
            let text = try #require(mail.part("text/plain"))
            #expect(text.contains("Go Backend Engineer at Acme"))
            #expect(text.contains("Why: 2 of 3 skills: go, postgresql; remote (score 0.86)"))
            #expect(text.contains("Apply: https://jobs.example/acme/1"))
            let html = try #require(mail.part("text/html"))
            #expect(html.contains("<b>Go Backend Engineer at Acme</b>"))
            #expect(html.contains("Why: 2 of 3 skills: go, postgresql; remote (score 0.86)"))
            #expect(html.contains("<a href=\"https://jobs.example/acme/1\">Apply</a>"))
        }
    }

    @Test func a421IsTriedAgainAndA550FailsThatAddressWithTheServersWords() async throws {
        try await FakeSMTP.withRunning { smtp in
            let delivery = Self.delivery(smtp)
            smtp.script(.rcpt(address: "busy@example.org", code: 421, text: "4.7.0 Try again later", times: .once))
            smtp.script(.rcpt(address: "gone@example.org", code: 550, text: "5.1.1 No such user", times: .always))
            let first = await delivery.deliver(Self.notification, to: "email:busy@example.org", idempotencyKey: "a")
            guard case .retryLater(_, let reason) = first else {
                Issue.record("expected a retry, got \(first)")
                return
            }
            #expect(reason.contains("421"))
            #expect(await delivery.deliver(Self.notification, to: "email:busy@example.org", idempotencyKey: "a") == .sent)
            let gone = await delivery.deliver(Self.notification, to: "email:gone@example.org", idempotencyKey: "b")
            guard case .rejected(let refusal) = gone else {
                Issue.record("expected a refusal, got \(gone)")
                return
            }
            #expect(refusal.contains("550"))
            #expect(await smtp.deliveries().map(\.recipients) == [["busy@example.org"]])
            #expect(!reason.contains(FakeSMTP.Credentials.fake.password) && !refusal.contains(FakeSMTP.Credentials.fake.password))
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingIt() async throws {
        try await FakeSMTP.withRunning { smtp in
            let result = await Self.delivery(smtp, password: "wrong-secret-123").deliver(
                Self.notification, to: "email:member@example.org", idempotencyKey: "c")
            #expect(result == .rejected(reason: "the SMTP server refused the login (535)"))
            #expect(await smtp.deliveries().isEmpty)
        }
    }

    @Test func aServerWithoutTLSNeverSeesTheLogin() async throws {
        try await FakeSMTP.withRunning(mode: .plaintext) { smtp in
            let result = await Self.delivery(smtp).deliver(Self.notification, to: "email:member@example.org", idempotencyKey: "d")
            guard case .retryLater(_, let reason) = result else {
                Issue.record("expected a retry, got \(result)")
                return
            }
            #expect(!reason.contains(FakeSMTP.Credentials.fake.password))
            #expect(await smtp.authAttempts().isEmpty)
            #expect(await smtp.deliveries().isEmpty)
        }
    }

    @Test func withoutAServerAnEmailDestinationIsRefusedInOneLine() async {
        let delivery = NotificationDelivery(telegram: nil, slack: SlackWebhookClient(), discord: nil, slackWebhooks: [:])
        #expect(await delivery.deliver(Self.notification, to: "email:member@example.org") == .rejected(reason: "email.smtp_url is not set"))
    }
}
