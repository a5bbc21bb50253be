import Support

/// Times are stored as Unix milliseconds (INTEGER columns): compact, fast to compare and to bucket
/// into UTC days. These helpers convert to and from the ISO 8601 text that exports and APIs use.
public enum Timestamp {
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// Parses `2024-03-05T17:03:21.456+00:00`, `…Z`, `2024-03-05 17:03:21` or a plain date
    /// `2024-03-05` (midnight UTC). Returns Unix milliseconds, or nil for anything else.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        DateTimeText.read(text, .lenient)?.unixMilliseconds
    }

    /// `2026-09-01T12:00:00.000Z`.
    public static func iso8601(_ milliseconds: Int64) -> String {
        let day = floorDivide(milliseconds, millisecondsPerDay)
        let rest = milliseconds - day * millisecondsPerDay
        let (hours, minutes, seconds, millis) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000)
        return "\(date(day: day))T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }

    /// The UTC day number (days since 1970-01-01) of a time.
    public static func day(of milliseconds: Int64) -> Int64 {
        floorDivide(milliseconds, millisecondsPerDay)
    }

    /// `2026-09-01` for a UTC day number.
    public static func date(day: Int64) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.date(days: Int(day))
        return "\(pad(Int64(year), 4))-\(pad(Int64(month), 2))-\(pad(Int64(dayOfMonth), 2))"
    }

    /// The wall clock, in Unix milliseconds.
    public static func now() -> Int64 {
        WallClock.nowMilliseconds()
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
