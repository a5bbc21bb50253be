/// Times are stored as Unix milliseconds (INTEGER columns): compact, fast to compare and to bucket
/// into UTC days. These helpers convert to and from the ISO 8601 text that exports and APIs use.
public enum Timestamp {
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// Parses `2024-03-05T17:03:21.456+00:00`, `…Z`, `2024-03-05 17:03:21` or a plain date
    /// `2024-03-05` (midnight UTC). Returns Unix milliseconds, or nil for anything else.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var milliseconds = Int64(daysFromCivil(year: year, month: month, day: day)) * millisecondsPerDay
        if index == bytes.count { return milliseconds }
        guard expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else {
            return nil
        }
        var second = 0
        if expect(":") {
            guard let value = number(2), value <= 60 else { return nil }
            second = value
        }
        var fraction: Int64 = 0
        if expect(".,") {
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if digits < 3 { fraction = fraction * 10 + Int64(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { fraction *= 10 }
        }
        milliseconds += Int64(hour * 3600 + minute * 60 + min(second, 59)) * 1000 + fraction
        if index == bytes.count || expect("Zz") { return index == bytes.count ? milliseconds : nil }
        guard index < bytes.count else { return nil }
        let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        guard expect("+-"), let offsetHours = number(2) else { return nil }
        _ = expect(":")
        guard let offsetMinutes = number(2), index == bytes.count, offsetHours < 24, offsetMinutes < 60 else { return nil }
        return milliseconds - sign * Int64(offsetHours * 60 + offsetMinutes) * 60_000
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
        let (year, month, dayOfMonth) = civilFromDays(Int(day))
        return "\(pad(Int64(year), 4))-\(pad(Int64(month), 2))-\(pad(Int64(dayOfMonth), 2))"
    }

    /// The wall clock, in Unix milliseconds.
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, after Howard Hinnant's algorithms)

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
