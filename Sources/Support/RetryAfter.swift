/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, the one reader for every
/// service the project calls (feeds, Slack, Discord, LLM servers).
public enum RetryAfter {
    /// The longest wait taken from a server, in seconds: a typo or a broken proxy asking for months
    /// would otherwise silence a feed or a destination until someone noticed.
    public static let maximumSeconds: Double = 24 * 60 * 60

    /// Seconds to wait from `now` (Unix seconds); nil when the value is neither form. A date in
    /// the past is 0. Delay-seconds may carry a fraction (`0.347`), as rate limiters in front of
    /// LLM servers send it; RFC 9110 writes whole seconds, and those are read the same. `now`
    /// should be the response's own `Date` where it has one: the server's two clocks agree with
    /// each other even when they disagree with ours.
    public static func seconds(_ value: some StringProtocol, now: Double) -> Double? {
        let text = value.trimmingSpaces
        guard !text.isEmpty else { return nil }
        if let seconds = decimalSeconds(text) { return min(seconds, maximumSeconds) }
        guard let date = InternetDate.httpDate(text) else { return nil }
        return min(max(Double(date) - now, 0), maximumSeconds)
    }

    /// `120` or `0.347`: digits with at most one decimal point inside them.
    private static func decimalSeconds(_ text: Substring) -> Double? {
        var points = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if ByteCursor.digit(byte) == nil {
                return nil
            }
        }
        guard points <= 1, text.first != ".", text.last != "." else { return nil }
        // More digits than a Double holds exactly is still a number, and a long one.
        return Double(text) ?? maximumSeconds
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return text[first...last]
    }
}
