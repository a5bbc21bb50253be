import Alerts
import Domain
import Foundation
import Testing

@Suite struct FeedSimplifyJobsTests {
    /// Shaped like `.github/scripts/listings.json` in SimplifyJobs' Summer-Internships repository.
    static let listings = #"""
        [
          {
            "source": "Simplify",
            "company_name": "Stripe",
            "id": "4f6a2b1c-9d3e-4c55-8a71-0e2f6b9d1a10",
            "title": "Software Engineer Intern",
            "active": true,
            "terms": ["Summer 2026"],
            "date_updated": 1795000000,
            "url": "https://stripe.com/jobs/listing/software-engineer-intern/6543210?utm_source=Simplify&ref=Simplify",
            "locations": ["San Francisco, CA", "Seattle, WA", "Remote in USA"],
            "company_url": "https://simplify.jobs/c/Stripe",
            "is_visible": true,
            "date_posted": 1794800000,
            "sponsorship": "Offers Sponsorship"
          },
          {
            "source": "Simplify",
            "company_name": "Jane Street",
            "id": "8b1d7e22-41aa-4d0b-9c3f-55e2a7c0b812",
            "title": "Quantitative Trading Intern",
            "active": false,
            "terms": ["Summer 2026"],
            "url": "https://www.janestreet.com/join-jane-street/position/7500001002/",
            "locations": ["New York, NY"],
            "is_visible": true,
            "date_posted": 1794700000,
            "sponsorship": "Does Not Offer Sponsorship"
          },
          {
            "company_name": "Hooli",
            "id": "c0ffee00-0000-4000-8000-000000000003",
            "title": "SWE Intern (duplicate)",
            "active": true,
            "locations": ["Mountain View, CA"],
            "is_visible": false,
            "date_posted": 1794600000,
            "sponsorship": "Other"
          },
          {
            "company_name": "Broken Inc",
            "id": "deadbeef-0000-4000-8000-000000000004",
            "active": true,
            "locations": []
          },
          "not a listing",
          {
            "company_name": "MÃ¼ller Systems",
            "id": 5,
            "title": "Embedded Software Intern",
            "locations": "Stuttgart, Germany",
            "date_posted": "1794500000"
          }
        ]
        """#

    private var result: FeedParseResult { SimplifyJobsFeed.parse(Array(Self.listings.utf8), source: "simplify-summer") }

    @Test func anActiveListingKeepsWhatTheListSays() throws {
        #expect(result.error == nil)
        let job = try #require(result.items.first)
        #expect(job.source == "simplify-summer")
        #expect(job.externalID == "4f6a2b1c-9d3e-4c55-8a71-0e2f6b9d1a10")
        #expect(job.posting.company == "Stripe")
        #expect(job.posting.title == "Software Engineer Intern")
        #expect(job.locations == ["San Francisco, CA", "Seattle, WA", "Remote in USA"])
        #expect(job.posting.remote == .yes, "one of its places is remote")
        #expect(job.tags == ["Summer 2026"])
        #expect(job.posting.employmentType == .internship, "a listing with a season is an internship")
        #expect(job.posting.url == "https://stripe.com/jobs/listing/software-engineer-intern/6543210?utm_source=Simplify&ref=Simplify")
        #expect(job.applyURL == job.posting.url)
        #expect(job.posting.postedAt == 1_794_800_000_000)
        #expect(job.active)
        #expect(job.posting.sponsorship == "Offers Sponsorship")
        #expect(job.salaryMin == nil && job.posting.description == nil)
    }

    @Test func closedAndHiddenListingsAreInactive() {
        let byCompany = Dictionary(uniqueKeysWithValues: result.items.map { ($0.posting.company ?? "", $0) })
        #expect(byCompany["Jane Street"]?.active == false)
        #expect(byCompany["Jane Street"]?.posting.sponsorship == "Does Not Offer Sponsorship")
        #expect(byCompany["Hooli"]?.active == false)
    }

    @Test func badEntriesAreSkippedWithTheReason() {
        #expect(result.items.count == 4)
        #expect(
            result.skipped == [
                FeedItemProblem(index: 3, reason: "no title"),
                FeedItemProblem(index: 4, reason: "expected an object, found a string"),
            ])
    }

    @Test func looselyTypedFieldsAreStillRead() throws {
        let job = try #require(result.items.last)
        #expect(job.posting.company == "Müller Systems")
        #expect(job.externalID == "5")
        #expect(job.locations == ["Stuttgart, Germany"])
        #expect(job.posting.postedAt == 1_794_500_000_000)
        // No `active` field: listings are open unless they say otherwise.
        #expect(job.active)
        #expect(job.posting.sponsorship == nil)
    }

    @Test(arguments: [
        (#"{"listings": []}"#, "expected a JSON array of jobs, found an object"),
        (#"[{"title": "Intern", }]"#, "invalid JSON at byte 21: expected a key"),
    ])
    func aBodyThatIsNotAListingArrayFailsTheWholeFeed(body: String, error: String) {
        let result = SimplifyJobsFeed.parse(Array(body.utf8), source: "simplify")
        #expect(result.items.isEmpty)
        #expect(result.skipped.isEmpty)
        #expect(result.error == error)
    }

    @Test func anEmptyListIsNoError() {
        let result = SimplifyJobsFeed.parse(Array("[]".utf8), source: "simplify")
        #expect(result.error == nil)
        #expect(result.items.isEmpty)
    }
}
