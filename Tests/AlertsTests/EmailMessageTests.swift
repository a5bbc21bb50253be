import Domain
import Foundation
import Testing

@testable import Alerts

/// The mail as it goes on the wire: what a mail client and a spam filter read.
@Suite struct EmailMessageTests {
    static let message = EmailMessage(
        from: "alerts@example.org", fromName: "HiringPulse", to: "member@example.com",
        subject: "Go backend engineer at Acme — remote, $150k", text: "A match: Go backend engineer at Acme.\nWhy: go, remote.",
        html: "<p>A match: <b>Go backend engineer</b> at Acme.</p>", messageID: "hp.42.7@example.org", date: 1_788_220_800_000,
        unsubscribe: ["https://hp.example.org/unsubscribe?t=abc", "mailto:alerts@example.org?subject=unsubscribe"])

    @Test func headersAreWhatMailClientsRead() {
        let text = Self.message.rendered
        // Folded header lines continue with a space; read unfolded (RFC 5322 §2.2.3).
        let head = text.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
        #expect(head.contains("From: HiringPulse <alerts@example.org>"))
        #expect(head.contains("To: <member@example.com>"))
        #expect(head.contains("Date: Tue, 01 Sep 2026 00:00:00 +0000"))
        #expect(head.contains("Message-ID: <hp.42.7@example.org>"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Auto-Submitted: auto-generated"))
        #expect(
            head.contains("List-Unsubscribe: <https://hp.example.org/unsubscribe?t=abc>, <mailto:alerts@example.org?subject=unsubscribe>"))
        #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        // The subject has a dash outside ASCII: encoded words, each within 75 characters.
        let subject = try! #require(head.first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        let words = text.components(separatedBy: "\r\n").filter { $0.contains("=?UTF-8?B?") }.map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Subject: ", with: "")
        }
        #expect(words.allSatisfy { $0.count <= 75 })
        let decoded = words.map { word -> String in
            let inner = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(inner))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Go backend engineer at Acme — remote, $150k")
    }

    @Test func theTextAndTheHTMLAreTheSameContentInTwoParts() throws {
        let text = Self.message.rendered
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare line feed")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let boundary = try #require(text.firstMatch(of: /boundary="([^"]+)"/).map { String($0.1) })
        let parts = text.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4 && parts[3] == "--\r\n")
        func body(_ part: String) -> String {
            let encoded = part.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
            return String(decoding: Data(base64Encoded: encoded)!, as: UTF8.self)
        }
        #expect(parts[1].contains("Content-Type: text/plain; charset=utf-8"))
        #expect(body(parts[1]) == Self.message.text)
        #expect(parts[2].contains("Content-Type: text/html; charset=utf-8"))
        #expect(body(parts[2]) == Self.message.html)
        // The same message twice is the same bytes: a retry resends what was meant.
        #expect(Self.message.bytes == Self.message.bytes)
    }

    @Test func withoutAWebLinkThereIsNoOneClickHeader() {
        var message = Self.message
        message.unsubscribe = ["mailto:alerts@example.org?subject=unsubscribe"]
        #expect(!message.rendered.contains("List-Unsubscribe-Post"))
        message.unsubscribe = []
        #expect(!message.rendered.contains("List-Unsubscribe"))
    }

    @Test func aRefusalIsTheServersWordsAndAWaitIsRetried() {
        #expect(SMTPOutcome(curlCode: 0, replyCode: 250, message: "").deliveryResult == .sent)
        #expect(
            SMTPOutcome(curlCode: 55, replyCode: 550, message: "RCPT failed: 550").deliveryResult
                == .rejected(reason: "the SMTP server refused the message: 550 RCPT failed: 550"))
        #expect(
            SMTPOutcome(curlCode: 55, replyCode: 421, message: "RCPT failed: 421").deliveryResult
                == .retryLater(after: nil, reason: "SMTP: 421 RCPT failed: 421"))
        #expect(
            SMTPOutcome(curlCode: 7, replyCode: 0, message: "Failed to connect to 127.0.0.1 port 1: Connection refused").deliveryResult
                == .retryLater(after: nil, reason: "SMTP: Failed to connect to 127.0.0.1 port 1: Connection refused"))
        #expect(
            SMTPOutcome(curlCode: 67, replyCode: 535, message: "").deliveryResult
                == .rejected(reason: "the SMTP server refused the login (535)"))
    }

    @Test func aPostingsTextIsEscapedInTheHTMLPartAndOnlyWebLinksAreLinks() {
        let notification = AlertNotification(
            posting: JobPosting(company: "<script>alert(1)</script>", title: "\"Engineer\" & co", url: "javascript:alert(2)"),
            profileName: "p", match: MatchResult(score: 0.7, reasons: ["go"]))
        let mail = EmailNotificationMessage.alert(
            notification, to: "m@example.org", settings: SMTPSettings(url: "smtp://127.0.0.1:1", from: "alerts@example.org"),
            messageID: "x@example.org", date: 0)
        #expect(mail.html.contains("&quot;Engineer&quot; &amp; co at &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!mail.html.contains("<script") && !mail.html.contains("javascript:"))
        #expect(mail.text.contains("\"Engineer\" & co at <script>alert(1)</script>"))
        #expect(mail.subject == "Job alert: \"Engineer\" & co at <script>alert(1)</script>")
    }

    /// The way out needs no reply: the commands that stop the alert and undo what it learned.
    @Test func anAlertSaysHowToManageItWithoutReplying() {
        let notification = AlertNotification(
            posting: JobPosting(company: "Acme", title: "Go engineer"), profileName: "go-remote",
            match: MatchResult(score: 0.7, reasons: []))
        let mail = EmailNotificationMessage.alert(
            notification, to: "m@example.org", settings: SMTPSettings(url: "smtp://127.0.0.1:1", from: "alerts@example.org"),
            messageID: "x@example.org", date: 0)
        for part in [mail.text, mail.html] {
            #expect(part.contains("/alerts remove go-remote in the Discord server stops it"), "\(part)")
            #expect(part.contains("/alerts reset go-remote forgets what your 👍 and 👎 taught it"))
        }
        #expect(!mail.text.lowercased().contains("answer this mail"))
    }

    /// Links are signed for one notification and one action: nothing else verifies.
    @Test func mailLinksVerifyOnlyAsSigned() throws {
        let links = EmailLinks(baseURL: "https://hp.example.org/", key: Array(repeating: 7, count: 32))
        let url = links.url(notification: 42, action: .feedback(.relevant))
        #expect(url.hasPrefix("https://hp.example.org/links/42.up."))
        let token = String(url.dropFirst("https://hp.example.org/links/".count))
        #expect(links.verify(token)?.notification == 42 && links.verify(token)?.action == .feedback(.relevant))
        #expect(links.verify(links.token(notification: 42, action: .unsubscribe))?.action == .unsubscribe)
        // Another notification, another action, another key, a cut or padded signature: refused.
        let signature = token.split(separator: ".")[2]
        for forged in [
            "43.up.\(signature)", "42.down.\(signature)", "42.up.\(signature.dropLast())", "42.up.\(signature)A", "42.up", "x.up.y", "",
        ] {
            #expect(links.verify(forged) == nil, "\(forged)")
        }
        #expect(EmailLinks(baseURL: "https://hp.example.org", key: Array(repeating: 8, count: 32)).verify(token) == nil)
    }

    /// With a public dashboard, an alert mail carries its reactions and a one-click unsubscribe.
    @Test func anAlertMailCarriesSignedLinksWhenTheDashboardIsPublic() {
        let links = EmailLinks(baseURL: "https://hp.example.org", key: Array(repeating: 7, count: 32))
        let notification = AlertNotification(
            posting: JobPosting(company: "Acme", title: "Go engineer"), profileName: "go", match: MatchResult(score: 0.7, reasons: []),
            feedbackID: 42)
        let mail = EmailNotificationMessage.alert(
            notification, to: "m@example.org", settings: SMTPSettings(url: "smtp://127.0.0.1:1", from: "alerts@example.org"),
            messageID: "x@example.org", date: 0, links: links)
        let stop = links.url(notification: 42, action: .unsubscribe)
        #expect(mail.text.contains("👍 Relevant: \(links.url(notification: 42, action: .feedback(.relevant)))"))
        #expect(mail.text.contains("🚫 Never Acme: \(links.url(notification: 42, action: .feedback(.neverCompany)))"))
        #expect(mail.text.contains("Stop these mails: \(stop)"))
        #expect(mail.html.contains("<a href=\"\(links.url(notification: 42, action: .feedback(.notForMe)))\">👎 Not for me</a>"))
        #expect(mail.unsubscribe == [stop, "mailto:alerts@example.org?subject=unsubscribe"])
        let head = mail.rendered.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "\(head)")
        // Without a public dashboard: no links, and no one-click header.
        let plain = EmailNotificationMessage.alert(
            notification, to: "m@example.org", settings: SMTPSettings(url: "smtp://127.0.0.1:1", from: "alerts@example.org"),
            messageID: "x@example.org", date: 0)
        #expect(!plain.text.contains("https://") && plain.unsubscribe == ["mailto:alerts@example.org?subject=unsubscribe"])
    }
}
