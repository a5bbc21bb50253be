import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import Store
import Testing

@testable import Bot

/// Greenhouse, Lever and Ashby boards polled from the fake feed server at their APIs' own paths,
/// stored in a real SQLite file, and matched against alert profiles as `alerts test` would.
@Suite(.timeLimit(.minutes(1))) struct JobBoardFeedPollerTests {
    let directory: TemporaryDirectory
    let store: Store

    init() throws {
        directory = try TemporaryDirectory(prefix: "job-board-feeds")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
    }

    func poller(_ server: FakeFeedServer, _ feeds: [FeedSource]) -> FeedPoller {
        FeedPoller(
            feeds: feeds, store: store, fetcher: FeedFetcher(httpClient: server.httpClient, timeout: .seconds(30)),
            normalizer: { PostingNormalizer(catalog: try! CompanyCatalog([])) }, matcher: Wakeup(),
            logger: Logger(label: "test"))
    }

    /// The three boards, served only to requests that ask as the documentation says.
    func serveBoards(_ server: FakeFeedServer) async -> [FeedSource] {
        await server.feeds.set(
            path: JobBoardAnswers.greenhousePath, body: JobBoardAnswers.greenhouse, contentType: "application/json; charset=utf-8")
        await server.feeds.set(path: JobBoardAnswers.leverPath, body: JobBoardAnswers.lever, contentType: "application/json; charset=utf-8")
        await server.feeds.set(path: JobBoardAnswers.ashbyPath, body: JobBoardAnswers.ashby, contentType: "application/json; charset=utf-8")
        return [
            FeedSource(
                name: "acme-greenhouse", format: .greenhouse, url: server.url(JobBoardAnswers.greenhousePath), interval: .seconds(3_600)),
            FeedSource(
                name: "acme-lever", format: .lever, url: server.url(JobBoardAnswers.leverPath), interval: .seconds(3_600),
                company: "Acme Robotics"),
            FeedSource(name: "acme-ashby", format: .ashby, url: server.url(JobBoardAnswers.ashbyPath), interval: .seconds(3_600)),
        ]
    }

    @Test func eachBoardIsPolledStoredAndNormalized() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            let feeds = await serveBoards(server)
            let poller = poller(server, feeds)
            var reports: [FeedPollReport] = []
            for feed in feeds {
                var state = FeedSourceState()
                reports.append(await poller.pollOnce(feed, state: &state))
            }
            #expect(
                reports.map(\.outcome) == [
                    .fetched(items: 3, postings: 3, new: 3, skipped: []),
                    .fetched(items: 4, postings: 4, new: 4, skipped: []),
                    .fetched(items: 5, postings: 4, new: 4, skipped: []),
                ], "Ashby's unlisted job is not a posting")
            #expect(await server.feeds.requests(for: "/v0/postings/acme").map(\.query) == ["mode=json"])

            let stored = Dictionary(uniqueKeysWithValues: try await store.postings.list().map { ($0.posting.title ?? "", $0) })
            #expect(stored.count == 11)
            #expect(stored["Site Reliability Engineer"] == nil)

            let payments = try #require(stored["Senior Backend Engineer, Payments"])
            #expect(payments.source == "feed:acme-greenhouse" && payments.externalID == "4012345001")
            #expect(payments.posting.company == "Acme Robotics" && payments.posting.location == "New York, NY; San Francisco, CA")
            #expect(payments.posting.employmentType == .fullTime && payments.posting.remote == nil)
            #expect(payments.posting.description?.hasPrefix("Acme Robotics builds warehouse robots & the software that runs them.") == true)
            #expect(payments.posting.url == "https://job-boards.greenhouse.io/acme/jobs/4012345001")
            #expect(stored["Backend Engineer (Go)"]?.posting.remote == .yes, "from its location, Remote - US")

            let platform = try #require(stored["Backend Engineer - Platform"])
            #expect(platform.posting.company == "Acme Robotics", "the feed's company: Lever names none")
            #expect(platform.posting.remote == .yes && platform.posting.employmentType == .fullTime)
            #expect(platform.posting.salaryMin == 150_000 && platform.posting.salaryMax == 180_000 && platform.posting.currency == "USD")
            #expect(platform.postedAt == 1_793_718_000_000)
            #expect(platform.posting.url == "https://jobs.lever.co/acme/3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b/apply")
            let technician = try #require(stored["Robot Technician"])
            #expect(technician.posting.remote == .no && technician.posting.employmentType == .partTime)
            #expect(technician.posting.salaryMin == 58_240 && technician.posting.salaryMax == 70_720, "$28–34 an hour, by the year")
            let perception = try #require(stored["Software Engineer, Perception"])
            #expect(perception.posting.remote == .hybrid && perception.posting.currency == "EUR" && perception.posting.salaryMin == 70_000)

            let senior = try #require(stored["Senior Platform Engineer"])
            #expect(senior.posting.company == "acme", "Ashby names none either: the board's name")
            #expect(senior.posting.location == "Remote - US; Toronto" && senior.posting.remote == .yes)
            #expect(senior.posting.salaryMin == 160_000 && senior.posting.salaryMax == 200_000 && senior.posting.currency == "USD")
            let intern = try #require(stored["Machine Learning Intern"])
            #expect(intern.posting.employmentType == .internship && intern.posting.remote == .no)
            #expect(intern.posting.salaryMin == 93_600 && intern.posting.salaryMax == 114_400, "$45–55 an hour, by the year")
            #expect(stored["Technical Writer (Contract)"]?.posting.salaryMin == nil, "pay the company hides")
            #expect(stored["Backend Engineer, Billing"]?.posting.currency == "GBP")
        }
    }

    @Test func profilesMatchTheRightJobsOfEveryBoard() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            let feeds = await serveBoards(server)
            let poller = poller(server, feeds)
            for feed in feeds {
                var state = FeedSourceState()
                await poller.pollOnce(feed, state: &state)
            }
            let postings = try await store.postings.list()
            // A day after the newest posting, whenever the test runs.
            let now = (postings.map(\.postedAt).max() ?? 0) + 86_400_000
            func matches(_ profile: AlertProfile) -> Set<String> {
                Set(ProfileDryRun.matches(profile, in: postings, now: now).compactMap(\.posting.title))
            }
            let remoteBackend = AlertProfile(
                name: "remote-backend", remote: .required, includeKeywords: ["backend"], skills: ["go": 3, "postgresql": 1], threshold: 0.3)
            #expect(matches(remoteBackend) == ["Backend Engineer (Go)", "Backend Engineer - Platform", "Senior Platform Engineer"])
            let internships = AlertProfile(name: "internships", employmentTypes: [.internship], threshold: 0.3)
            #expect(
                matches(internships) == [
                    "Software Engineer Intern, Summer 2027", "Engineering Intern (Summer 2027)", "Machine Learning Intern",
                ])
            var wellPaid = AlertProfile(name: "well-paid", minimumSalary: 100_000, threshold: 0.3)
            wellPaid.companies = ["Acme Robotics"]
            // Lever's monthly intern pay is $84–90k a year, the technician's hourly pay $58–71k.
            #expect(
                matches(wellPaid) == [
                    "Senior Backend Engineer, Payments", "Backend Engineer (Go)", "Software Engineer Intern, Summer 2027",
                    "Backend Engineer - Platform",
                ])
        }
    }

    @Test func theFakeAnswersByQueryAsTheAPIsDo() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(
                path: "/v1/boards/acme/jobs?content=true", body: JobBoardAnswers.greenhouse, contentType: "application/json")
            let fetcher = FeedFetcher(httpClient: server.httpClient, timeout: .seconds(30))
            let unasked = await fetcher.fetch(url: server.url("/v1/boards/acme/jobs"), state: FeedSourceState())
            guard case .failed(let reason, _) = unasked else {
                Issue.record("expected a 404, got \(unasked)")
                return
            }
            #expect(reason.contains("404"))
            let asked = await fetcher.fetch(url: server.url("/v1/boards/acme/jobs?foo=1&content=true"), state: FeedSourceState())
            guard case .fetched(let body, _, _) = asked else {
                Issue.record("expected the board, got \(asked)")
                return
            }
            #expect(GreenhouseBoardFeed.parse(body, source: "acme").items.count == 3)
            #expect(await server.feeds.requests(for: "/v1/boards/acme/jobs").map(\.status) == [404, 200])
        }
    }
}
