import Foundation

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// The longest wait taken from a server: a typo or a broken proxy asking for months would
    /// otherwise silence a feed until someone noticed.
    public static let maximum: TimeInterval = 24 * 60 * 60

    /// Seconds to wait from `now`; nil when the value is neither form. A date in the past is 0.
    /// `now` should be the response's own `Date` when it has one: the server's two clocks agree with
    /// each other even when they disagree with ours.
    public static func interval(_ value: String, now: Date) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            // More digits than an Int holds is still a number, and a long one.
            return min(Double(text) ?? maximum, maximum)
        }
        guard let date = FeedDate.httpDate(text) else { return nil }
        return min(max(date.timeIntervalSince(now), 0), maximum)
    }
}
