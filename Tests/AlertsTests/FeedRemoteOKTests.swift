import Alerts
import Domain
import Extraction
import Foundation
import Testing

@Suite struct FeedRemoteOKTests {
    /// Shaped like `https://remoteok.com/api`: the legal notice first, then jobs.
    static let feed = #"""
        [
          {"last_updated": 1795428007, "legal": "API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source, so we get traffic back from your listing. If you do not link back to us, we will suspend your API access."},
          {
            "slug": "remote-senior-backend-engineer-acme-robotics-1129384",
            "id": "1129384",
            "epoch": 1795428007,
            "date": "2026-11-23T10:00:07+00:00",
            "company": "Acme Robotics",
            "company_logo": "https://remoteok.com/assets/img/jobs/acme.png",
            "position": "Senior Backend Engineer",
            "tags": ["backend", "golang", "postgres", "senior", "golang"],
            "logo": "",
            "description": "<p><strong>Acme Robotics</strong> is hiring a Senior Backend Engineer&nbsp;to build our fleet API.</p>\n<ul>\n  <li>5+ years of Go</li>\n  <li>Postgres &amp; Kafka</li>\n</ul>\n<p>Weâ€™re fully remote &mdash; work from anywhere.</p><script>track('view')</script>",
            "location": "Worldwide",
            "salary_min": 140000,
            "salary_max": 180000,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-acme-robotics-1129384/apply",
            "url": "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-acme-robotics-1129384"
          },
          {
            "slug": "remote-junior-frontend-developer-cafe-labs-1129385",
            "id": 1129385,
            "epoch": 1795353300,
            "company": "CafÃ© Labs",
            "position": "Junior Frontend Developer",
            "tags": [],
            "description": "React &amp; TypeScript.",
            "location": "",
            "salary_min": 0,
            "salary_max": 0,
            "url": "https://remoteOK.com/remote-jobs/remote-junior-frontend-developer-cafe-labs-1129385"
          },
          {
            "slug": "remote-ghost-1129386",
            "id": "1129386",
            "company": "Ghost Co",
            "tags": ["misc"],
            "description": "A posting that lost its position field."
          },
          {"id": "1129387", "company": "Blank Inc", "position": "   "},
          42
        ]
        """#

    @Test func theLegalNoticeIsNotAJobNorAProblem() {
        let result = RemoteOKFeed.parse(Array(Self.feed.utf8), source: "remoteok")
        #expect(result.error == nil)
        #expect(result.items.map(\.posting.title) == ["Senior Backend Engineer", "Junior Frontend Developer"])
        #expect(!result.skipped.contains { $0.index == 0 })
    }

    @Test func aJobKeepsWhatTheFeedSays() throws {
        let result = RemoteOKFeed.parse(Array(Self.feed.utf8), source: "remoteok")
        let job = try #require(result.items.first)
        #expect(job.source == "remoteok")
        #expect(job.externalID == "1129384")
        #expect(job.posting.company == "Acme Robotics")
        #expect(job.posting.title == "Senior Backend Engineer")
        // RemoteOK lists remote jobs only; `location` is where the company hires from.
        #expect(job.posting.remote == .yes)
        #expect(job.locations == ["Worldwide"])
        #expect(job.tags == ["backend", "golang", "postgres", "senior"])
        #expect(job.salaryMin == 140_000)
        #expect(job.salaryMax == 180_000)
        #expect(job.posting.url == "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-acme-robotics-1129384")
        #expect(job.applyURL == "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-acme-robotics-1129384/apply")
        #expect(job.posting.postedAt == 1_795_428_007_000)
        #expect(job.active)
        #expect(job.posting.sponsorship == nil)
    }

    @Test func theDescriptionIsPlainRepairedText() throws {
        let job = try #require(RemoteOKFeed.parse(Array(Self.feed.utf8), source: "remoteok").items.first)
        #expect(
            job.posting.description == """
                Acme Robotics is hiring a Senior Backend Engineer to build our fleet API.

                5+ years of Go
                Postgres & Kafka

                We’re fully remote — work from anywhere.
                """)
    }

    @Test func aZeroSalaryIsUnknownAndEpochStandsInForTheDate() throws {
        let result = RemoteOKFeed.parse(Array(Self.feed.utf8), source: "remoteok")
        let job = try #require(result.items.dropFirst().first)
        #expect(job.externalID == "1129385")
        #expect(job.posting.company == "Café Labs")
        #expect(job.salaryMin == nil)
        #expect(job.salaryMax == nil)
        #expect(job.remoteText == nil)
        #expect(job.tags.isEmpty)
        #expect(job.applyURL == nil)
        #expect(job.posting.postedAt == 1_795_353_300_000)
        #expect(job.posting.description == "React & TypeScript.")
    }

    @Test func jobsWithoutAPositionAreSkippedWithTheReason() {
        let result = RemoteOKFeed.parse(Array(Self.feed.utf8), source: "remoteok")
        #expect(
            result.skipped == [
                FeedItemProblem(index: 3, reason: "no position"),
                FeedItemProblem(index: 4, reason: "position is empty or not a string"),
                FeedItemProblem(index: 5, reason: "expected an object, found a number"),
            ])
    }

    @Test func brokenJSONFailsTheWholeFeed() throws {
        let truncated = String(Self.feed.prefix(600))
        let result = RemoteOKFeed.parse(Array(truncated.utf8), source: "remoteok")
        #expect(result.items.isEmpty)
        let error = try #require(result.error)
        #expect(error.hasPrefix("invalid JSON at byte"))
    }

    @Test(arguments: [
        (#"{"legal": "rate limited"}"#, "expected a JSON array of jobs, found an object"),
        ("", "empty body"),
        ("<!DOCTYPE html><html><body>Cloudflare</body></html>", "invalid JSON at byte 0: unexpected character"),
    ])
    func aBodyThatIsNotAJobArrayFailsTheWholeFeed(body: String, error: String) {
        let result = RemoteOKFeed.parse(Array(body.utf8), source: "remoteok")
        #expect(result.items.isEmpty)
        #expect(result.error == error)
    }

    @Test func aByteOrderMarkIsTolerated() {
        let result = RemoteOKFeed.parse([0xEF, 0xBB, 0xBF] + Array(Self.feed.utf8), source: "remoteok")
        #expect(result.error == nil)
        #expect(result.items.count == 2)
    }
}
