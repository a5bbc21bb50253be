import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Job alerts by email end to end: the real `hiringpulse run` matches postings from the fake
/// Discord against `alerts.yaml` and mails them through the fake SMTP server, with STARTTLS and a
/// login, across a SIGKILL and a restart.
@Suite(.timeLimit(.minutes(2))) struct DaemonEmailAlertsTests {
    typealias E2E = DaemonEndToEndTests
    typealias Alerts = DaemonAlertsTests

    static let profiles = """
        profiles:
          - name: remote-go
            remote: required
            skills: {go: 3, postgresql: 1}
            threshold: 0.5
            destinations:
              - email: member@example.org
              - email: gone@example.org
        """

    static let smtpPassword = "smtp-secret-Zq81"

    @Test func eachMatchIsMailedOnceAcrossAKillAndAnAddressThatDoesNotExistFailsAlone() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeSMTP.withRunning(credentials: .init(username: "alerts@example.com", password: Self.smtpPassword)) { smtp in
                try Self.profiles.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                try FakeSMTP.certificatePEM.write(toFile: cli.directory.file("smtp-ca.pem"), atomically: true, encoding: .utf8)
                smtp.script(.rcpt(address: "gone@example.org", code: 550, text: "5.1.1 No such user here", times: .always))
                let environment = E2E.environment(discord).merging([
                    "HIRINGPULSE_EMAIL_SMTP_URL": smtp.url, "HIRINGPULSE_EMAIL_FROM": "alerts@example.com",
                    "HIRINGPULSE_EMAIL_USERNAME": "alerts@example.com", "HIRINGPULSE_EMAIL_CA_FILE": cli.directory.file("smtp-ca.pem"),
                    "SMTP_PASSWORD": Self.smtpPassword,
                ]) { _, new in new }
                var (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(1, "[Hiring] Remote Go backend engineer at Acme, $150k–$180k, Go + Postgres. https://acme.example/jobs/42"))
                try await daemon.eventually("the first mail") { await smtp.deliveries().count == 1 }
                try await daemon.eventually("everything settled") { try await Alerts.settled(store, messages: 1) }

                // Killed with nothing in flight, then restarted: nothing is mailed again.
                daemon.signal(SIGKILL)
                _ = await daemon.waitForExit()
                daemon = try DaemonProcess(in: cli.directory, environment: environment, name: "restarted")
                try await daemon.eventually("the restarted daemon's session") {
                    await discord.gateway.identifies.count + discord.gateway.resumes.count == 2
                }
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(
                        2, "[Hiring] Senior Golang engineer at Initech, remote US, $160k-$200k, PostgreSQL https://initech.example/j/9",
                        author: 2))
                try await daemon.eventually("the second mail") { await smtp.deliveries().count == 2 }
                try await daemon.eventually("everything settled again") { try await Alerts.settled(store, messages: 2) }

                let deliveries = await smtp.deliveries()
                #expect(deliveries.count == 2, "\(deliveries.map(\.text))")
                #expect(deliveries.allSatisfy { $0.recipients == ["member@example.org"] && $0.usedTLS && $0.authenticatedAs != nil })
                let texts = deliveries.compactMap { $0.part("text/plain") }
                #expect(texts.contains { $0.contains("Go backend engineer at Acme") && $0.contains("Why: ") }, "\(texts)")
                #expect(texts.contains { $0.contains("Senior Golang engineer at Initech") })

                // The address the server does not know failed its queue with the server's words;
                // the good one was sent both.
                let states = try await store.outbox.states()
                #expect(states.filter { $0.destination == "email:member@example.org" }.allSatisfy { $0.status == "sent" })
                let gone = states.filter { $0.destination == "email:gone@example.org" }
                #expect(gone.count == 2 && gone.allSatisfy { $0.status == "failed" }, "\(gone)")
                #expect(gone.allSatisfy { ($0.lastError ?? "").contains("550") }, "\(gone)")
                // The password is in no log line, whatever happened.
                #expect(!daemon.log.contains(Self.smtpPassword))
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }
}
