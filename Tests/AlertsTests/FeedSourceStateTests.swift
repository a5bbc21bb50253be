import Alerts
import Foundation
import Testing

@Suite struct FeedSourceStateTests {
    let start = Date(timeIntervalSince1970: 1_795_428_000)
    let interval: TimeInterval = 15 * 60

    private func headers(_ state: FeedSourceState) -> [String] {
        state.requestHeaders().map { "\($0.0): \($0.1)" }
    }

    @Test func aNewFeedIsDueAtOnceWithoutValidators() {
        let state = FeedSourceState()
        #expect(state.isDue(now: start))
        #expect(state.requestHeaders().isEmpty)
        #expect(state.consecutiveFailures == 0)
    }

    @Test func aSuccessStoresTheValidatorsAndSchedulesTheNextPoll() {
        var state = FeedSourceState()
        state.recordSuccess(etag: "W/\"5f3a-1\"", lastModified: "Mon, 23 Nov 2026 09:58:00 GMT", now: start, interval: interval)
        #expect(headers(state) == ["If-None-Match: W/\"5f3a-1\"", "If-Modified-Since: Mon, 23 Nov 2026 09:58:00 GMT"])
        #expect(state.nextPollAt == start.addingTimeInterval(interval))
        #expect(state.lastSuccessAt == start)
        #expect(!state.isDue(now: start.addingTimeInterval(interval - 1)))
        #expect(state.isDue(now: start.addingTimeInterval(interval)))
    }

    @Test func notModifiedKeepsTheValidatorsItDoesNotRepeat() {
        var state = FeedSourceState()
        state.recordSuccess(etag: "\"v1\"", lastModified: "Mon, 23 Nov 2026 09:58:00 GMT", now: start, interval: interval)
        // 304 without validators.
        state.recordSuccess(etag: nil, lastModified: nil, now: start.addingTimeInterval(interval), interval: interval)
        #expect(state.etag == "\"v1\"")
        #expect(state.lastModified == "Mon, 23 Nov 2026 09:58:00 GMT")
        // 200 with a new ETag only.
        state.recordSuccess(etag: "\"v2\"", lastModified: "", now: start.addingTimeInterval(2 * interval), interval: interval)
        #expect(headers(state) == ["If-None-Match: \"v2\"", "If-Modified-Since: Mon, 23 Nov 2026 09:58:00 GMT"])
    }

    @Test func failuresBackOffExponentiallyUpToSixHours() {
        var state = FeedSourceState()
        var waits: [TimeInterval] = []
        for _ in 0..<8 {
            state.recordFailure(now: start, interval: interval, retryAfter: nil)
            waits.append(state.nextPollAt!.timeIntervalSince(start))
        }
        // 30 min, 1 h, 2 h, 4 h, then the 6-hour cap.
        #expect(waits == [1800, 3600, 7200, 14_400, 21_600, 21_600, 21_600, 21_600])
        #expect(state.consecutiveFailures == 8)
        #expect(state.lastFailureAt == start)
        #expect(!state.isDue(now: start.addingTimeInterval(21_599)))
        #expect(state.isDue(now: start.addingTimeInterval(21_600)))
    }

    @Test func aSuccessEndsTheBackoff() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        state.recordSuccess(etag: nil, lastModified: nil, now: start, interval: interval)
        #expect(state.consecutiveFailures == 0)
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        #expect(state.nextPollAt == start.addingTimeInterval(2 * interval))
    }

    @Test func aLongerRetryAfterIsHonouredAndAShorterOneIsNot() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: interval, retryAfter: 2 * 60 * 60)
        #expect(state.nextPollAt == start.addingTimeInterval(2 * 60 * 60))
        state.recordFailure(now: start, interval: interval, retryAfter: 60)
        #expect(state.nextPollAt == start.addingTimeInterval(4 * interval))
        // Even past the cap: the server knows when it will be back.
        state.recordFailure(now: start, interval: interval, retryAfter: 12 * 60 * 60)
        #expect(state.nextPollAt == start.addingTimeInterval(12 * 60 * 60))
    }

    @Test func aPollIntervalLongerThanTheCapIsNotShortenedByFailing() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: 24 * 60 * 60, retryAfter: nil)
        #expect(state.nextPollAt == start.addingTimeInterval(24 * 60 * 60))
    }

    @Test func theStateSurvivesEncoding() throws {
        var state = FeedSourceState()
        state.recordSuccess(etag: "\"abc\"", lastModified: nil, now: start, interval: interval)
        state.recordFailure(now: start.addingTimeInterval(interval), interval: interval, retryAfter: nil)
        let decoded = try JSONDecoder().decode(FeedSourceState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }
}
