import Alerts
import Foundation
import Testing

@Suite struct FeedSourceStateTests {
    /// 2026-11-23 10:00 UTC, in Unix milliseconds.
    let start: Int64 = 1_795_428_000_000
    let interval: Duration = .seconds(15 * 60)

    func after(_ wait: Duration) -> Int64 { start + Int64(wait / .milliseconds(1)) }

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
        #expect(state.nextPollAt == after(interval))
        #expect(state.lastSuccessAt == start)
        #expect(!state.isDue(now: after(interval - .seconds(1))))
        #expect(state.isDue(now: after(interval)))
    }

    @Test func notModifiedKeepsTheValidatorsItDoesNotRepeat() {
        var state = FeedSourceState()
        state.recordSuccess(etag: "\"v1\"", lastModified: "Mon, 23 Nov 2026 09:58:00 GMT", now: start, interval: interval)
        // 304 without validators.
        state.recordSuccess(etag: nil, lastModified: nil, now: after(interval), interval: interval)
        #expect(state.etag == "\"v1\"")
        #expect(state.lastModified == "Mon, 23 Nov 2026 09:58:00 GMT")
        // 200 with a new ETag only.
        state.recordSuccess(etag: "\"v2\"", lastModified: "", now: after(interval * 2), interval: interval)
        #expect(headers(state) == ["If-None-Match: \"v2\"", "If-Modified-Since: Mon, 23 Nov 2026 09:58:00 GMT"])
    }

    @Test func failuresBackOffExponentiallyUpToSixHours() {
        var state = FeedSourceState()
        var waits: [Duration] = []
        for _ in 0..<8 {
            state.recordFailure(now: start, interval: interval, retryAfter: nil)
            waits.append(.milliseconds(state.nextPollAt! - start))
        }
        // 30 min, 1 h, 2 h, 4 h, then the 6-hour cap.
        #expect(waits == [1800, 3600, 7200, 14_400, 21_600, 21_600, 21_600, 21_600].map { .seconds($0) })
        #expect(state.consecutiveFailures == 8)
        #expect(state.lastFailureAt == start)
        #expect(!state.isDue(now: after(.seconds(21_599))))
        #expect(state.isDue(now: after(.seconds(21_600))))
    }

    @Test func aSuccessEndsTheBackoff() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        state.recordSuccess(etag: nil, lastModified: nil, now: start, interval: interval)
        #expect(state.consecutiveFailures == 0)
        state.recordFailure(now: start, interval: interval, retryAfter: nil)
        #expect(state.nextPollAt == after(interval * 2))
    }

    @Test func aLongerRetryAfterIsHonouredAndAShorterOneIsNot() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: interval, retryAfter: .seconds(2 * 60 * 60))
        #expect(state.nextPollAt == after(.seconds(2 * 60 * 60)))
        state.recordFailure(now: start, interval: interval, retryAfter: .seconds(60))
        #expect(state.nextPollAt == after(interval * 4))
        // Even past the cap: the server knows when it will be back.
        state.recordFailure(now: start, interval: interval, retryAfter: .seconds(12 * 60 * 60))
        #expect(state.nextPollAt == after(.seconds(12 * 60 * 60)))
    }

    @Test func aPollIntervalLongerThanTheCapIsNotShortenedByFailing() {
        var state = FeedSourceState()
        state.recordFailure(now: start, interval: .seconds(24 * 60 * 60), retryAfter: nil)
        #expect(state.nextPollAt == after(.seconds(24 * 60 * 60)))
    }

    @Test func theStateSurvivesEncoding() throws {
        var state = FeedSourceState()
        state.recordSuccess(etag: "\"abc\"", lastModified: nil, now: start, interval: interval)
        state.recordFailure(now: after(interval), interval: interval, retryAfter: nil)
        let decoded = try JSONDecoder().decode(FeedSourceState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }

    /// A state saved before times were Unix milliseconds: Foundation's default `Date` coding,
    /// seconds since 2001-01-01, with no `times` marker. It loads with the same instants, to the
    /// millisecond, and is saved again in the new form.
    @Test func aStateSavedWithFoundationDatesStillLoads() throws {
        // What the poller saved for `start`, `start + 15 min` and `start + 45 min + 0.25 s`.
        let saved = """
            {"etag":"\\"abc\\"","consecutiveFailures":1,"lastSuccessAt":817120800,"lastFailureAt":817121700,\
            "nextPollAt":817123500.25}
            """
        // The shape is Foundation's: a `Date` is written as its seconds since 2001-01-01.
        let foundation = try JSONEncoder().encode([
            Date(timeIntervalSince1970: 1_795_428_000), Date(timeIntervalSince1970: 1_795_430_700.25),
        ])
        #expect(String(decoding: foundation, as: UTF8.self) == "[817120800,817123500.25]")

        let state = try JSONDecoder().decode(FeedSourceState.self, from: Data(saved.utf8))
        #expect(state.etag == "\"abc\"" && state.lastModified == nil && state.consecutiveFailures == 1)
        #expect(state.lastSuccessAt == start)
        #expect(state.lastFailureAt == after(interval))
        #expect(state.nextPollAt == after(.milliseconds(2_700_250)))
        // Saved again, in Unix milliseconds, and read back as it is.
        let resaved = try JSONEncoder().encode(state)
        #expect(String(decoding: resaved, as: UTF8.self).contains("\"nextPollAt\":1795430700250"))
        #expect(try JSONDecoder().decode(FeedSourceState.self, from: resaved) == state)
        // A saved state with no times at all is the same in either form.
        #expect(try JSONDecoder().decode(FeedSourceState.self, from: Data(#"{"consecutiveFailures":0}"#.utf8)) == FeedSourceState())
    }
}
