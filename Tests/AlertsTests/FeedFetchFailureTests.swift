import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import Alerts

/// The wording of fetch failures, which must name the host and nothing else of the URL.
@Suite struct FeedFetchFailureTests {
    @Test func theHostIsAllAReasonSaysOfAURL() {
        #expect(FeedFetchFailure.host(of: "https://remoteok.com/api?api_key=SECRET") == "remoteok.com")
        #expect(FeedFetchFailure.host(of: "https://user:SECRET@example.com:8443/feed#frag") == "example.com:8443")
        #expect(FeedFetchFailure.host(of: "http://[::1]:8080/feed") == "[::1]:8080")
        #expect(FeedFetchFailure.host(of: "HTTPS://Example.com/feed") != nil)
        for invalid in ["ftp://example.com/feed", "/relative/feed.json", "not a url", "https:///nohost", ""] {
            #expect(FeedFetchFailure.host(of: invalid) == nil, "\(invalid)")
        }
    }

    @Test func errorsAreDescribedByTheirKind() {
        let timeout = Duration.seconds(30)
        #expect(
            FeedFetchFailure.reason(for: HTTPClientError.deadlineExceeded, host: "a.example", timeout: timeout)
                == "feed host a.example did not answer within 30 s")
        #expect(
            FeedFetchFailure.reason(for: HTTPClientError.remoteConnectionClosed, host: "a.example", timeout: timeout)
                == "feed host a.example closed the connection before answering")
        #expect(
            FeedFetchFailure.reason(for: IOError(errnoCode: ECONNREFUSED, reason: "connect"), host: "a.example", timeout: timeout)
                == "could not connect to feed host a.example (connection refused)")
        #expect(
            FeedFetchFailure.reason(for: CancellationError(), host: "a.example", timeout: timeout)
                == "fetch from feed host a.example was cancelled")
    }

    @Test func sizesAndDurationsReadNaturally() {
        #expect(FeedFetchFailure.text(bytes: 10 << 20) == "10 MiB")
        #expect(FeedFetchFailure.text(bytes: 16 << 10) == "16 KiB")
        #expect(FeedFetchFailure.text(bytes: 1500) == "1500 bytes")
        #expect(FeedFetchFailure.text(.seconds(30)) == "30 s")
        #expect(FeedFetchFailure.text(.milliseconds(1500)) == "1.5 s")
        #expect(FeedFetchFailure.text(.milliseconds(300)) == "300 ms")
    }
}
