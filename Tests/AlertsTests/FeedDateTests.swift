import Alerts
import Foundation
import Testing

@Suite struct FeedDateTests {
    /// 2026-11-23 10:00:00 UTC.
    static let tenUTC: TimeInterval = 1_795_428_000

    @Test(
        arguments: [
            ("Mon, 23 Nov 2026 10:00:00 +0000", 0),
            ("Mon, 23 Nov 2026 10:00:00 GMT", 0),
            ("Mon, 23 Nov 2026 10:00:00 UT", 0),
            ("23 Nov 2026 10:00 Z", 0),
            ("Mon, 23 Nov 2026 05:00:00 EST", 0),
            ("Mon, 23 Nov 2026 03:00:00 PDT", 0),
            ("Mon, 23 Nov 2026 11:00:00 +0100", 0),
            ("Mon, 23 Nov 2026 04:30:00 -0530", 0),
            ("Monday, 23 November 26 10:00:00 GMT", 0),
            ("Mon,  3 Nov 2026 10:00:00 GMT", -20 * 86_400),
            // Unknown zone names count as UTC (RFC 2822 §4.3).
            ("Mon, 23 Nov 2026 10:00:00 XYZ", 0),
            ("Mon, 23 Nov 2026 10:00:07", 7),
        ] as [(String, TimeInterval)])
    func rfc822(text: String, secondsAfterTen: TimeInterval) {
        #expect(FeedDate.rfc822(text) == Date(timeIntervalSince1970: Self.tenUTC + secondsAfterTen))
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.tenUTC + secondsAfterTen))
    }

    @Test(
        arguments: [
            ("2026-11-23T10:00:00Z", 0),
            ("2026-11-23T10:00:00+00:00", 0),
            ("2026-11-23T05:00:00-05:00", 0),
            ("2026-11-23T15:30:00+0530", 0),
            ("2026-11-23T10:00:00.250Z", 0.25),
            ("2026-11-23 10:00", 0),
            ("2026-11-23", -10 * 3600),
        ] as [(String, TimeInterval)])
    func iso8601(text: String, secondsAfterTen: TimeInterval) {
        #expect(FeedDate.iso8601(text) == Date(timeIntervalSince1970: Self.tenUTC + secondsAfterTen))
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: Self.tenUTC + secondsAfterTen))
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30", "Mon, 31 Nov 2026 10:00:00 GMT",
        "Mon, 23 Foo 2026 10:00:00 GMT", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00Z trailing",
    ])
    func whatIsNotADateIsNil(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }

    @Test func leapDaysAndOldDatesCount() {
        #expect(FeedDate.iso8601("2028-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_835_395_200))
        #expect(FeedDate.iso8601("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        #expect(FeedDate.rfc822("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
    }
}
