import Analytics
import AsyncHTTPClient
import Dashboard
import Domain
import Foundation
import GRDB
import HiringPulseTesting
import JSON
import NIOHTTP1
import Store
import Testing

/// Every page and API route of the real dashboard over a real database, as a browser or a script
/// would ask them.
@Suite(.timeLimit(.minutes(1))) struct DashboardPagesTests {
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyPageAnswersWithItsChartsAndEveryAnswerIsStrict() async throws {
        let fixture = try await DashboardFixture(postings: [
            JobPosting(
                company: "Google", title: "Backend Engineer", location: "Remote, US", remote: .yes, employmentType: .fullTime,
                salaryMin: 150_000, salaryMax: 180_000, currency: "USD", url: "https://careers.google.com/jobs/1",
                postedAt: DashboardFixture.september1 + 25 * DashboardFixture.day)
        ])
        defer { fixture.remove() }
        try await fixture.serving { base in
            let overview = try await fetch(base + "/")
            #expect(overview.status == 200)
            #expect(overview.header("Content-Type") == "text/html; charset=utf-8")
            // Five charts, each an accessible SVG with its marks.
            #expect(Self.count("<svg ", in: overview.body) == 5)
            #expect(Self.count("role=\"img\"", in: overview.body) == 5)
            #expect(Self.count("class=\"mark bar\"", in: overview.body) >= 6)
            #expect(Self.count("class=\"mark box\"", in: overview.body) >= 1)
            #expect(overview.body.contains("class=\"mark line overlay\""))
            // Google (3 journeys) and Stripe (4) are named; Acme (2) and Initech (1) only as "other companies".
            #expect(overview.body.contains(">Google</a>") && overview.body.contains(">Stripe</a>"))
            #expect(!overview.body.contains("Acme") && !overview.body.contains("Initech"))
            #expect(overview.body.contains("other companies"))

            let companies = try await fetch(base + "/companies")
            #expect(companies.status == 200)
            #expect(Self.count("class=\"mark cell\"", in: companies.body) >= 1)
            #expect(companies.body.contains("other companies (2)"))
            let sorted = try await fetch(base + "/companies?sort=oa-%3Ephone")
            #expect(sorted.status == 200)
            #expect(sorted.body.contains("aria-current=\"true\">OA → Phone/R1</a>"))

            let google = try await fetch(base + "/companies/Google")
            #expect(google.status == 200)
            #expect(Self.count("<svg ", in: google.body) == 4)
            #expect(google.body.contains("Backend Engineer"))
            #expect(google.body.contains("href=\"https://careers.google.com/jobs/1\""))

            let postings = try await fetch(base + "/postings?company=google&remote=yes")
            #expect(postings.status == 200)
            #expect(postings.body.contains("Backend Engineer") && postings.body.contains("USD 150,000–180,000"))
            #expect(postings.body.contains("href=\"/postings.csv?company=google&amp;remote=yes\""))

            let css = try await fetch(base + "/static/dashboard.css")
            #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")

            for answer in [overview, companies, google, postings, css] {
                #expect(answer.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
                #expect(answer.header("X-Content-Type-Options") == "nosniff")
                #expect(answer.header("X-Frame-Options") == "DENY")
            }
        }
    }

    @Test func theAPIAnswersWithTheNumbersOfStatsJSON() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving { base in
            let overview = try JSONParser.parse(Array(try await fetch(base + "/api/v1/overview").body.utf8))
            let report = try await Statistics.report(
                StatisticsQuery(trendDays: 30, topLimit: 10), store: fixture.store, now: DashboardFixture.now)
            for key in ["journeys", "stages", "conversion", "days_between", "trend"] {
                #expect(overview[key] == report.jsonValue[key], "\(key)")
            }
            #expect(overview["min_journeys"] == .integer(3))
            #expect(overview["days_spread"]?["oa->phone"]?["median"] == report.jsonValue["days_between"]?["oa->phone"]?["median"])
            // Acme's and Initech's reports are added up, not named.
            let top = overview["top_companies"]?.arrayValue?.compactMap { $0["company"]?.stringValue }
            #expect(top == ["Google", "Stripe", "other companies"])

            let google = try JSONParser.parse(Array(try await fetch(base + "/api/v1/companies/google").body.utf8))
            let googleReport = try await Statistics.report(
                StatisticsQuery(company: "Google", trendDays: 30, topLimit: 10), store: fixture.store, now: DashboardFixture.now)
            #expect(google["stages"] == googleReport.jsonValue["stages"])
            #expect(google["conversion"] == googleReport.jsonValue["conversion"])

            let companies = try JSONParser.parse(Array(try await fetch(base + "/api/v1/companies").body.utf8))
            let rows = companies["companies"]?.arrayValue ?? []
            #expect(rows.compactMap { $0["company"]?.stringValue } == ["Stripe", "Google", "other companies"])
            #expect(rows.last?["companies"] == .integer(2))
            #expect(rows.last?["journeys"] == .integer(3))

            let postings = try await fetch(base + "/api/v1/postings?limit=5")
            #expect(postings.status == 200)
            #expect(postings.header("Content-Type") == "application/json; charset=utf-8")
            #expect(try JSONParser.parse(Array(postings.body.utf8))["total"] == .integer(0))
        }
    }

    @Test func unknownAddressesAreNotFoundAndBadFiltersSayWhy() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving { base in
            let missing = try await fetch(base + "/nothing-here")
            #expect(missing.status == 404)
            #expect(missing.body.contains("There is no such page."))
            #expect(missing.header("Content-Security-Policy") != nil)
            let api = try await fetch(base + "/api/v1/nothing")
            #expect(api.status == 404)
            #expect(api.body == "{\"error\":\"There is no such page.\"}\n")
            #expect(try await fetch(base + "/companies/Nobody%20Inc").status == 404)
            // Known, but too few journeys to be shown alone.
            let acme = try await fetch(base + "/api/v1/companies/Acme")
            #expect(acme.status == 404)
            #expect(acme.body.contains("fewer than 3 journeys"))
            let page = try await fetch(base + "/companies/Acme")
            #expect(page.status == 200)
            #expect(Self.count("<svg ", in: page.body) == 0)

            let bad = try await fetch(base + "/api/v1/postings?remote=maybe")
            #expect(bad.status == 400)
            #expect(bad.body == "{\"error\":\"remote must be yes, no or hybrid.\"}\n")
            #expect(try await fetch(base + "/postings?max_age_days=-3").status == 400)
            #expect(try await fetch(base + "/companies?sort=nonsense").status == 400)
        }
    }

    @Test func onlyGetAndHeadAreAnswered() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving { base in
            for method in [HTTPMethod.POST, .PUT, .DELETE, .PATCH] {
                let answer = try await fetch(base + "/postings", method: method)
                #expect(answer.status == 405, "\(method)")
                #expect(answer.header("Allow") == "GET, HEAD")
            }
            let head = try await fetch(base + "/", method: .HEAD)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Security-Policy") != nil)
        }
    }

    @Test func companiesComeFiftyToAPageInTheChosenOrder() async throws {
        let reports = (0..<60).flatMap { company in
            (0..<3).map { member in
                DashboardFixture.Report(author: "m\(member)", company: "Company \(company)", stage: .oa, day: Int64(company % 20))
            }
        }
        let fixture = try await DashboardFixture(reports: reports)
        defer { fixture.remove() }
        try await fixture.serving { base in
            let first = try await fetch(base + "/companies")
            #expect(Self.count("class=\"mark cell\"", in: first.body) + Self.count("class=\"no-data\"", in: first.body) == 50 * 7)
            #expect(first.body.contains("Page 1 of 2"))
            #expect(first.body.contains("href=\"/companies?sort=journeys&amp;page=2\" rel=\"next\""))
            let second = try await fetch(base + "/companies?sort=journeys&page=2")
            #expect(second.body.contains("Page 2 of 2"))
            #expect(Self.count("<tr><th scope=\"row\">", in: second.body) == 10)
            #expect(try await fetch(base + "/companies?page=0").status == 400)
        }
    }

    @Test func aDatabaseThatCannotBeReadIsOneLineAndTheLog() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        // Another program broke the database under the dashboard.
        try await DatabaseQueue(path: fixture.directory.file("dashboard.sqlite")).write { try $0.execute(sql: "DROP TABLE funnel_rollup") }
        try await fixture.serving { base in
            let page = try await fetch(base + "/")
            #expect(page.status == 500)
            #expect(page.body.contains("The figures could not be read just now; it has been logged."))
            #expect(!page.body.contains("funnel_rollup"))
            #expect(page.header("Content-Security-Policy") != nil)
            let api = try await fetch(base + "/api/v1/overview")
            #expect(api.status == 500)
            #expect(api.body == "{\"error\":\"The figures could not be read just now; it has been logged.\"}\n")
        }
    }
}
