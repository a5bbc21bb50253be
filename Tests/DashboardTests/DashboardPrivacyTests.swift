import Dashboard
import Foundation
import JSON
import Store
import Testing

/// What the dashboard lets anyone read of a member: nothing of their own.
@Suite(.timeLimit(.minutes(1))) struct DashboardPrivacyTests {
    @Test func noMemberOrMessageAppearsAnywhere() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving { base in
            for path in [
                "/", "/companies", "/companies/Google", "/postings", "/api/v1/overview", "/api/v1/companies", "/api/v1/companies/Google",
            ] {
                let answer = try await fetch(base + path)
                #expect(answer.status == 200, "\(path)")
                // Messages read "oa at Google"; authors are "a", "b", "solo"…
                #expect(!answer.body.contains("at Google"), "\(path)")
                #expect(!answer.body.contains("author"), "\(path)")
                #expect(!answer.body.contains("solo"), "\(path)")
            }
        }
    }

    @Test func forgettingAMemberTakesThemOutOfEveryChartAtOnce() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving(DashboardSettings(minJourneys: 3)) { base in
            let before = try JSONParser.parse(Array(try await fetch(base + "/api/v1/overview").body.utf8))
            #expect(before["journeys"] == .integer(10))
            #expect(try await fetch(base + "/api/v1/companies/Google").status == 200)

            // /forget-me: c leaves; Google is down to two journeys.
            try await fixture.store.members.forget(authorHash: "c")
            let after = try JSONParser.parse(Array(try await fetch(base + "/api/v1/overview").body.utf8))
            #expect(after["journeys"] == .integer(8))
            #expect(after["top_companies"]?.arrayValue?.compactMap { $0["company"]?.stringValue } == ["Stripe", "other companies"])
            #expect(try await fetch(base + "/api/v1/companies/Google").status == 404)
            let page = try await fetch(base + "/")
            #expect(!page.body.contains(">Google</a>"))
            let companies = try JSONParser.parse(Array(try await fetch(base + "/api/v1/companies").body.utf8))
            #expect(companies["companies"]?.arrayValue?.compactMap { $0["company"]?.stringValue } == ["Stripe", "other companies"])
        }
    }

    @Test func theThresholdIsTheConfiguredOne() async throws {
        let fixture = try await DashboardFixture()
        defer { fixture.remove() }
        try await fixture.serving(DashboardSettings(minJourneys: 1)) { base in
            let companies = try JSONParser.parse(Array(try await fetch(base + "/api/v1/companies").body.utf8))
            #expect(
                companies["companies"]?.arrayValue?.compactMap { $0["company"]?.stringValue } == ["Stripe", "Google", "Acme", "Initech"])
        }
    }
}
