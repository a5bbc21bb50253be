import Dashboard
import Foundation
import NIOHTTP1
import Synchronization
import Testing

/// The signed links of alert mails, as the dashboard serves them: a GET asks and changes
/// nothing, a POST acts (the page's button, or a mail program's one-click unsubscribe), an
/// invalid link is a 404, and they need no dashboard token while the rest still does.
@Suite(.timeLimit(.minutes(1))) struct DashboardMailLinksTests {
    @Test func aLinkAsksOnGetAndActsOnlyOnPost() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        let done = Mutex<[String]>([])
        let links = MailLinks(
            prompt: { token in
                token == "42.stop.sig"
                    ? MailLinks.Prompt(question: "Stop mailing the alert <go> to m@example.org?", button: "Unsubscribe") : nil
            },
            perform: { token in
                guard token == "42.stop.sig" else { return nil }
                done.withLock { $0.append(token) }
                return "Done: the alert go will mail m@example.org no more."
            })
        try await fixture.serving(DashboardSettings(basePath: "/hp", token: "dashboard-token"), links: links) { base in
            let asked = try await fetch(base + "/links/42.stop.sig")
            #expect(asked.status == 200)
            #expect(asked.body.contains("Stop mailing the alert &lt;go&gt; to m@example.org?"))
            #expect(asked.body.contains("<form method=\"post\" action=\"/hp/links/42.stop.sig\">"), "\(asked.body)")
            #expect(asked.header("Cache-Control") == "private, no-store")
            #expect(done.withLock { $0.isEmpty }, "a GET must change nothing: mail scanners open links")

            // RFC 8058: the mail program posts List-Unsubscribe=One-Click, with no cookie.
            let posted = try await fetch(
                base + "/links/42.stop.sig", method: .POST, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "List-Unsubscribe=One-Click")
            #expect(posted.status == 200 && posted.body.contains("will mail m@example.org no more"))
            #expect(done.withLock { $0 } == ["42.stop.sig"])

            #expect(try await fetch(base + "/links/42.stop.forged").status == 404)
            #expect(try await fetch(base + "/links/42.stop.forged", method: .POST).status == 404)
            // Everything else is as read-only and as closed as before.
            #expect(try await fetch(base + "/", method: .POST).status == 405)
            #expect(try await fetch(base + "/").status == 401)
        }
    }

    @Test func withoutAPublicAddressThereAreNoLinks() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving(DashboardSettings()) { base throws in
            let asked = try await fetch(base + "/links/42.stop.sig")
            let posted = try await fetch(base + "/links/42.stop.sig", method: .POST)
            #expect(asked.status == 404 && posted.status == 405)
        }
    }
}
