import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// `hiringpulse feeds check` and `feeds poll`, run as a user runs them against the fake feed
/// server, with no DISCORD_TOKEN in the environment.
@Suite(.serialized, .timeLimit(.minutes(2))) struct FeedsCommandTests {
    /// Two feeds as they should be, an HTML page where RSS was expected, and Simplify's listings
    /// configured as RemoteOK. The RemoteOK URL carries a key that must never be printed.
    static func feedsFile(_ server: FakeFeedServer) -> String {
        """
        feeds:
          - name: remoteok
            format: remoteok
            url: \(server.url("/api?api_key=feed-secret"))
          - name: simplify-new-grad
            format: simplify
            url: \(server.url("/listings.json"))
            interval_minutes: 180
          - name: wwr-programming
            format: rss
            url: \(server.url("/categories/remote-programming-jobs.rss"))
          - name: misconfigured
            format: remoteok
            url: \(server.url("/other/listings.json"))
        """
    }

    static func serve(_ server: FakeFeedServer) async {
        await server.feeds.set(path: "/api", body: FeedFixtures.remoteOK(), contentType: "application/json")
        await server.feeds.set(path: "/listings.json", body: FeedFixtures.simplifyListings, contentType: "text/plain; charset=utf-8")
        await server.feeds.set(
            path: "/categories/remote-programming-jobs.rss", body: FeedFixtures.challengePage, contentType: "text/html; charset=UTF-8")
        await server.feeds.set(path: "/other/listings.json", body: FeedFixtures.simplifyListings, contentType: "text/plain; charset=utf-8")
    }

    static func withFeeds(_ body: @Sendable (CommandLineRunner, FakeFeedServer) async throws -> Void) async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeFeedServer.withRunning { server in
            try feedsFile(server).write(toFile: cli.directory.file("config/feeds.yaml"), atomically: true, encoding: .utf8)
            await serve(server)
            try await body(cli, server)
        }
    }

    @Test func checkSaysPerFeedWhatItWouldGiveAndStoresNothing() async throws {
        try await Self.withFeeds { cli, server in
            let host = "127.0.0.1:\(server.port)"
            let result = try await cli.run(["feeds", "check"])
            #expect(result.status == 1, "an HTML page and a misconfigured format fail the check")
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            #expect(
                result.stdoutLines == [
                    "feed remoteok (remoteok at \(host)): ok",
                    "  format: remoteok, as configured",
                    "  items: 4, would-be postings: 4, skipped: 1",
                    "    1 × no position (item 5)",
                    "feed simplify-new-grad (simplify at \(host)): ok",
                    "  format: simplify, as configured",
                    "  items: 5, would-be postings: 3 (2 closed), skipped: 1",
                    "    1 × no title (item 4)",
                    "feed wwr-programming (rss at \(host)): FAILED",
                    "  format: looks like an HTML page, configured as rss",
                    "  error: got an HTML page, not a feed",
                    "feed misconfigured (remoteok at \(host)): FAILED",
                    "  format: looks like simplify, configured as remoteok",
                    "  error: this looks like a simplify feed, not remoteok",
                    "checked 4 feeds: 2 ok, 2 with problems; nothing was stored",
                ])
            #expect(!result.stdout.contains("feed-secret"))
            // Fetched once each, without validators, and nothing written: not even a database.
            let requests = await server.feeds.requests
            #expect(requests.count == 4 && requests.allSatisfy { $0.ifNoneMatch == nil && $0.ifModifiedSince == nil })
            #expect(!FileManager.default.fileExists(atPath: cli.directory.file("data/hiringpulse.sqlite")))
        }
    }

    @Test func checkOfOneGoodFeedSucceedsAndSpeaksJSONLines() async throws {
        try await Self.withFeeds { cli, server in
            let one = try await cli.run(["feeds", "check", "simplify-new-grad"])
            #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
            #expect(one.stdoutLines.first == "feed simplify-new-grad (simplify at 127.0.0.1:\(server.port)): ok")
            #expect(one.stdoutLines.last == "checked 1 feed: 1 ok, 0 with problems; nothing was stored")

            let json = try await cli.run(["feeds", "check", "--json"])
            #expect(json.status == 1)
            let lines = try json.stdoutLines.map(JSONParser.parse)
            try #require(lines.count == 4)
            #expect(
                lines[0].serialized == #"""
                    {"feed":"remoteok","format":"remoteok","host":"127.0.0.1:\#(server.port)","status":"ok","detected":"remoteok",\#
                    "items":4,"postings":4,"closed":0,"skipped":1,"skipped_reasons":[{"reason":"no position","count":1,"examples":[5]}],"error":null}
                    """#)
            #expect(lines[2]["status"] == .string("failed") && lines[2]["detected"] == .string("html"))
            #expect(lines[2]["error"] == .string("got an HTML page, not a feed"))
            #expect(lines[3]["detected"] == .string("simplify"))
        }
    }

    @Test func aFeedThatCannotBeFetchedIsOneLineAndAnUnknownNameIsRefused() async throws {
        try await Self.withFeeds { cli, server in
            await server.feeds.failNext("/api", .status(503, retryAfter: "120"))
            let result = try await cli.run(["feeds", "check", "remoteok"])
            #expect(result.status == 1)
            #expect(
                result.stdoutLines == [
                    "feed remoteok (remoteok at 127.0.0.1:\(server.port)): FAILED",
                    "  error: HTTP 503 from feed host 127.0.0.1:\(server.port)",
                    "checked 1 feed: 0 ok, 1 with problems; nothing was stored",
                ])

            let unknown = try await cli.run(["feeds", "check", "weworkremotely"])
            #expect(unknown.status == 1 && unknown.stdout.isEmpty)
            #expect(
                unknown.stderr
                    == "hiringpulse: no feed named weworkremotely in config/feeds.yaml; it has remoteok, simplify-new-grad, wwr-programming, misconfigured\n"
            )
        }
    }

    @Test func pollStoresNewPostingsOnceAndKeepsTheFeedsValidators() async throws {
        try await Self.withFeeds { cli, server in
            let first = try await cli.run(["feeds", "poll", "remoteok"])
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(
                first.stdoutLines == [
                    "feed remoteok: 4 new postings stored; items: 4, postings: 4, skipped: 1",
                    "    1 × no position (item 5)",
                    "polled 1 feed: 4 new postings stored, 0 failed",
                    "the daemon (hiringpulse run) matches new postings against the alert profiles: within seconds while it runs, else at its next start",
                ])
            #expect(!first.stdout.contains("feed-secret") && !first.stderr.contains("feed-secret"))

            let both = try await cli.run(["feeds", "poll", "remoteok"])
            #expect(both.stdoutLines.first == "feed remoteok: not modified since the last poll", "the stored ETag was sent")
            let requests = await server.feeds.requests(for: "/api")
            #expect(requests.count == 2 && requests[1].status == 304 && requests[1].ifNoneMatch != nil)

            // A changed body with the same jobs: read again, nothing new.
            await server.feeds.set(path: "/api", body: FeedFixtures.remoteOK(lastUpdated: 1_795_700_000), contentType: "application/json")
            let again = try await cli.run(["feeds", "poll"])
            #expect(again.status == 1, "two feeds of the file fail")
            #expect(
                again.stdoutLines == [
                    "feed remoteok: 0 new postings stored; items: 4, postings: 4, skipped: 1",
                    "    1 × no position (item 5)",
                    "feed simplify-new-grad: 3 new postings stored; items: 5, postings: 3, skipped: 1",
                    "    1 × no title (item 4)",
                    "feed wwr-programming: FAILED: got an HTML page, not a feed",
                    "feed misconfigured: FAILED: this looks like a simplify feed, not remoteok",
                    "polled 4 feeds: 3 new postings stored, 2 failed",
                    "the daemon (hiringpulse run) matches new postings against the alert profiles: within seconds while it runs, else at its next start",
                ])

            let export = try await cli.run(["postings", "export", "--format", "jsonl"])
            #expect(export.status == 0, "\(export.stderr)")
            let postings = try export.stdoutLines.map(JSONParser.parse)
            #expect(
                postings.compactMap { $0["source"]?.stringValue }.sorted()
                    == Array(repeating: "feed:remoteok", count: 4) + Array(repeating: "feed:simplify-new-grad", count: 3))
            #expect(
                postings.compactMap { $0["title"]?.stringValue }.sorted() == [
                    "Frontend Developer (React)", "Python Data Engineer", "Senior Backend Engineer (Go)", "Software Engineer I - Backend",
                    "Software Engineer, Early Career", "Software Engineer, New Grad", "Staff Site Reliability Engineer",
                ])

            // The matcher's place was fixed before the first poll: these postings are news to it.
            let store = try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
            #expect(try await store.outbox.matchedThrough() == 0)

            let json = try await cli.run(["feeds", "poll", "remoteok", "--json"])
            #expect(json.stdout == #"{"feed":"remoteok","status":"not_modified"}"# + "\n")
        }
    }
}
