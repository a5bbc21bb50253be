import Alerts
import Domain
import HiringPulseTesting
import Testing

/// Whose jobs a feed lists: the feed's `company:`, the company a job names, or the board's name
/// in a company's own job-board URL.
@Suite struct FeedSourceEmployerTests {
    @Test func aBoardsNameIsFoundInItsAPIsURL() {
        #expect(FeedFormat.greenhouse.boardName(inURL: "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true") == "acme")
        #expect(FeedFormat.lever.boardName(inURL: "https://api.eu.lever.co/v0/postings/acme-eu?mode=json") == "acme-eu")
        #expect(FeedFormat.lever.boardName(inURL: "https://api.lever.co/v0/postings/acme") == "acme")
        #expect(
            FeedFormat.ashby.boardName(inURL: "https://api.ashbyhq.com/posting-api/job-board/Acme%20Robotics?includeCompensation=true")
                == "Acme Robotics")
        #expect(FeedFormat.ashby.boardName(inURL: "https://api.ashbyhq.com/posting-api/job-board/") == nil)
        #expect(FeedFormat.greenhouse.boardName(inURL: "https://example.com/careers.json") == nil)
        #expect(FeedFormat.remoteOK.boardName(inURL: "https://remoteok.com/api") == nil, "a feed of many companies")
    }

    @Test func theConfiguredCompanyWinsThenTheJobsThenTheBoards() {
        let lever = FeedSource(
            name: "acme-lever", format: .lever, url: "https://api.lever.co/v0/postings/acme?mode=json", interval: .seconds(3_600))
        #expect(Set(lever.parse(Array(JobBoardAnswers.lever.utf8)).items.map(\.posting.company)) == ["acme"])
        var named = lever
        named.company = "Acme Robotics"
        #expect(Set(named.parse(Array(JobBoardAnswers.lever.utf8)).items.map(\.posting.company)) == ["Acme Robotics"])
        let greenhouse = FeedSource(
            name: "acme-gh", format: .greenhouse, url: "https://boards-api.greenhouse.io/v1/boards/acmerobotics/jobs?content=true",
            interval: .seconds(3_600))
        let parsed = greenhouse.parse(Array(JobBoardAnswers.greenhouse.utf8))
        #expect(Set(parsed.items.map(\.posting.company)) == ["Acme Robotics"], "company_name over the board's name")
        #expect(Set(parsed.items.map(\.source)) == ["acme-gh"])
    }

    @Test func aFeedOfManyCompaniesKeepsEachJobsOwn() {
        let remoteOK = FeedSource(name: "remoteok", format: .remoteOK, url: "https://remoteok.com/api", interval: .seconds(3_600))
        let body = #"[{"legal": "terms"}, {"id": "1", "position": "Go Engineer", "company": "Hooli"}, {"id": "2", "position": "SRE"}]"#
        #expect(remoteOK.parse(Array(body.utf8)).items.map(\.posting.company) == ["Hooli", nil])
    }
}
