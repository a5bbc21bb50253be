import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Testing

/// Ashby's job posting API answer (`JobBoardAnswers.ashby`, in the documented shape): what each
/// job keeps, unlisted jobs, pay per period made annual, and pay the company hides.
@Suite struct FeedAshbyTests {
    private var result: FeedParseResult { AshbyJobBoardFeed.parse(Array(JobBoardAnswers.ashby.utf8), source: "acme-ashby") }

    private static func parse(_ jobs: String) -> FeedParseResult {
        AshbyJobBoardFeed.parse(Array(#"{"apiVersion": "1", "jobs": [\#(jobs)]}"#.utf8), source: "acme")
    }

    @Test func aJobKeepsWhatTheBoardSays() throws {
        #expect(result.error == nil && result.skipped.isEmpty)
        #expect(result.items.count == 5)
        let job = try #require(result.items.first)
        #expect(job.externalID == "8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d" && job.openingID == "ashby:8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d")
        #expect(job.posting.company == nil, "Ashby's board API never names the company")
        #expect(job.posting.title == "Senior Platform Engineer")
        #expect(job.locations == ["Remote - US", "Toronto"], "the primary location, then the secondary ones")
        #expect(job.posting.remote == .yes && job.posting.employmentType == .fullTime)
        #expect(job.tags == ["Engineering", "Platform"])
        #expect(job.posting.url == "https://jobs.ashbyhq.com/acme/8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d")
        #expect(job.applyURL == "https://jobs.ashbyhq.com/acme/8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d/application")
        #expect(job.posting.postedAt == FeedDate.parse("2026-11-05T14:29:08.532Z").map(FeedDate.milliseconds))
        #expect(
            job.posting.description
                == "Own the backend platform our robots report to: Go services, PostgreSQL, Kubernetes.\n\n- On call one week in six")
        #expect(job.salaryMin == 160_000 && job.salaryMax == 200_000 && job.salaryCurrency == "USD", "equity is not salary")
        #expect(job.salaryText == "$160K - $200K")
        #expect(job.active)
    }

    @Test func anUnlistedJobIsNotAnOpeningToAnnounce() {
        #expect(result.items.map(\.active) == [true, false, true, true, true])
        #expect(result.items[1].posting.title == "Site Reliability Engineer")
    }

    @Test func workplaceTypeEmploymentTypeAndIsRemoteAreTheSourcesWord() {
        let items = result.items
        #expect(items.map(\.posting.remote) == [.yes, .yes, .no, .yes, .hybrid], "OnSite; no workplaceType but isRemote")
        #expect(items.map(\.posting.employmentType) == [.fullTime, .fullTime, .internship, .contract, .fullTime])
        #expect(items[4].locations == ["London, England", "Manchester"])
        func remote(_ fields: String) -> RemotePolicy? { Self.parse(#"{"title": "Engineer", \#(fields)}"#).items.first?.posting.remote }
        #expect(remote(#""workplaceType": null, "isRemote": false"#) == nil, "not remote may be on-site or hybrid")
        #expect(remote(#""workplaceType": "OnSite", "isRemote": true"#) == .no, "workplaceType decides")
        #expect(Self.parse(#"{"title": "Engineer", "employmentType": "Temporary"}"#).items.first?.posting.employmentType == .contract)
    }

    @Test func payIsAnnualInItsOwnCurrencyAndHiddenPayStaysHidden() {
        let items = result.items
        #expect(items[2].salaryMin == 45 * 2080 && items[2].salaryMax == 55 * 2080 && items[2].salaryCurrency == "USD")
        #expect(items[2].salaryText == "$45 - $55 per hour")
        #expect(items[3].salaryMin == nil && items[3].salaryText == nil, "shouldDisplayCompensationOnJobPostings: false")
        #expect(items[4].salaryMin == 75_000 && items[4].salaryMax == 100_000 && items[4].salaryCurrency == "GBP", "over every tier")
        func pay(_ compensation: String) -> FeedItem? {
            Self.parse(#"{"title": "Engineer", "compensation": \#(compensation)}"#).items.first
        }
        let tiers = pay(
            #"""
            {"compensationTierSummary": "€60K – €80K", "compensationTiers": [
              {"title": "Berlin", "components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "EUR", "minValue": 65000, "maxValue": 80000}]},
              {"title": "Lisbon", "components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "EUR", "minValue": 60000, "maxValue": 70000},
                                                 {"compensationType": "Bonus", "interval": "1 YEAR", "currencyCode": "EUR", "minValue": 5000, "maxValue": 9000}]}]}
            """#)
        #expect(
            tiers?.salaryMin == 60_000 && tiers?.salaryMax == 80_000 && tiers?.salaryCurrency == "EUR", "no summaryComponents: the tiers")
        let mixed = pay(
            #"""
            {"compensationTiers": [
              {"components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 100000, "maxValue": 120000}]},
              {"components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "CAD", "minValue": 110000, "maxValue": 130000}]}]}
            """#)
        #expect(mixed?.salaryMin == nil && mixed?.salaryCurrency == nil, "two currencies are not one range")
        let signing = pay(
            #"{"summaryComponents": [{"compensationType": "Salary", "interval": "1 TIME", "currencyCode": "USD", "minValue": 10000, "maxValue": 10000}]}"#
        )
        #expect(signing?.salaryMin == nil && signing?.salaryText == nil)
        let biweekly = pay(
            #"{"summaryComponents": [{"compensationType": "Salary", "interval": "2 WEEK", "currencyCode": "USD", "minValue": 4000, "maxValue": null}]}"#
        )
        #expect(biweekly?.salaryMin == 104_000 && biweekly?.salaryMax == nil)
        let wordsOnly = pay(
            #"{"compensationTierSummary": "$120K – $150K • Offers Equity", "scrapeableCompensationSalarySummary": "$120K - $150K"}"#)
        #expect(wordsOnly?.salaryText == "$120K - $150K" && wordsOnly?.salaryMin == nil)
    }

    @Test func theDocumentedExampleHasNoIdAndItsURLNamesTheJob() throws {
        // Shaped like the example of Ashby's documentation, which has no `id`.
        let result = Self.parse(
            #"""
            {"title": "Product Manager", "location": "", "secondaryLocations": [{"location": "San Francisco", "address": {"addressLocality": "San Francisco", "addressRegion": "California", "addressCountry": "USA"}}],
             "department": "Product", "team": "Growth", "isListed": true, "isRemote": true, "descriptionHtml": "<p>Join our team</p>", "descriptionPlain": "Join our team",
             "publishedAt": "2021-04-30T16:21:55.393+00:00", "employmentType": "FullTime",
             "address": {"postalAddress": {"addressLocality": "Houston", "addressRegion": "Texas", "addressCountry": "USA"}},
             "jobUrl": "https://jobs.ashbyhq.com/example/8a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b", "applyUrl": "https://jobs.ashbyhq.com/example/apply"},
            {"id": "x", "title": ""}, null
            """#)
        let job = try #require(result.items.first)
        #expect(job.openingID == "ashby:8a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b")
        #expect(job.locations == ["Houston, Texas, USA", "San Francisco"], "an unnamed primary location is its address")
        #expect(job.posting.remote == .yes && job.posting.description == "Join our team")
        #expect(result.skipped.map(\.description) == ["item 1: title is empty or not a string", "item 2: expected an object, found null"])
    }

    @Test func anAnswerThatIsNotABoardSaysSo() {
        func error(_ body: String) -> String? { AshbyJobBoardFeed.parse(Array(body.utf8), source: "acme").error }
        #expect(error(#"[{"id": "a"}]"#) == #"expected Ashby's object with a "jobs" array, found an array"#)
        #expect(
            error(#"{"success": false, "errors": ["Not found"]}"#)
                == #"expected Ashby's object with a "jobs" array, found an object without "jobs""#)
        #expect(error(#"{"apiVersion": "1", "jobs": []}"#) == nil)
    }

    @Test func itRecognizesItsOwnAnswersOnly() throws {
        func recognizes(_ body: String) throws -> Bool { AshbyJobBoardFeed.recognizes(try JSONParser.parse(body)) }
        #expect(try recognizes(JobBoardAnswers.ashby))
        #expect(try recognizes(#"{"apiVersion": "1", "jobs": []}"#))
        #expect(try !recognizes(JobBoardAnswers.greenhouse))
        #expect(try !recognizes(JobBoardAnswers.lever))
        #expect(try !recognizes(#"{"jobs": []}"#))
    }
}
