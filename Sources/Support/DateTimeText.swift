/// A date and time written in ISO 8601 text, read byte by byte: the one reader behind exports'
/// timestamps, feeds' dates, command-line times and JSON Schema's `date`, `time` and `date-time`.
public struct DateTimeText: Sendable, Hashable {
    /// How much of ISO 8601 is accepted.
    public enum Profile: Sendable {
        /// RFC 3339 §5.6 exactly, as JSON Schema's formats want it: seconds and a zone required,
        /// `+HH:MM` with its colon, `T` and `Z` in either case, a leap second only at 23:59:60 UTC.
        case rfc3339
        /// What exports, feeds and people write: also a bare date (midnight), a space for the `T`,
        /// no seconds, a comma for the decimal point, no zone (UTC), `+05` or `+0530`, and
        /// trailing spaces. A leap second counts as the 59th.
        case lenient
    }

    public var year: Int
    public var month: Int
    public var day: Int
    public var hour = 0
    public var minute = 0
    public var second = 0
    /// The fraction of the second, in milliseconds; digits past the third are dropped.
    public var millisecond = 0
    /// East of UTC, in minutes; nil where the text gives no zone.
    public var offsetMinutes: Int?

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Milliseconds since 1970-01-01T00:00:00Z; no zone is read as UTC.
    public var unixMilliseconds: Int64 {
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        let seconds = Int64(hour * 3600 + minute * 60 + min(second, 59) - (offsetMinutes ?? 0) * 60)
        return (days * Int64(CivilCalendar.secondsPerDay) + seconds) * 1000 + Int64(millisecond)
    }

    /// A date, or a date and time, and nothing else.
    public static func read(_ text: some StringProtocol, _ profile: Profile) -> DateTimeText? {
        text.withUTF8Bytes { bytes in
            var reader = Reader(bytes: bytes, profile: profile)
            guard let value = reader.dateTime(), reader.isAtEnd else { return nil }
            return value
        }
    }

    /// RFC 3339's full-date alone (`2024-05-01`).
    public static func isFullDate(_ text: some StringProtocol) -> Bool {
        text.withUTF8Bytes { bytes in
            var reader = Reader(bytes: bytes, profile: .rfc3339)
            return reader.date() != nil && reader.isAtEnd
        }
    }

    /// RFC 3339's full-time alone (`13:45:00.5+02:00`), a leap second only where it is 23:59:60 UTC.
    public static func isFullTime(_ text: some StringProtocol) -> Bool {
        text.withUTF8Bytes { bytes in
            var reader = Reader(bytes: bytes, profile: .rfc3339)
            var value = DateTimeText(year: 1970, month: 1, day: 1)
            return reader.time(into: &value) && reader.isAtEnd
        }
    }

    /// The grammar, over a cursor. Each method consumes what it read, or fails: the caller then
    /// gives up on the whole text.
    private struct Reader {
        var cursor: ByteCursor
        let profile: Profile

        init(bytes: UnsafeBufferPointer<UInt8>, profile: Profile) {
            cursor = ByteCursor(bytes)
            self.profile = profile
        }

        var isAtEnd: Bool { cursor.isAtEnd }

        mutating func dateTime() -> DateTimeText? {
            guard var value = date() else { return nil }
            if cursor.skip("T") || cursor.skip("t") || (profile == .lenient && cursor.skip(" ")) {
                guard time(into: &value) else { return nil }
            } else if profile == .rfc3339 {
                return nil
            }
            if profile == .lenient { cursor.skipSpaces() }
            return value
        }

        /// `YYYY-MM-DD`, a real day.
        mutating func date() -> DateTimeText? {
            guard let year = cursor.number(digits: 4...4), cursor.skip("-"), let month = cursor.number(digits: 2...2),
                cursor.skip("-"), let day = cursor.number(digits: 2...2), CivilCalendar.isValid(year: year, month: month, day: day)
            else { return nil }
            return DateTimeText(year: year, month: month, day: day)
        }

        /// `HH:MM[:SS[.fff]]` and a zone: seconds and zone required by RFC 3339.
        mutating func time(into value: inout DateTimeText) -> Bool {
            guard let hour = cursor.number(digits: 2...2), cursor.skip(":"), let minute = cursor.number(digits: 2...2),
                hour <= 23, minute <= 59
            else { return false }
            (value.hour, value.minute) = (hour, minute)
            if cursor.skip(":") {
                guard let second = cursor.number(digits: 2...2), second <= 60 else { return false }
                value.second = second
                if cursor.skip(".") || (profile == .lenient && cursor.skip(",")) {
                    guard let millisecond = cursor.thousandths() else { return false }
                    value.millisecond = millisecond
                }
            } else if profile == .rfc3339 {
                return false
            }
            if cursor.skip("Z") || cursor.skip("z") {
                value.offsetMinutes = 0
            } else if let sign = cursor.sign() {
                guard let offset = offset() else { return false }
                value.offsetMinutes = sign * offset
            } else if profile == .rfc3339 {
                return false
            }
            // Local time less the offset is UTC, where a leap second can only be 23:59:60.
            if profile == .rfc3339, value.second == 60 {
                let utcMinutes = ((hour * 60 + minute - (value.offsetMinutes ?? 0)) % 1440 + 1440) % 1440
                return utcMinutes == 23 * 60 + 59
            }
            return true
        }

        /// `HH:MM`, or in lenient text also `HHMM` and `HH`, as minutes.
        private mutating func offset() -> Int? {
            guard let hours = cursor.number(digits: 2...2), hours <= 23 else { return nil }
            if cursor.skip(":") {
                guard let minutes = cursor.number(digits: 2...2), minutes <= 59 else { return nil }
                return hours * 60 + minutes
            }
            guard profile == .lenient else { return nil }
            guard let minutes = cursor.number(digits: 2...2) else { return hours * 60 }
            return minutes <= 59 ? hours * 60 + minutes : nil
        }
    }
}
