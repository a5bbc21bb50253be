/// Dates as mail, RSS and HTTP write them, read by hand: `DateFormatter` is slow per item, depends
/// on the locale, and does not know RFC 822's named zones consistently across platforms. Times are
/// Unix seconds.
public enum InternetDate {
    /// RFC 822 / RFC 2822 as RSS uses it: `Mon, 23 Nov 2026 10:00:00 +0000`, with or without the
    /// weekday and seconds, two-digit years, and named zones (GMT, UT, EST, PDT…).
    public static func rfc822(_ text: some StringProtocol) -> Int? {
        text.withUTF8Bytes { bytes in
            var cursor = ByteCursor(bytes)
            return rfc822(&cursor)
        }
    }

    /// An HTTP-date (RFC 9110 §5.6.7) in any of its three forms, as `Retry-After`, `Date` and
    /// `Last-Modified` carry it: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850
    /// form (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`), which
    /// recipients must still accept.
    public static func httpDate(_ text: some StringProtocol) -> Int? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        // asctime puts the month before the day and the year last, with no zone (it is UTC).
        if fields.count == 5, fields[1].allSatisfy(\.isLetter), fields[4].allSatisfy(\.isNumber) {
            return rfc822("\(fields[2]) \(fields[1]) \(fields[4]) \(fields[3]) GMT")
        }
        return rfc822(text)
    }

    private static func rfc822(_ cursor: inout ByteCursor) -> Int? {
        cursor.skipSpaces()
        // The weekday says nothing the date does not, and is often wrong.
        if cursor.letters() != nil { _ = cursor.skip(",") }
        cursor.skipSpaces()
        guard let day = cursor.number(digits: 1...2) else { return nil }
        cursor.skipSeparators()
        guard let monthName = cursor.letters(), let month = months[String(monthName.prefix(3)).lowercased()] else {
            return nil
        }
        cursor.skipSeparators()
        guard var year = cursor.number(digits: 2...4) else { return nil }
        // RFC 2822 §4.3: two-digit years below 50 are 20xx, three-digit ones add 1900.
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        cursor.skipSpaces()
        guard let hour = cursor.number(digits: 1...2), cursor.skip(":"), let minute = cursor.number(digits: 2...2) else {
            return nil
        }
        let second = cursor.skip(":") ? cursor.number(digits: 2...2) : 0
        guard let second else { return nil }
        cursor.skipSpaces()
        var offset = 0
        if let sign = cursor.sign() {
            guard let digits = cursor.number(digits: 4...4) else { return nil }
            offset = sign * ((digits / 100) * 3600 + (digits % 100) * 60)
        } else if let zone = cursor.letters() {
            // RFC 2822 §4.3: a zone name that is not known is read as UTC.
            offset = (zones[zone.uppercased()] ?? 0) * 3600
        }
        guard CivilCalendar.isValid(year: year, month: month, day: day), hour <= 23, minute <= 59, second <= 60 else {
            return nil
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return days * CivilCalendar.secondsPerDay + hour * 3600 + minute * 60 + second - offset
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// Hours from UTC for the zone names RFC 822 defines, and a few more that feeds use.
    private static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
    ]
}
