import Alerts
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import Store
import Testing

@testable import Bot

/// One poll of a feed at a time, against the fake feed server and a real SQLite file: what is
/// stored, what is skipped, and what the feed's state says about the next poll.
@Suite(.timeLimit(.minutes(1))) struct FeedPollerTests {
    let directory: TemporaryDirectory
    let store: Store

    init() throws {
        directory = try TemporaryDirectory(prefix: "feed-poller")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
    }

    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Remote Programming Jobs</title>
        <item><title>Acme: Senior Go Engineer</title><region>Anywhere in the World</region><category>Programming</category>
          <link>https://weworkremotely.com/remote-jobs/acme-senior-go-engineer</link><pubDate>\(Self.now)</pubDate>
          <description>&lt;p&gt;Build &lt;b&gt;Go&lt;/b&gt; services on Postgres. Caf\u{00C3}\u{00A9} included.&lt;/p&gt;</description></item>
        <item><title></title><link>https://weworkremotely.com/remote-jobs/nothing</link></item>
        </channel></rss>
        """

    static var now: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }

    func poller(_ server: FakeFeedServer, _ feed: FeedSource, matcher: Wakeup = Wakeup()) -> FeedPoller {
        FeedPoller(
            feeds: [feed], store: store, fetcher: FeedFetcher(httpClient: server.httpClient, timeout: .seconds(30)),
            normalizer: { PostingNormalizer(catalog: try! CompanyCatalog([])) }, matcher: matcher,
            logger: Logger(label: "test"))
    }

    @Test func aFeedIsStoredOnceAndAskedAgainConditionally() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "/wwr.rss", body: Self.rss, contentType: "application/rss+xml")
            let feed = FeedSource(name: "wwr", format: .rss, url: server.url("/wwr.rss"), interval: .seconds(900))
            let poller = poller(server, feed)
            var state = FeedSourceState()
            await poller.pollOnce(feed, state: &state)
            let stored = try await store.postings.list()
            #expect(stored.count == 1, "the item without a title is not a job")
            let first = try #require(stored.first)
            let posting = first.posting
            #expect(first.source == "feed:wwr" && posting.company == "Acme" && posting.title == "Senior Go Engineer")
            #expect(posting.remote == .yes && posting.seniority == .senior && posting.skills == ["go", "postgresql"])
            #expect(posting.description == "Build Go services on Postgres. Café included.", "HTML made plain, mojibake repaired")
            #expect(state.etag != nil && state.consecutiveFailures == 0)
            #expect(state.nextPollAt.map { $0 - Timestamp.now() > 800_000 } == true)

            await poller.pollOnce(feed, state: &state)
            let second = try #require(await server.feeds.requests(for: "/wwr.rss").last)
            #expect(second.status == 304 && second.ifNoneMatch == state.etag)
            #expect(try await store.postings.list().count == 1)
        }
    }

    @Test func aBrokenFeedIsSkippedAndBacksOffWithoutLosingWhatItHad() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(
                path: "/api", body: "[{\"legal\": \"terms\"}, {\"id\": \"1\", \"position\": ", contentType: "application/json")
            let feed = FeedSource(name: "remoteok", format: .remoteOK, url: server.url("/api"), interval: .seconds(600))
            let poller = poller(server, feed)
            var state = FeedSourceState(etag: "\"old\"")
            await poller.pollOnce(feed, state: &state)
            let stored = try await store.postings.list()
            #expect(stored.isEmpty)
            #expect(state.consecutiveFailures == 1 && state.etag == "\"old\"", "the broken body's validators are not kept")
            #expect(state.nextPollAt.map { $0 - Timestamp.now() > 1_100_000 } == true, "backed off past the interval")

            await server.feeds.failNext("/api", .status(503, retryAfter: "3600"))
            await poller.pollOnce(feed, state: &state)
            #expect(state.consecutiveFailures == 2 && state.nextPollAt.map { $0 - Timestamp.now() > 3_500_000 } == true)
        }
    }

    /// A feed's state saved before times were Unix milliseconds (Foundation's default `Date`
    /// coding) is read, not dropped as unreadable: the next poll sends its validator, and the
    /// state is saved again in Unix milliseconds.
    @Test func aStateSavedWithFoundationDatesIsReadOnStart() async throws {
        defer { directory.remove() }
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "/wwr.rss", body: Self.rss, contentType: "application/rss+xml")
            let feed = FeedSource(name: "wwr", format: .rss, url: server.url("/wwr.rss"), interval: .seconds(900))
            // As the poller wrote it after two failures at 2026-11-23 10:00 UTC.
            try await store.setSetting(
                "feed_state:wwr",
                to: """
                    {"url":"\(feed.url)","state":{"etag":"\\"legacy-tag\\"","consecutiveFailures":2,\
                    "lastFailureAt":817120800,"nextPollAt":817122600}}
                    """)
            let report = await poller(server, feed).pollNow(feed)
            guard case .fetched(_, _, let new, _) = report.outcome else {
                Issue.record("the poll should read the feed: \(report.outcome)")
                return
            }
            #expect(new == 1)
            #expect(await server.feeds.requests(for: "/wwr.rss").map(\.ifNoneMatch) == ["\"legacy-tag\""])
            let saved = try await #require(try store.setting("feed_state:wwr"))
            #expect(saved.contains("\"times\":\"unix_ms\"") && saved.contains("\"consecutiveFailures\":0"), "\(saved)")
        }
    }
}
