import Alerts
import Domain
import Foundation
import HiringPulseTesting
import Testing

/// `FeedFetcher` against a loopback feed host that speaks HTTP conditional requests and misbehaves
/// on cue.
@Suite(.timeLimit(.minutes(1))) struct FeedFetcherTests {
    static let remoteOK = #"""
        [
          {"last_updated": 1795428007, "legal": "API Terms of Service"},
          {"id": "1129384", "epoch": 1795428007, "company": "Acme Robotics", "position": "Senior Backend Engineer",
           "tags": ["golang"], "location": "Worldwide", "url": "https://remoteok.com/remote-jobs/1129384"}
        ]
        """#
    static let rss = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Jobs</title>
          <item><title>Acme Robotics: Senior Backend Engineer</title>
            <link>https://weworkremotely.com/remote-jobs/acme</link>
            <pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate></item>
        </channel></rss>
        """#
    /// 2026-11-23 10:00 UTC, in Unix milliseconds.
    let now: Int64 = 1_795_428_000_000
    let interval: Duration = .seconds(15 * 60)

    @Test func aSecondPollIsConditionalAndNotModified() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            var state = FeedSourceState()
            guard case .fetched(let body, let etag, let lastModified) = await fetcher.fetch(url: server.url("remoteok.json"), state: state)
            else {
                Issue.record("the first poll should fetch the feed")
                return
            }
            #expect(body == Array(Self.remoteOK.utf8))
            let servedTag = await server.feeds.etag(path: "remoteok.json")
            let servedDate = await server.feeds.lastModified(path: "remoteok.json")
            #expect(etag != nil && etag == servedTag)
            #expect(lastModified != nil && lastModified == servedDate)
            #expect(FeedFormat.remoteOK.parse(body, source: "remoteok").items.count == 1)
            state.recordSuccess(etag: etag, lastModified: lastModified, now: now, interval: interval)

            let second = await fetcher.fetch(url: server.url("remoteok.json"), state: state)
            #expect(second == .notModified(etag: etag, lastModified: lastModified))
            let requests = await server.feeds.requests
            #expect(requests.map(\.status) == [200, 304])
            #expect(requests[0].ifNoneMatch == nil && requests[0].ifModifiedSince == nil)
            #expect(requests[1].ifNoneMatch == etag && requests[1].ifModifiedSince == lastModified)
            #expect(requests[0].userAgent == "HiringPulse/1.0 (+job alerts)")
            #expect(requests[0].accept?.contains("application/json") == true && requests[0].accept?.contains("application/rss+xml") == true)
        }
    }

    @Test func changedContentIsFetchedAgain() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "jobs.rss", body: Self.rss, contentType: "application/rss+xml")
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            var state = FeedSourceState()
            guard case .fetched(_, let firstTag, let firstDate) = await fetcher.fetch(url: server.url("jobs.rss"), state: state) else {
                Issue.record("the first poll should fetch the feed")
                return
            }
            state.recordSuccess(etag: firstTag, lastModified: firstDate, now: now, interval: interval)
            let changed = Self.rss.replacingOccurrences(of: "Senior", with: "Staff")
            await server.feeds.set(path: "jobs.rss", body: changed, contentType: "application/rss+xml")
            guard case .fetched(let body, let etag, let lastModified) = await fetcher.fetch(url: server.url("jobs.rss"), state: state)
            else {
                Issue.record("changed content should be fetched")
                return
            }
            #expect(body == Array(changed.utf8))
            #expect(etag != firstTag)
            #expect(lastModified != firstDate)
            #expect(FeedFormat.rss.parse(body, source: "wwr").items.first?.posting.title?.contains("Staff") == true)
        }
    }

    @Test func aHostWithoutETagsIsAskedIfModifiedSince() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "listings.json", body: "[]", contentType: "application/json", sendsETag: false)
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            var state = FeedSourceState()
            guard case .fetched(_, nil, let lastModified?) = await fetcher.fetch(url: server.url("listings.json"), state: state) else {
                Issue.record("the first poll should fetch the feed with a Last-Modified only")
                return
            }
            state.recordSuccess(etag: nil, lastModified: lastModified, now: now, interval: interval)
            #expect(
                await fetcher.fetch(url: server.url("listings.json"), state: state) == .notModified(etag: nil, lastModified: lastModified))
            await server.feeds.set(path: "listings.json", body: "[ ]", contentType: "application/json", sendsETag: false)
            guard case .fetched(let body, _, let newer?) = await fetcher.fetch(url: server.url("listings.json"), state: state) else {
                Issue.record("content changed within the same second should still be fetched")
                return
            }
            #expect(body == Array("[ ]".utf8))
            #expect(newer != lastModified)
            #expect(await server.feeds.requests.map(\.ifModifiedSince) == [nil, lastModified, lastModified])
        }
    }

    @Test func aServerErrorFailsAndBacksOff() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            await server.feeds.failNext("remoteok.json", .status(500))
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            var state = FeedSourceState()
            let outcome = await fetcher.fetch(url: server.url("remoteok.json"), state: state)
            #expect(outcome == .failed(reason: "HTTP 500 from feed host 127.0.0.1:\(server.port)", retryAfter: nil))
            state.recordFailure(now: now, interval: interval, retryAfter: nil)
            #expect(state.consecutiveFailures == 1)
            #expect(state.nextPollAt == now + 2 * 15 * 60_000)
            guard case .fetched = await fetcher.fetch(url: server.url("remoteok.json"), state: state) else {
                Issue.record("the next poll should succeed")
                return
            }
        }
    }

    @Test func rateLimitsCarryTheServersWait() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            await server.feeds.failNext("remoteok.json", .rateLimited(retryAfter: "120"))
            await server.feeds.failNext("remoteok.json", .status(503, retryAfter: FakeFeedServer.httpDate(Date().addingTimeInterval(600))))
            await server.feeds.failNext("remoteok.json", .status(500, retryAfter: "30"))
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            let host = "127.0.0.1:\(server.port)"

            let limited = await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState())
            #expect(limited == .failed(reason: "HTTP 429 from feed host \(host)", retryAfter: .seconds(120)))
            var state = FeedSourceState()
            state.recordFailure(now: now, interval: .seconds(60), retryAfter: .seconds(120))
            #expect(state.nextPollAt == now + 120_000)

            guard case .failed(let reason, let wait?) = await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState())
            else {
                Issue.record("a 503 with a Retry-After date should carry the wait")
                return
            }
            #expect(reason == "HTTP 503 from feed host \(host)")
            // Measured from the response's `Date`, in whole seconds; the date was scripted ten minutes
            // ahead. A loaded machine may take a while to get here, and the server's cached `Date`
            // may lag behind by as long: about ten minutes, either way.
            #expect((Duration.seconds(300)...Duration.seconds(900)).contains(wait))
            // Retry-After means something on 429 and 503 only.
            let plain = await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState())
            #expect(plain == .failed(reason: "HTTP 500 from feed host \(host)", retryAfter: nil))
        }
    }

    /// A host whose clock is an hour slow still means ten minutes by "Retry-After: <its now + 10
    /// min>": the wait is counted from the answer's own `Date`, not from our clock, which would
    /// make it no wait at all.
    @Test func aRetryAfterDateIsCountedOnTheServersClock() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.setClockSkew(seconds: -3_600)
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            let serverNow = await server.feeds.now()
            await server.feeds.failNext(
                "remoteok.json", .status(503, retryAfter: FakeFeedServer.httpDate(serverNow.addingTimeInterval(600))))
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            guard case .failed(_, let wait?) = await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState()) else {
                Issue.record("a 503 with a Retry-After date should carry the wait")
                return
            }
            // Whole seconds on both headers, and the time it took to answer.
            #expect((Duration.seconds(580)...Duration.seconds(601)).contains(wait))
        }
    }

    @Test func aSlowHostTimesOutQuickly() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            await server.feeds.failNext("remoteok.json", .slow(.seconds(10)))
            await server.feeds.failNext("remoteok.json", .stalledBody(.seconds(10)))
            let fetcher = FeedFetcher(httpClient: server.httpClient, timeout: .milliseconds(300))
            let expected = FeedFetchOutcome.failed(
                reason: "feed host 127.0.0.1:\(server.port) did not answer within 300 ms", retryAfter: nil)
            for _ in 0..<2 {
                // The deadline's reason, not the server's answer ten seconds later.
                #expect(await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState()) == expected)
            }
        }
    }

    @Test func aBodyOverTheCapFailsWithOrWithoutALength() async throws {
        try await FakeFeedServer.withRunning { server in
            let big = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
            await server.feeds.set(path: "announced.json", bytes: big, contentType: "application/json")
            await server.feeds.set(path: "streamed.json", bytes: big, contentType: "application/json", chunked: true)
            await server.feeds.set(path: "small.json", bytes: Array(big.prefix(16 << 10)), contentType: "application/json", chunked: true)
            let fetcher = FeedFetcher(httpClient: server.httpClient, maximumBodySize: 16 << 10)
            let expected = FeedFetchOutcome.failed(reason: "feed from 127.0.0.1:\(server.port) is larger than 16 KiB", retryAfter: nil)
            #expect(await fetcher.fetch(url: server.url("announced.json"), state: FeedSourceState()) == expected)
            #expect(await fetcher.fetch(url: server.url("streamed.json"), state: FeedSourceState()) == expected)
            guard case .fetched(let body, _, _) = await fetcher.fetch(url: server.url("small.json"), state: FeedSourceState()) else {
                Issue.record("a body exactly at the cap should be fetched")
                return
            }
            #expect(body.count == 16 << 10)
        }
    }

    @Test func aBrokenBodyIsFetchedAndFailsToParse() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "remoteok.json", body: Self.remoteOK, contentType: "application/json")
            await server.feeds.set(path: "jobs.rss", body: Self.rss, contentType: "application/rss+xml")
            await server.feeds.failNext("remoteok.json", .brokenBody)
            await server.feeds.failNext("jobs.rss", .brokenBody)
            let fetcher = FeedFetcher(httpClient: server.httpClient)
            for (path, format) in [("remoteok.json", FeedFormat.remoteOK), ("jobs.rss", .rss)] {
                guard case .fetched(let body, let etag, _) = await fetcher.fetch(url: server.url(path), state: FeedSourceState()) else {
                    Issue.record("a truncated body is still a 200")
                    continue
                }
                let parsed = format.parse(body, source: path)
                #expect(parsed.error != nil, "\(path) should not parse")
                #expect(parsed.items.isEmpty)
                // Its validators are the broken body's, so a conditional GET brings the whole feed.
                var state = FeedSourceState()
                state.recordSuccess(etag: etag, lastModified: nil, now: now, interval: interval)
                guard case .fetched(let whole, _, _) = await fetcher.fetch(url: server.url(path), state: state) else {
                    Issue.record("the next poll should fetch the whole feed")
                    continue
                }
                #expect(format.parse(whole, source: path).error == nil)
            }
        }
    }

    @Test func reasonsNeverQuoteTheQuery() async throws {
        try await FakeFeedServer.withRunning { server in
            await server.feeds.set(path: "feed.json", body: Self.remoteOK, contentType: "application/json")
            await server.feeds.set(path: "big.json", bytes: Array(repeating: 32, count: 4096), contentType: "application/json")
            await server.feeds.failNext("feed.json", .status(500))
            await server.feeds.failNext("feed.json", .rateLimited(retryAfter: "5"))
            await server.feeds.failNext("feed.json", .slow(.seconds(10)))
            // Long enough for a loaded machine to answer the others, short of the slow one's ten seconds.
            let fetcher = FeedFetcher(httpClient: server.httpClient, timeout: .seconds(3), maximumBodySize: 1024)
            let urls = [
                server.url("feed.json?api_key=SECRET"), server.url("feed.json?api_key=SECRET"), server.url("feed.json?api_key=SECRET"),
                server.url("big.json?api_key=SECRET"), server.url("missing.json?api_key=SECRET"),
                "http://user:SECRET@127.0.0.1:1/feed.json?api_key=SECRET", "ftp://example.com/feed?api_key=SECRET", "not a url SECRET",
            ]
            var reasons: [String] = []
            for url in urls {
                guard case .failed(let reason, _) = await fetcher.fetch(url: url, state: FeedSourceState()) else {
                    Issue.record("every one of these fails")
                    continue
                }
                reasons.append(reason)
                #expect(!reason.contains("SECRET") && !reason.contains("api_key") && !reason.contains("user"), "\(reason)")
                #expect(!reason.contains("\n"))
            }
            #expect(reasons.contains("HTTP 404 from feed host 127.0.0.1:\(server.port)"))
            #expect(reasons.contains("feed URL is not an absolute http(s) URL with a host"))
            // The key did reach the host: only the reasons leave it out.
            #expect(await server.feeds.requests(for: "feed.json").allSatisfy { $0.query == "api_key=SECRET" })
        }
    }

    @Test func aClosedPortFailsWithinTheTimeout() async {
        let fetcher = FeedFetcher(timeout: .milliseconds(500))
        // An address, and a name that resolves (NIO then wraps one failure per address tried).
        for host in ["127.0.0.1:1", "localhost:1"] {
            let outcome = await fetcher.fetch(url: "http://\(host)/feed.json?api_key=SECRET", state: FeedSourceState())
            #expect(outcome == .failed(reason: "could not connect to feed host \(host) (connection refused)", retryAfter: nil))
        }
    }
}
