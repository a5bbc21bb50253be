import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Testing

/// Lever's Postings API answer (`JobBoardAnswers.lever`, in the documented shape): what each
/// posting keeps, pay per period made annual, and the answers that are not a list of postings.
@Suite struct FeedLeverTests {
    private var result: FeedParseResult { LeverPostingsFeed.parse(Array(JobBoardAnswers.lever.utf8), source: "acme-lever") }

    private static func posting(_ fields: String) -> String {
        #"[{"id": "0c0ffee0-0000-4000-8000-000000000001", "text": "Backend Engineer", \#(fields)}]"#
    }

    private static func parse(_ body: String) -> FeedParseResult { LeverPostingsFeed.parse(Array(body.utf8), source: "acme") }

    @Test func aPostingKeepsWhatTheSiteSays() throws {
        #expect(result.error == nil && result.skipped.isEmpty)
        #expect(result.items.count == 4)
        let job = try #require(result.items.first)
        #expect(job.externalID == "3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b" && job.openingID == "lever:3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b")
        #expect(job.posting.company == nil, "Lever never names the company")
        #expect(job.posting.title == "Backend Engineer - Platform")
        #expect(job.locations == ["Remote - US", "Remote - Canada"], "allLocations, the primary once")
        #expect(job.posting.remote == .yes && job.posting.employmentType == .fullTime)
        #expect(job.tags == ["Platform", "Engineering"])
        #expect(job.posting.url == "https://jobs.lever.co/acme/3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b")
        #expect(job.applyURL == "https://jobs.lever.co/acme/3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b/apply")
        #expect(job.posting.postedAt == 1_793_718_000_000, "createdAt is in milliseconds")
        #expect(job.salaryMin == 150_000 && job.salaryMax == 180_000 && job.salaryCurrency == "USD")
        #expect(job.salaryText == nil, "the salary description is not read when there is a range")
        #expect(
            job.posting.description == """
                We are hiring a backend engineer to build the fleet control plane in Go.

                You will own services end to end.

                Requirements
                3+ years writing Go or Python in production
                PostgreSQL & Kubernetes

                Acme Robotics is an equal opportunity employer.
                """)
    }

    @Test func workplaceTypeAndCommitmentAreTheSourcesWord() {
        let items = result.items
        #expect(items.map(\.posting.remote) == [.yes, .no, .hybrid, nil], "remote, onsite (as answers spell it), hybrid, unspecified")
        #expect(items.map(\.posting.employmentType) == [.fullTime, .partTime, .fullTime, .internship])
        #expect(items[1].tags == ["Field Operations"], "no department")
        #expect(items[2].locations == ["Berlin", "Munich"])
        func type(_ commitment: String) -> String? {
            Self.parse(Self.posting(#""categories": {"commitment": "\#(commitment)"}"#)).items.first?.posting.employmentType?.rawValue
        }
        #expect(type("Regular Full-Time") == "full_time")
        #expect(type("Permanent") == "full_time")
        #expect(type("Contractor") == "contract")
        #expect(type("Full-time Contract") == "contract")
        #expect(type("Temporary") == "contract")
        #expect(type("Part-time Intern") == "internship")
        #expect(type("Co-op") == "internship")
        #expect(type("Unspecified") == nil)
        func remote(_ workplaceType: String) -> RemotePolicy? {
            Self.parse(Self.posting(#""workplaceType": "\#(workplaceType)""#)).items.first?.posting.remote
        }
        #expect(remote("on-site") == .no && remote("Remote") == .yes && remote("unspecified") == nil)
    }

    @Test func payPerHourOrMonthIsMadeAnnualInItsOwnCurrency() {
        let items = result.items
        #expect(items[1].salaryMin == 28 * 2080 && items[1].salaryMax == 34 * 2080 && items[1].salaryCurrency == "USD")
        #expect(items[2].salaryMin == 70_000 && items[2].salaryMax == 90_000 && items[2].salaryCurrency == "EUR")
        #expect(items[3].salaryMin == 7_000 * 12 && items[3].salaryMax == 7_500 * 12)
        func pay(_ range: String) -> FeedItem? { Self.parse(Self.posting(#""salaryRange": \#(range)"#)).items.first }
        let bonus = pay(#"{"min": 5000, "max": 5000, "currency": "USD", "interval": "one-time"}"#)
        #expect(bonus?.salaryMin == nil && bonus?.salaryMax == nil && bonus?.salaryCurrency == nil, "a one-time amount is not a salary")
        let unknown = pay(#"{"min": 100, "max": 120, "currency": "USD", "interval": "per-shift"}"#)
        #expect(unknown?.salaryMin == nil && unknown?.salaryMax == nil)
        let weekly = pay(#"{"min": 2000, "currency": "cad", "interval": "bi-week-salary"}"#)
        #expect(weekly?.salaryMin == 52_000 && weekly?.salaryMax == nil && weekly?.salaryCurrency == "CAD")
        let stated = Self.parse(Self.posting(#""salaryDescriptionPlain": "The base salary is $120,000 - $140,000 a year.\n""#)).items.first
        #expect(stated?.salaryText == "The base salary is $120,000 - $140,000 a year.", "without a range, the company's words")
        #expect(stated?.salaryMin == nil)
    }

    @Test func postingsThatAreNotJobsAreSkippedWithWhy() {
        let result = Self.parse(
            #"""
            [{"id": "a", "text": "  ", "categories": {}}, 7, {"id": "b", "categories": {"team": "Sales"}},
             {"id": "c", "text": "Sales Engineer", "categories": {"location": null, "allLocations": null}}]
            """#)
        #expect(
            result.skipped.map(\.description) == [
                "item 0: text (the posting's title) is empty or not a string", "item 1: expected an object, found a number",
                "item 2: no text (the posting's title)",
            ])
        #expect(result.items.map(\.posting.title) == ["Sales Engineer"] && result.items.first?.locations == [])
    }

    @Test func anAnswerThatIsNotAListOfPostingsSaysSo() {
        #expect(Self.parse(#"{"ok": false, "error": "Document not found"}"#).error == "Lever answered with an error: Document not found")
        #expect(Self.parse(#"{"jobs": []}"#).error == "expected Lever's JSON array of postings, found an object")
        #expect(
            Self.parse(#"[{"title": "Engineering", "postings": [{"id": "a", "text": "Backend Engineer"}]}]"#).error
                == "Lever's answer is grouped (?group=…); poll the plain list of postings instead")
        #expect(Self.parse("[]").error == nil && Self.parse("[]").items.isEmpty, "a site with no postings")
    }

    @Test func itRecognizesItsOwnAnswersOnly() throws {
        func recognizes(_ body: String) throws -> Bool { LeverPostingsFeed.recognizes(try JSONParser.parse(body)) }
        #expect(try recognizes(JobBoardAnswers.lever))
        #expect(try recognizes(#"[{"id": "a", "text": "Backend Engineer", "categories": {}}]"#))
        #expect(try !recognizes("[]"), "an empty array could be any array feed")
        #expect(try !recognizes(#"[{"legal": "terms"}, {"id": "1", "position": "Go Engineer", "url": "https://remoteok.com/1"}]"#))
        #expect(try !recognizes(#"[{"company_name": "Stripe", "title": "SWE Intern", "locations": []}]"#))
        #expect(try !recognizes(JobBoardAnswers.greenhouse))
    }
}
