import Alerts
import Foundation
import Testing

@Suite struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
    let now = Date(timeIntervalSince1970: 784_111_777)

    @Test func delaySecondsAreTakenAsTheyAre() {
        #expect(RetryAfter.interval("120", now: now) == 120)
        #expect(RetryAfter.interval(" 7 ", now: now) == 7)
        #expect(RetryAfter.interval("0", now: now) == 0)
    }

    @Test func anHTTPDateIsTheWaitFromNow() {
        #expect(RetryAfter.interval("Sun, 06 Nov 1994 08:51:07 GMT", now: now) == 90)
        #expect(RetryAfter.interval("Sunday, 06-Nov-94 08:51:07 GMT", now: now) == 90)
        #expect(RetryAfter.interval("Sun Nov  6 08:51:07 1994", now: now) == 90)
        #expect(RetryAfter.interval("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
    }

    @Test func aWaitIsCappedAtADay() {
        #expect(RetryAfter.interval("31536000", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.interval("99999999999999999999999", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.interval("Fri, 06 Nov 2099 08:49:37 GMT", now: now) == RetryAfter.maximum)
    }

    @Test func anythingElseIsNoWait() {
        for value in ["", " ", "-5", "1.5", "soon", "120s", "Sun, 06 Nov 1994"] {
            #expect(RetryAfter.interval(value, now: now) == nil, "\(value)")
        }
    }
}
