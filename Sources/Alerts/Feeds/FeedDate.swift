import Foundation

/// The date formats feeds use, read by hand: `DateFormatter` is slow per item, depends on the
/// locale, and does not know RFC 822's named zones consistently across platforms.
public enum FeedDate {
    /// ISO 8601 or RFC 822, whichever the text is (feeds put either in either element).
    public static func parse(_ text: String) -> Date? {
        iso8601(text) ?? rfc822(text)
    }

    /// `2026-11-23T10:00:07+00:00`, `…Z`, `…T10:00:07.250-05:00`, `2026-11-23 10:00`, or a bare
    /// `2026-11-23` (midnight UTC). No zone means UTC.
    public static func iso8601(_ text: String) -> Date? {
        var cursor = Cursor(text)
        guard let year = cursor.number(digits: 4...4), cursor.skip("-"), let month = cursor.number(digits: 2...2),
            cursor.skip("-"), let day = cursor.number(digits: 2...2)
        else { return nil }
        var (hour, minute, second, fraction, offset) = (0, 0, 0, 0.0, 0)
        if cursor.skip("T") || cursor.skip("t") || cursor.skip(" ") {
            guard let h = cursor.number(digits: 2...2), cursor.skip(":"), let m = cursor.number(digits: 2...2) else {
                return nil
            }
            (hour, minute) = (h, m)
            if cursor.skip(":") {
                guard let s = cursor.number(digits: 2...2) else { return nil }
                second = s
                if cursor.skip(".") || cursor.skip(",") {
                    guard let digits = cursor.digitRun(), let value = Double("0." + digits) else { return nil }
                    fraction = value
                }
            }
            if cursor.skip("Z") || cursor.skip("z") {
                offset = 0
            } else if let sign = cursor.sign() {
                guard let hours = cursor.number(digits: 2...2) else { return nil }
                _ = cursor.skip(":")
                let minutes = cursor.number(digits: 2...2) ?? 0
                offset = sign * (hours * 3600 + minutes * 60)
            }
        }
        cursor.skipSpaces()
        guard cursor.isAtEnd else { return nil }
        return date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
            .map { $0.addingTimeInterval(fraction) }
    }

    /// RFC 822 / RFC 2822 as RSS uses it: `Mon, 23 Nov 2026 10:00:00 +0000`, with or without the
    /// weekday and seconds, two-digit years, and named zones (GMT, UT, EST, PDT…).
    public static func rfc822(_ text: String) -> Date? {
        var cursor = Cursor(text)
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
        return date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
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

    /// Seconds since 1970 for a civil date and time (proleptic Gregorian), without `Calendar`.
    static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Cursor {
        private let bytes: [UInt8]
        private var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            }
        }

        /// Spaces, or the dashes of "23-Nov-2026".
        mutating func skipSeparators() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        mutating func number(digits: ClosedRange<Int>) -> Int? {
            let start = index
            var value = 0
            while index < bytes.count, index - start < digits.upperBound,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard digits.contains(index - start) else {
                index = start
                return nil
            }
            return value
        }

        mutating func digitRun() -> String? {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        mutating func letters() -> Substring? {
            let start = index
            while index < bytes.count,
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index] | 0x20)
            {
                index += 1
            }
            return index > start ? Substring(String(decoding: bytes[start..<index], as: UTF8.self)) : nil
        }
    }
}
