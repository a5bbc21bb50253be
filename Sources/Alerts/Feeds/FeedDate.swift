public import Foundation
import Support

/// The dates feeds carry, as `Date`s. The reading is Support's (`DateTimeText`, `InternetDate`),
/// shared with exports, commands and HTTP headers.
public enum FeedDate {
    /// ISO 8601 or RFC 822, whichever the text is (feeds put either in either element).
    public static func parse(_ text: String) -> Date? {
        iso8601(text) ?? rfc822(text)
    }

    /// `2026-11-23T10:00:07+00:00`, `…Z`, `…T10:00:07.250-05:00`, `2026-11-23 10:00`, or a bare
    /// `2026-11-23` (midnight UTC). No zone means UTC.
    public static func iso8601(_ text: String) -> Date? {
        DateTimeText.read(text, .lenient).map { Date(timeIntervalSince1970: Double($0.unixMilliseconds) / 1000) }
    }

    /// RFC 822 / RFC 2822 as RSS uses it, named zones included.
    public static func rfc822(_ text: String) -> Date? {
        InternetDate.rfc822(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Unix milliseconds, the time postings and the store keep.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// An HTTP-date in any of its three forms (`Date`, `Last-Modified`, `Retry-After`).
    public static func httpDate(_ text: String) -> Date? {
        InternetDate.httpDate(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
