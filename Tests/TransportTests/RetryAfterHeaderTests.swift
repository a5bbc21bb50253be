import NIOHTTP1
import Testing
import Transport

/// Every client (feeds, Slack, Discord, LLM servers) reads a response's wait through this.
@Suite struct RetryAfterHeaderTests {
    @Test func anHTTPDateCountsFromTheResponsesOwnDate() {
        // The server's clock is 1994; ours is not: the wait is still the 90 s the server meant.
        let headers = HTTPHeaders([("Retry-After", "Sun, 06 Nov 1994 08:51:07 GMT"), ("Date", "Sun, 06 Nov 1994 08:49:37 GMT")])
        #expect(headers.retryAfterSeconds == 90)
    }

    @Test func secondsNeedNoDate() {
        #expect(HTTPHeaders([("Retry-After", "0.3")]).retryAfterSeconds == 0.3)
        #expect(HTTPHeaders([("retry-after", "120")]).retryAfterSeconds == 120)
    }

    @Test func aDateInThePastOfOurClockIsNoWait() {
        #expect(HTTPHeaders([("Retry-After", "Sun, 06 Nov 1994 08:51:07 GMT")]).retryAfterSeconds == 0)
    }

    @Test func noHeaderOrNonsenseIsNoWait() {
        #expect(HTTPHeaders().retryAfterSeconds == nil)
        #expect(HTTPHeaders([("Retry-After", "soon")]).retryAfterSeconds == nil)
    }
}
