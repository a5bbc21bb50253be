import Support
import Testing

@Suite struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date, in Unix seconds.
    let now: Double = 784_111_777

    @Test func delaySecondsAreTakenAsTheyAre() {
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 7 ", now: now) == 7)
        #expect(RetryAfter.seconds("0", now: now) == 0)
    }

    /// Rate limiters in front of LLM servers, and Discord's own bodies, give fractions of a second.
    @Test func aFractionOfASecondIsKept() {
        #expect(RetryAfter.seconds("0.347", now: now) == 0.347)
        #expect(RetryAfter.seconds("1.5", now: now) == 1.5)
    }

    @Test func anHTTPDateIsTheWaitFromNow() {
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:51:07 GMT", now: now) == 90)
        #expect(RetryAfter.seconds("Sunday, 06-Nov-94 08:51:07 GMT", now: now) == 90)
        #expect(RetryAfter.seconds("Sun Nov  6 08:51:07 1994", now: now) == 90)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
    }

    @Test func aWaitIsCappedAtADay() {
        #expect(RetryAfter.seconds("31536000", now: now) == RetryAfter.maximumSeconds)
        #expect(RetryAfter.seconds("99999999999999999999999", now: now) == RetryAfter.maximumSeconds)
        #expect(RetryAfter.seconds("Fri, 06 Nov 2099 08:49:37 GMT", now: now) == RetryAfter.maximumSeconds)
    }

    @Test func anythingElseIsNoWait() {
        for value in ["", " ", "-5", ".5", "5.", "1.2.3", "1e3", "inf", "soon", "120s", "Sun, 06 Nov 1994"] {
            #expect(RetryAfter.seconds(value, now: now) == nil, "\(value)")
        }
    }
}
