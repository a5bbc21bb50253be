import Alerts
import ConfigFiles
import Foundation
import HiringPulseTesting
import Testing

/// `config/feeds.yaml`: feeds as configured, and every problem with its line.
@Suite struct FeedsFileTests {
    @Test func feedsAreReadWithTheirIntervals() throws {
        let feeds = try FeedsFile.load(
            yaml: """
                feeds:
                  - name: remoteok
                    format: remoteok
                    url: https://remoteok.com/api
                  - name: wwr-programming
                    format: rss
                    url: https://weworkremotely.com/categories/remote-programming-jobs.rss
                    interval_minutes: 15
                """, path: "feeds.yaml")
        #expect(
            feeds == [
                FeedSource(name: "remoteok", format: .remoteOK, url: "https://remoteok.com/api", interval: .seconds(3_600)),
                FeedSource(
                    name: "wwr-programming", format: .rss, url: "https://weworkremotely.com/categories/remote-programming-jobs.rss",
                    interval: .seconds(900)),
            ])
        #expect(try FeedsFile.load(yaml: "feeds: []", path: "feeds.yaml").isEmpty)
    }

    @Test func aCompanysBoardMayNameItsEmployer() throws {
        let feeds = try FeedsFile.load(
            yaml: """
                feeds:
                  - name: acme-lever
                    format: lever
                    url: https://api.lever.co/v0/postings/acme?mode=json
                    company: " Acme Robotics "
                  - name: acme-greenhouse
                    format: greenhouse
                    url: https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true
                """, path: "feeds.yaml")
        #expect(feeds.map(\.company) == ["Acme Robotics", nil])
        let error = #expect(throws: ConfigFileError.self) {
            try FeedsFile.load(
                yaml: """
                    feeds:
                      - name: acme-ashby
                        format: ashby
                        url: https://api.ashbyhq.com/posting-api/job-board/acme
                        company: ""
                      - name: acme-lever
                        format: lever
                        url: https://api.lever.co/v0/postings/acme
                        company: [Acme]
                    """, path: "feeds.yaml")
        }
        #expect(
            error?.lines == [
                "feeds.yaml:5: feed acme-ashby: company must be a name", "feeds.yaml:9: feed acme-lever: company must be a name",
            ])
    }

    @Test func theShippedFileAndItsExampleAreValid() throws {
        let shipped = try String(contentsOfFile: RepositoryFile.path("config/feeds.yaml"), encoding: .utf8)
        #expect(try FeedsFile.load(yaml: shipped, path: "config/feeds.yaml").isEmpty)
        let example = shipped.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("# ") && !$0.hasPrefix("#  ") || $0.hasPrefix("#   ") || $0.hasPrefix("#     ") }
            .drop { !$0.hasPrefix("# feeds:") }
            .map { String($0.dropFirst(2)) }.joined(separator: "\n")
        #expect(
            try FeedsFile.load(yaml: example, path: "example").map(\.name) == [
                "remoteok", "weworkremotely-programming", "simplify-new-grad", "acme-greenhouse", "acme-lever", "acme-ashby",
            ])
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let error = #expect(throws: ConfigFileError.self) {
            try FeedsFile.load(
                yaml: """
                    feeds:
                      - name: remoteok
                        format: atom-ish
                        url: ftp://example.com/feed
                      - name: remoteok
                        format: rss
                        url: https://example.com/rss
                        interval_minutes: 0
                        colour: blue
                      - name: "bad name!"
                    """, path: "feeds.yaml")
        }
        #expect(
            error?.lines == [
                "feeds.yaml:3: feed remoteok: format must be one of remoteok, rss, simplify, greenhouse, lever, ashby",
                "feeds.yaml:4: feed remoteok: url must be an http(s) URL",
                "feeds.yaml:5: feed remoteok: the name is used twice",
                "feeds.yaml:8: feed remoteok: interval_minutes must be at least 1",
                "feeds.yaml:9: feed remoteok: unknown key colour",
                "feeds.yaml:10: feeds[2]: a feed needs a name of letters, digits, - and _",
                "feeds.yaml:10: feeds[2]: format must be one of remoteok, rss, simplify, greenhouse, lever, ashby",
                "feeds.yaml:10: feeds[2]: url must be an http(s) URL",
            ])
    }

    /// A bad name used to end the checks of its entry: the format and the URL went unreported.
    @Test func aBadNameDoesNotHideTheEntrysOtherProblems() {
        let error = #expect(throws: ConfigFileError.self) {
            try FeedsFile.load(
                yaml: """
                    feeds:
                      - name: remote ok!
                        format: jsonfeed
                        url: ftp://example.com/jobs.json
                        interval_minutes: 30
                    jobs: []
                    """, path: "config/feeds.yaml")
        }
        #expect(
            error?.lines == [
                "config/feeds.yaml:2: feeds[0]: a feed needs a name of letters, digits, - and _",
                "config/feeds.yaml:3: feeds[0]: format must be one of remoteok, rss, simplify, greenhouse, lever, ashby",
                "config/feeds.yaml:4: feeds[0]: url must be an http(s) URL",
                "config/feeds.yaml:6: unknown key jobs",
            ])
    }
}
