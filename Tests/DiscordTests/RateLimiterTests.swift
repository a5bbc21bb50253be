import Discord
import Support
import Testing

@Suite struct RateLimiterTests {
    static let t0 = AnyClock.Instant(offset: .seconds(1000))
    static let createMessage = RateLimiter.Route(template: "POST /channels/{channel_id}/messages", majorParameter: "111")
    static let otherChannel = RateLimiter.Route(template: "POST /channels/{channel_id}/messages", majorParameter: "222")

    static func at(_ milliseconds: Int64) -> AnyClock.Instant { t0 + .milliseconds(milliseconds) }

    @Test func aNewRouteSendsOneRequestUntilItsBucketIsKnown() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        guard case .wait = limiter.reserve(Self.createMessage, now: Self.at(1)) else {
            Issue.record("sent blind")
            return
        }
        limiter.record(.init(status: 200, bucket: "abcd", remaining: 4, resetAfter: 2), for: Self.createMessage, now: Self.at(100))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(101)) == .send)
    }

    @Test func anEmptyBucketWaitsForItsReset() {
        var limiter = RateLimiter()
        _ = limiter.reserve(Self.createMessage, now: Self.at(0))
        limiter.record(.init(status: 200, bucket: "abcd", remaining: 2, resetAfter: 1.5), for: Self.createMessage, now: Self.at(0))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(10)) == .send)
        #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .send)
        #expect(limiter.reserve(Self.createMessage, now: Self.at(30)) == .wait(until: Self.at(1_500)))
        // Another channel is another bucket: the major parameter keys it.
        guard case .send = limiter.reserve(Self.otherChannel, now: Self.at(30)) else {
            Issue.record("shared bucket")
            return
        }
    }

    @Test func aBurstMakesAtMostOneTooManyRequestsPerBucket() {
        // A simulated Discord: 5 requests per 2 s in the bucket.
        var limiter = RateLimiter()
        var serverRemaining = 5
        var serverResetAt = Self.at(2_000)
        var tooMany = 0
        var sent = 0
        var now = Self.at(0)
        while sent < 20 {
            switch limiter.reserve(Self.createMessage, now: now) {
            case .wait(let until):
                now = until
            case .send:
                if now >= serverResetAt {
                    serverRemaining = 5
                    serverResetAt = now + .seconds(2)
                }
                let resetAfter =
                    Double((serverResetAt - now).components.seconds) + Double((serverResetAt - now).components.attoseconds) / 1e18
                if serverRemaining == 0 {
                    tooMany += 1
                    limiter.record(
                        .init(status: 429, bucket: "abcd", remaining: 0, resetAfter: resetAfter, retryAfter: resetAfter, scope: "user"),
                        for: Self.createMessage, now: now)
                } else {
                    serverRemaining -= 1
                    sent += 1
                    limiter.record(
                        .init(status: 200, bucket: "abcd", remaining: serverRemaining, resetAfter: resetAfter),
                        for: Self.createMessage, now: now)
                }
            }
        }
        #expect(tooMany == 0)
    }

    @Test func theGlobalLimitAllowsFiftyPerSecondButNotForInteractionCallbacks() {
        var limiter = RateLimiter()
        for index in 0..<50 {
            let route = RateLimiter.Route(template: "GET /users/@me", majorParameter: "\(index)")
            limiter.record(.init(status: 200, bucket: "me", remaining: 100, resetAfter: 10), for: route, now: Self.at(0))
            #expect(limiter.reserve(route, now: Self.at(Int64(index))) == .send)
        }
        let next = RateLimiter.Route(template: "GET /users/@me", majorParameter: "x")
        limiter.record(.init(status: 200, bucket: "me", remaining: 100, resetAfter: 10), for: next, now: Self.at(0))
        #expect(limiter.reserve(next, now: Self.at(60)) == .wait(until: Self.at(1_000)))
        let callback = RateLimiter.Route(template: "POST /interactions/{interaction_id}/{token}/callback", majorParameter: "tok")
        #expect(limiter.reserve(callback, isInteractionCallback: true, now: Self.at(60)) == .send)
    }

    @Test func aGlobal429PausesEveryRoute() {
        var limiter = RateLimiter()
        _ = limiter.reserve(Self.createMessage, now: Self.at(0))
        limiter.record(
            .init(status: 429, bucket: "abcd", remaining: 3, resetAfter: 1, retryAfter: 2.5, isGlobal: true, scope: "global"),
            for: Self.createMessage, now: Self.at(0))
        #expect(limiter.reserve(Self.otherChannel, now: Self.at(100)) == .wait(until: Self.at(2_500)))
    }

    @Test func a429WithoutHeadersIsACloudflareBan() {
        var limiter = RateLimiter()
        _ = limiter.reserve(Self.createMessage, now: Self.at(0))
        let warning = limiter.record(.init(status: 429), for: Self.createMessage, now: Self.at(0))
        #expect(warning == .cloudflareBan(until: Self.at(3_600_000)))
        #expect(limiter.reserve(Self.otherChannel, now: Self.at(1_000)) == .wait(until: Self.at(3_600_000)))
    }

    @Test func invalidRequestsAreHeldBackBeforeCloudflaresLimit() {
        var limiter = RateLimiter()
        let route = RateLimiter.Route(template: "GET /channels/{channel_id}/messages", majorParameter: "1")
        var warning: RateLimiter.Warning?
        for index in 0..<RateLimiter.invalidRequestBudget {
            warning = limiter.record(.init(status: 403, bucket: "b", remaining: 50, resetAfter: 1), for: route, now: Self.at(Int64(index)))
        }
        #expect(warning == .invalidRequestGuard(until: Self.at(600_000)))
        #expect(limiter.reserve(route, now: Self.at(9_000)) == .wait(until: Self.at(600_000)))
    }

    @Test func aFailedRequestLetsAnotherDiscoverTheBucket() {
        var limiter = RateLimiter()
        _ = limiter.reserve(Self.createMessage, now: Self.at(0))
        limiter.cancel(Self.createMessage)
        #expect(limiter.reserve(Self.createMessage, now: Self.at(1)) == .send)
    }

    @Test func answersToEarlierRequestsDoNotRaiseTheCountAndANewWindowRefills() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 4, resetAfter: 2), for: Self.createMessage, now: Self.at(10))
        for _ in 0..<4 { #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .send) }
        #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .wait(until: Self.at(2_010)))
        // The answer to the second request says 3 remain: stale, the four in flight used them.
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 3, resetAfter: 1.98), for: Self.createMessage, now: Self.at(40))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(50)) == .wait(until: Self.at(2_020)))
        for remaining in [2, 1, 0] {
            limiter.record(
                .init(status: 200, bucket: "b", limit: 5, remaining: remaining, resetAfter: 1.95), for: Self.createMessage, now: Self.at(70)
            )
        }
        // Once the window has passed the whole limit is there again, before any answer says so,
        // and no more than it.
        for _ in 0..<5 { #expect(limiter.reserve(Self.createMessage, now: Self.at(2_100)) == .send) }
        #expect(limiter.reserve(Self.createMessage, now: Self.at(2_100)) == .wait(until: Self.at(4_100)))
    }

    @Test func requestsStillInFlightCountAgainstTheNextWindow() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 4, resetAfter: 1), for: Self.createMessage, now: Self.at(10))
        for _ in 0..<4 { #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .send) }
        // Two are answered; two are still on their way when the window passes, and may land in
        // the next one.
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 3, resetAfter: 0.98), for: Self.createMessage, now: Self.at(30))
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 2, resetAfter: 0.97), for: Self.createMessage, now: Self.at(40))
        for _ in 0..<3 { #expect(limiter.reserve(Self.createMessage, now: Self.at(1_100)) == .send) }
        #expect(limiter.reserve(Self.createMessage, now: Self.at(1_100)) == .wait(until: Self.at(2_100)))
    }

    @Test func aLateAnswerFromAnEarlierWindowDoesNotMoveTheReset() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        limiter.record(.init(status: 200, bucket: "b", limit: 2, remaining: 1, resetAfter: 1), for: Self.createMessage, now: Self.at(10))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .send)
        // The window rolls at 1010 with that request unanswered: one slot is free.
        #expect(limiter.reserve(Self.createMessage, now: Self.at(1_010)) == .send)
        limiter.record(
            .init(status: 200, bucket: "b", limit: 2, remaining: 1, resetAfter: 0.99), for: Self.createMessage, now: Self.at(1_020))
        // The answer to the request of 20 arrives now, from the old window (its reset 1040 is
        // long before 2010): it must not bring the reset forward, or a burst would go out at 1040
        // into a window Discord still counts.
        limiter.record(
            .init(status: 200, bucket: "b", limit: 2, remaining: 0, resetAfter: 0.01), for: Self.createMessage, now: Self.at(1_030))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(1_100)) == .wait(until: Self.at(2_010)))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(2_010)) == .send)
    }

    @Test func anotherChannelOfAKnownBucketStillSendsOneRequestFirst() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 4, resetAfter: 1), for: Self.createMessage, now: Self.at(10))
        let otherChannel = RateLimiter.Route(template: Self.createMessage.template, majorParameter: "222")
        #expect(limiter.reserve(otherChannel, now: Self.at(20)) == .send)
        #expect(limiter.reserve(otherChannel, now: Self.at(20)) == .wait(until: Self.at(70)))
        limiter.record(.init(status: 200, bucket: "b", limit: 5, remaining: 4, resetAfter: 1), for: otherChannel, now: Self.at(30))
        for _ in 0..<4 { #expect(limiter.reserve(otherChannel, now: Self.at(40)) == .send) }
        #expect(limiter.reserve(otherChannel, now: Self.at(40)) == .wait(until: Self.at(1_030)))
    }

    @Test func a429BeforeTheBucketIsKnownHoldsTheRouteBack() {
        var limiter = RateLimiter()
        #expect(limiter.reserve(Self.createMessage, now: Self.at(0)) == .send)
        limiter.record(.init(status: 429, retryAfter: 0.5, scope: "user"), for: Self.createMessage, now: Self.at(10))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(20)) == .wait(until: Self.at(510)))
        #expect(limiter.reserve(Self.createMessage, now: Self.at(510)) == .send)
    }
}
