import AsyncHTTPClient
import Dashboard
import Domain
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Who may read the dashboard, and what hostile text from chat can and cannot do to it.
@Suite(.timeLimit(.minutes(1))) struct DashboardAccessTests {
    static let token = "s3cret-Token_value"

    @Test func aTokenKeepsOutWhoeverDoesNotHaveIt() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        defer { Task { try? await client.shutdown() } }
        try await fixture.serving(DashboardSettings(token: Self.token)) { base in
            let none = try await fetch(base + "/")
            #expect(none.status == 401)
            #expect(none.header("WWW-Authenticate") == "Bearer")
            #expect(!none.body.contains("Google"))
            let api = try await fetch(base + "/api/v1/overview")
            #expect(api.status == 401 && api.body.hasPrefix("{\"error\":"))
            #expect(try await fetch(base + "/", headers: [("Authorization", "Bearer wrong")]).status == 401)
            #expect(try await fetch(base + "/", headers: [("Authorization", "Bearer \(Self.token)x")]).status == 401)
            #expect(try await fetch(base + "/", headers: [("Authorization", "Bearer s3cret")]).status == 401)
            let bearer = try await fetch(base + "/api/v1/overview", headers: [("Authorization", "Bearer \(Self.token)")])
            #expect(bearer.status == 200)
            #expect(bearer.header("Cache-Control") == "private, no-store")

            // Opened once with the token in the address: it moves into a cookie, out of the address bar.
            var request = HTTPClientRequest(url: base + "/postings?token=\(Self.token)&role=engineer")
            request.method = .GET
            let redirect = try await client.execute(request, timeout: .seconds(10))
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers.first(name: "Location") == "/postings?role=engineer")
            let cookie = try #require(redirect.headers.first(name: "Set-Cookie"))
            #expect(cookie.hasPrefix("hiringpulse_dashboard="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let pair = String(cookie.split(separator: ";")[0])
            #expect(try await fetch(base + "/postings?role=engineer", headers: [("Cookie", pair)]).status == 200)
            #expect(try await fetch(base + "/", headers: [("Cookie", "hiringpulse_dashboard=nope")]).status == 401)
        }
    }

    @Test func textFromChatIsShownAsTextEverywhere() async throws {
        let hostile = "<script>alert(1)</script>"
        let reports = (0..<3).map { DashboardFixture.Report(author: "m\($0)", company: hostile, stage: .oa, day: Int64($0)) }
        let fixture = try await DashboardFixture(
            reports: reports,
            postings: [
                JobPosting(
                    company: hostile, title: "=HYPERLINK(\"http://evil.example\",\"click\")", location: "\"><img src=x onerror=alert(2)>",
                    url: "javascript:alert(3)", postedAt: DashboardFixture.september1 + 2 * DashboardFixture.day)
            ])
        defer { fixture.remove() }
        try await fixture.serving { base in
            let escapedName = "&lt;script&gt;alert(1)&lt;/script&gt;"
            for path in [
                "/", "/companies", "/companies/\(hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", "/postings",
            ] {
                let page = try await fetch(base + path)
                #expect(page.status == 200, "\(path)")
                #expect(!page.body.contains("<script"), "\(path)")
                #expect(!page.body.contains("<img src=x"), "\(path)")
                #expect(!page.body.contains("javascript:"), "\(path)")
                #expect(page.body.contains(escapedName), "\(path)")
            }
            // The SVG chart escapes the name too.
            let overview = try await fetch(base + "/")
            #expect(overview.body.contains("<title>\(escapedName)"))

            let csv = try await fetch(base + "/postings.csv")
            #expect(csv.status == 200)
            #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(csv.header("Content-Disposition") == "attachment; filename=\"postings.csv\"")
            let row = try #require(csv.body.split(separator: "\n").dropFirst().first)
            // A spreadsheet reads the title as text: it starts with a quote, not an equals sign.
            #expect(row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""))
            #expect(!row.contains(",=HYPERLINK") && !row.contains(",\"=HYPERLINK"))

            let json = try await fetch(base + "/postings.json")
            #expect(json.body.contains("\"title\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\""))
        }
    }
}
