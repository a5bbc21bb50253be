import Foundation

extension FeedDate {
    /// An HTTP-date (RFC 9110 §5.6.7) in any of its three forms, as `Retry-After`, `Date` and
    /// `Last-Modified` carry it: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850
    /// form (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`), which
    /// recipients must still accept.
    public static func httpDate(_ text: String) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        // asctime puts the month before the day and the year last, with no zone (it is UTC).
        if fields.count == 5, fields[1].allSatisfy(\.isLetter), fields[4].allSatisfy(\.isNumber) {
            return rfc822("\(fields[2]) \(fields[1]) \(fields[4]) \(fields[3]) GMT")
        }
        return rfc822(text)
    }
}
