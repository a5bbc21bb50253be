import Discord
import Foundation
import HiringPulseTesting
import JSON
import NIOHTTP1
import Store
import Testing

/// Job alerts by email end to end: the real `hiringpulse run` matches postings from the fake
/// Discord against `alerts.yaml` and mails them through the fake SMTP server, with STARTTLS and a
/// login, with a 421 retried, across a SIGKILL and a restart.
@Suite(.timeLimit(.minutes(3))) struct DaemonEmailAlertsTests {
    typealias E2E = DaemonEndToEndTests
    typealias Alerts = DaemonAlertsTests
    typealias Slash = DaemonSlashCommandTests

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

    /// The daemon's environment for the fake SMTP server: STARTTLS trusting its certificate, a login.
    static func environment(_ cli: CommandLineRunner, _ discord: FakeDiscord, _ smtp: FakeSMTP) throws -> [String: String] {
        try FakeSMTP.certificatePEM.write(toFile: cli.directory.file("smtp-ca.pem"), atomically: true, encoding: .utf8)
        return E2E.environment(discord).merging([
            "HIRINGPULSE_EMAIL_SMTP_URL": smtp.url, "HIRINGPULSE_EMAIL_FROM": "alerts@example.com",
            "HIRINGPULSE_EMAIL_USERNAME": "alerts@example.com", "HIRINGPULSE_EMAIL_CA_FILE": cli.directory.file("smtp-ca.pem"),
            "SMTP_PASSWORD": smtpPassword,
        ]) { _, new in new }
    }

    /// A second daemon on the same directory, once its gateway session is up.
    static func restart(_ cli: CommandLineRunner, _ discord: FakeDiscord, _ environment: [String: String]) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(in: cli.directory, environment: environment, name: "restarted")
        try await daemon.eventually("the restarted daemon's session") {
            await discord.gateway.identifies.count + discord.gateway.resumes.count == 2
        }
        return daemon
    }

    @Test func eachMatchIsMailedOnceThroughA421AndAKillAndAnAddressThatDoesNotExistFailsAlone() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeSMTP.withRunning(credentials: .init(username: "alerts@example.com", password: Self.smtpPassword)) { smtp in
                try Self.profiles.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                smtp.script(.rcpt(address: "gone@example.org", code: 550, text: "5.1.1 No such user here", times: .always))
                // The first mail's DATA finds the server busy: retried after the outbox's first backoff.
                smtp.script(.data(code: 421, text: "4.3.2 Service not available, try again later"))
                let environment = try Self.environment(cli, discord, smtp)
                var (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(1, "[Hiring] Remote Go backend engineer at Acme, $150k–$180k, Go + Postgres. https://acme.example/jobs/42"))
                try await daemon.eventually("the first mail, retried after the 421", timeout: .seconds(60)) {
                    await smtp.deliveries().count == 1
                }
                try await daemon.eventually("everything settled") { try await Alerts.settled(store, messages: 1) }
                let first = try await store.outbox.states().filter { $0.destination == "email:member@example.org" }
                #expect(first.count == 1 && first.first?.attempts == 2, "\(first)")
                #expect(daemon.log.contains("421"), "\(daemon.log)")

                // Killed with nothing in flight, then restarted: nothing is mailed again.
                daemon.signal(SIGKILL)
                _ = await daemon.waitForExit()
                daemon = try await Self.restart(cli, discord, environment)
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
                let pages = deliveries.compactMap { $0.part("text/html") }
                #expect(pages.count == 2 && pages.allSatisfy { $0.contains("Why: ") && $0.contains("skills: go") }, "\(pages)")

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

    /// `/alerts add … email:` mails a code first: matches go to the address only once the member
    /// gives it back, so nobody can have alerts mailed to someone else.
    @Test func aMemberGetsMailOnlyAfterGivingBackTheCodeMailedToTheAddress() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeSMTP.withRunning(credentials: .init(username: "alerts@example.com", password: Self.smtpPassword)) { smtp in
                try "profiles: []\n".write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                let environment = try Self.environment(cli, discord, smtp)
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                let added = try await Slash.ask(
                    discord, daemon, 1, command: "alerts", options: [("add", 1, .null)],
                    subcommandOptions: [
                        ("name", 3, .string("go-remote")), ("skills", 3, .string("golang:3, postgres")), ("remote", 3, .string("required")),
                        ("email", 3, .string("Me@Example.ORG")),
                    ])
                let answer = added["data"]?["content"]?.stringValue ?? ""
                #expect(answer.contains("A code is on its way to Me@example.org"), "\(answer)")
                let mails = await smtp.deliveries()
                #expect(mails.count == 1 && mails.first?.recipients == ["Me@example.org"])
                let text = try #require(mails.first?.part("text/plain"))
                let code = try #require(text.firstMatch(of: /code: (\d{6})/).map { String($0.1) })
                // Not yet: the profile mails nobody until the code comes back.
                let before = try await store.alertProfiles.memberProfiles(ownerHash: try #require(Self.ownerHash(store)))
                #expect(before.first?.destinations.contains { $0.hasPrefix("email:") } == false)

                let wrong = try await Slash.ask(
                    discord, daemon, 2, command: "alerts", options: [("confirm", 1, .null)],
                    subcommandOptions: [("code", 3, .string(code == "000000" ? "111111" : "000000"))])
                #expect(wrong["data"]?["content"]?.stringValue?.contains("That is not the code; 4 more tries") == true, "\(wrong)")
                let right = try await Slash.ask(
                    discord, daemon, 3, command: "alerts", options: [("confirm", 1, .null)], subcommandOptions: [("code", 3, .string(code))]
                )
                #expect(right["data"]?["content"] == .string("Confirmed: matches of go-remote will also be mailed to Me@example.org."))
                let after = try await store.alertProfiles.memberProfiles(ownerHash: try #require(Self.ownerHash(store)))
                #expect(after.first?.destinations.contains("email:Me@example.org") == true, "\(after)")
                let again = try await Slash.ask(
                    discord, daemon, 4, command: "alerts", options: [("confirm", 1, .null)], subcommandOptions: [("code", 3, .string(code))]
                )
                #expect(again["data"]?["content"]?.stringValue?.contains("No email address is waiting for a code") == true)

                // Changing the alert's criteria keeps the confirmed address.
                _ = try await Slash.ask(
                    discord, daemon, 6, command: "alerts", options: [("add", 1, .null)],
                    subcommandOptions: [("name", 3, .string("go-remote")), ("skills", 3, .string("golang:3, postgres, kubernetes"))])
                let changed = try await store.alertProfiles.memberProfiles(ownerHash: try #require(Self.ownerHash(store)))
                #expect(changed.first?.destinations.contains("email:Me@example.org") == true, "\(changed)")

                // A matching posting now goes to the direct message and to the address.
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(5, "[Hiring] Remote Go backend engineer at Acme, $150k–$180k, Go + Postgres. https://acme.example/jobs/42"))
                try await daemon.eventually("the match mailed") { await smtp.deliveries().count == 2 }
                let match = await smtp.deliveries()[1]
                #expect(match.recipients == ["Me@example.org"])
                #expect(match.part("text/plain")?.contains("Go backend engineer at Acme") == true)
                #expect(!daemon.log.contains(Self.smtpPassword) && !daemon.log.contains(code))
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }

    /// The one member's pseudonym, as the store keeps their profiles.
    static func ownerHash(_ store: Store) async throws -> String? {
        try await store.alertProfiles.all().first { !$0.ownerHash.isEmpty }?.ownerHash
    }

    /// With a public dashboard, a mail's 👍 link (asked on GET, done on POST) ranks the next
    /// postings up, and its one-click unsubscribe (RFC 8058) stops the mail for good: across a
    /// restart too, whatever alerts.yaml says.
    @Test func aMailsLinksTeachTheAlertAndOneClickUnsubscribes() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let publicURL = "https://hp.example.org"
        try await FakeDiscord.withRunning { discord in
            try await FakeSMTP.withRunning(credentials: .init(username: "alerts@example.com", password: Self.smtpPassword)) { smtp in
                try """
                profiles:
                  - name: go
                    skills: {go: 1}
                    threshold: 0.3
                    destinations:
                      - email: member@example.org
                """.write(toFile: cli.directory.file("config/alerts.yaml"), atomically: true, encoding: .utf8)
                let environment = try Self.environment(cli, discord, smtp).merging(["HIRINGPULSE_DASHBOARD_PUBLIC_URL": publicURL]) { $1 }
                var (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                /// The reverse proxy's part: the public address leads to the daemon's own port.
                func local(_ url: String) async throws -> String {
                    try await daemon.dashboardURL() + url.dropFirst(publicURL.count)
                }

                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(1, "[Hiring] Go backend engineer at Acme, remote US, $150k-$180k https://acme.example/j/1"))
                try await daemon.eventually("the first mail") { await smtp.deliveries().count == 1 }
                let first = try #require(await smtp.deliveries().first?.part("text/plain"))
                let like = try #require(first.firstMatch(of: /👍 Relevant: (\S+)/).map { String($0.1) }, "\(first)")
                #expect(like.hasPrefix(publicURL + "/links/"))
                let asked = try await httpGet(try await local(like), using: discord.httpClient)
                #expect(asked.status == 200 && asked.body.contains("Mark “Go backend engineer at Acme” as relevant?"), "\(asked.body)")
                #expect(try await store.alertProfiles.feedback().isEmpty, "a GET changes nothing")
                let liked = try await httpRequest(try await local(like), method: .POST, using: discord.httpClient)
                #expect(liked.status == 200 && liked.body.contains("will rank higher in go"), "\(liked.body)")

                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(2, "[Hiring] Go backend engineer at Initech, remote US, $150k-$180k https://initech.example/j/2", author: 2)
                )
                try await daemon.eventually("the second mail") { await smtp.deliveries().count == 2 }
                let second = try #require(await smtp.deliveries().last)
                #expect(second.part("text/plain")?.contains("ranked up +0.04: you liked 1 go backend job") == true, "\(second.text)")

                // The mail program's one-click unsubscribe: the https address of List-Unsubscribe, posted.
                let header = try #require(second.text.firstMatch(of: /List-Unsubscribe: <(https:[^>]+)>/).map { String($0.1) })
                #expect(second.text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
                let stopped = try await httpRequest(
                    try await local(header), method: .POST, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: "List-Unsubscribe=One-Click", using: discord.httpClient)
                #expect(stopped.status == 200 && stopped.body.contains("will mail member@example.org no more"), "\(stopped.body)")

                // Restarted with the same alerts.yaml: the address stays off.
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
                daemon = try await Self.restart(cli, discord, environment)
                await discord.gateway.dispatch(
                    "MESSAGE_CREATE",
                    E2E.message(
                        3, "[Hiring] Go backend engineer at Umbrella, remote US, $150k-$180k https://umbrella.example/j/3", author: 3))
                try await daemon.eventually("everything settled") { try await Alerts.settled(store, messages: 3) }
                #expect(await smtp.deliveries().count == 2)
                #expect(try await store.alertProfiles.all().first?.destinations == [])
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            }
        }
    }
}
