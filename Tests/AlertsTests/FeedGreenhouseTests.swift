import Alerts
import Domain
import Foundation
import HiringPulseTesting
import JSON
import Testing

/// Greenhouse's Job Board API answer (`JobBoardAnswers.greenhouse`, in the documented shape):
/// what each job post keeps, and the answers that are not a board.
@Suite struct FeedGreenhouseTests {
    private var result: FeedParseResult { GreenhouseBoardFeed.parse(Array(JobBoardAnswers.greenhouse.utf8), source: "acme-gh") }

    @Test func aJobPostKeepsWhatTheBoardSays() throws {
        #expect(result.error == nil && result.skipped.isEmpty)
        #expect(result.items.count == 3)
        let job = try #require(result.items.first)
        #expect(job.source == "acme-gh")
        #expect(job.externalID == "4012345001" && job.openingID == "greenhouse:4012345001")
        #expect(job.posting.company == "Acme Robotics")
        #expect(job.posting.title == "Senior Backend Engineer, Payments")
        #expect(job.locations == ["New York, NY", "San Francisco, CA"], "one place per ';', commas kept")
        #expect(job.tags == ["Engineering"])
        #expect(job.posting.url == "https://job-boards.greenhouse.io/acme/jobs/4012345001" && job.applyURL == nil)
        #expect(
            job.posting.postedAt == FeedDate.parse("2026-11-02T15:00:00Z").map(FeedDate.milliseconds), "first_published, not updated_at")
        #expect(job.posting.employmentType == .fullTime, "from the Employment Type field")
        #expect(job.posting.remote == nil, "Greenhouse has no structured remote field")
        #expect(job.salaryMin == nil && job.salaryMax == nil && job.salaryText == nil)
        #expect(job.active)
    }

    @Test func escapedHTMLIsDecodedOnceThenMadePlain() throws {
        let items = result.items
        #expect(
            items[0].posting.description == """
                Acme Robotics builds warehouse robots & the software that runs them.

                What you'll do

                Build payment services in Go on PostgreSQL
                Run them on Kubernetes

                Salary range: $170,000—$210,000 USD
                """)
        // "&amp;lt;3" is text that reads "<3", not a tag.
        #expect(
            items[1].posting.description
                == "A full-time, remote role on the Fleet API team. You will write backend services in Golang and tune PostgreSQL queries.\n\nWe <3 calm on-call… rotations are weekly."
        )
    }

    @Test func nullsAndCustomFieldsAreReadAsTheyCome() throws {
        let remote = result.items[1]
        #expect(
            remote.posting.postedAt == FeedDate.parse("2026-11-18T21:20:05Z").map(FeedDate.milliseconds), "first_published null: updated_at"
        )
        #expect(remote.posting.employmentType == nil, "metadata null")
        #expect(remote.locations == ["Remote - US"])
        let intern = result.items[2]
        #expect(intern.posting.employmentType == .internship, "a multi-select field's value is an array")
        #expect(intern.tags == ["University Recruiting"])
        #expect(Set(result.items.compactMap(\.openingID)).count == 3)
    }

    @Test func withoutALocationNameTheOfficesSayWhere() throws {
        let body = #"""
            {"jobs": [
              {"id": 1, "title": "Firmware Engineer", "location": {"name": ""}, "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/1",
               "offices": [{"id": 7, "name": "Pittsburgh", "location": "Pittsburgh, PA, United States", "parent_id": null, "child_ids": []},
                           {"id": 8, "name": "Remote", "location": null, "parent_id": null, "child_ids": []}]},
              {"id": 2, "title": null, "location": {"name": "Austin, TX"}},
              "a job",
              {"id": 3, "location": {"name": "Austin, TX"}}
            ], "meta": {"total": 4}}
            """#
        let result = GreenhouseBoardFeed.parse(Array(body.utf8), source: "acme")
        #expect(result.items.map(\.locations) == [["Pittsburgh, PA, United States", "Remote"]])
        #expect(result.items.first?.posting.description == nil && result.items.first?.posting.postedAt == nil, "no ?content=true, no dates")
        #expect(
            result.skipped.map(\.description) == [
                "item 1: title is empty or not a string", "item 2: expected an object, found a string", "item 3: no title",
            ])
    }

    @Test func anAnswerThatIsNotABoardSaysSo() {
        func error(_ body: String) -> String? { GreenhouseBoardFeed.parse(Array(body.utf8), source: "acme").error }
        #expect(error("[]") == #"expected Greenhouse's object with a "jobs" array, found an array"#)
        #expect(
            error(#"{"status": 404, "error": "Job not found"}"#)
                == #"expected Greenhouse's object with a "jobs" array, found an object without "jobs""#)
        #expect(error(#"{"jobs": {"id": 1}}"#) == #"expected Greenhouse's "jobs" to be an array, found an object"#)
        #expect(error("<!DOCTYPE html><html>") != nil)
        #expect(error(#"{"jobs": [], "meta": {"total": 0}}"#) == nil, "a board with no jobs is a board")
    }

    @Test func itRecognizesItsOwnAnswersOnly() throws {
        func recognizes(_ body: String) throws -> Bool { GreenhouseBoardFeed.recognizes(try JSONParser.parse(body)) }
        #expect(try recognizes(JobBoardAnswers.greenhouse))
        #expect(try recognizes(#"{"jobs": [], "meta": {"total": 0}}"#))
        #expect(try !recognizes(JobBoardAnswers.ashby))
        #expect(try !recognizes(JobBoardAnswers.lever))
        #expect(try !recognizes(#"{"jobs": []}"#))
        #expect(try !recognizes(#"[{"legal": "API terms"}]"#))
    }
}
