import Support
import Testing

/// One reader for every ISO 8601 text the project meets, in two profiles.
@Suite struct DateTimeTextTests {
    /// 2026-11-23T10:00:00Z.
    static let ten: Int64 = 1_795_428_000_000

    @Test(
        arguments: [
            ("2026-11-23T10:00:00Z", 0),
            ("2026-11-23t10:00:00z", 0),
            ("2026-11-23T10:00:00+00:00", 0),
            ("2026-11-23T05:00:00-05:00", 0),
            ("2026-11-23T10:00:00.25Z", 250),
            ("2026-11-23T10:00:00.123456789Z", 123),
        ] as [(String, Int64)])
    func rfc3339TextIsReadInBothProfiles(text: String, millisecondsAfterTen: Int64) throws {
        #expect(try #require(DateTimeText.read(text, .rfc3339)).unixMilliseconds == Self.ten + millisecondsAfterTen)
        #expect(try #require(DateTimeText.read(text, .lenient)).unixMilliseconds == Self.ten + millisecondsAfterTen)
    }

    /// What exports, feeds and people write beyond RFC 3339.
    @Test(
        arguments: [
            ("2026-11-23 10:00", 0),
            ("2026-11-23T10:00", 0),
            ("2026-11-23", -10 * 3_600_000),
            ("2026-11-23T15:30:00+0530", 0),
            ("2026-11-23T15:00:00+05", 0),
            ("2026-11-23T10:00:00,5", 500),
            ("2026-11-23T10:00:00Z  ", 0),
            ("2026-11-23T23:59:60Z", 13 * 3_600_000 + 59 * 60_000 + 59_000),
        ] as [(String, Int64)])
    func lenientTextIsReadOnlyWhenAskedFor(text: String, millisecondsAfterTen: Int64) throws {
        #expect(try #require(DateTimeText.read(text, .lenient)).unixMilliseconds == Self.ten + millisecondsAfterTen)
        if !text.hasSuffix("60Z") { #expect(DateTimeText.read(text, .rfc3339) == nil) }
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-29", "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z",
        "2026-11-23T10:00:00+24:00", "2026-11-23T10:00:00Z trailing", "2026-11-23T10:00:00.Z", "2026-11-23T", "٢٠٢٦-11-23",
    ])
    func whatIsNotADateIsRefusedByBoth(text: String) {
        #expect(DateTimeText.read(text, .lenient) == nil)
        #expect(DateTimeText.read(text, .rfc3339) == nil)
    }

    @Test func aLeapSecondIsOnlyAt235960UTCInRFC3339() {
        #expect(DateTimeText.read("1998-12-31T23:59:60Z", .rfc3339) != nil)
        #expect(DateTimeText.read("1998-12-31T15:59:60.123-08:00", .rfc3339) != nil)
        #expect(DateTimeText.read("1998-12-31T22:59:60Z", .rfc3339) == nil)
        #expect(DateTimeText.isFullTime("01:29:60+01:30"))
        #expect(!DateTimeText.isFullTime("23:59:60-00:30"))
        #expect(!DateTimeText.isFullTime("12:00:00"))
    }

    @Test func aFullDateIsADateAndNothingElse() {
        #expect(DateTimeText.isFullDate("2028-02-29"))
        #expect(!DateTimeText.isFullDate("2027-02-29"))
        #expect(!DateTimeText.isFullDate("2028-02-29T00:00:00Z"))
    }

    @Test func daysRoundTripOverFourHundredYears() {
        for days in stride(from: -146_097, through: 146_097, by: 7) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilCalendar.date(days: 0) == (1970, 1, 1))
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
    }
}

@Suite struct InternetDateTests {
    @Test func theThreeHTTPDateFormsAreTheSameInstant() {
        let expected = 784_111_777
        #expect(InternetDate.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(InternetDate.httpDate("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(InternetDate.httpDate("Sun Nov  6 08:49:37 1994") == expected)
    }

    @Test func namedAndNumericZonesMoveTheInstant() {
        #expect(InternetDate.rfc822("Mon, 23 Nov 2026 05:00:00 EST") == 1_795_428_000)
        #expect(InternetDate.rfc822("Mon, 23 Nov 2026 04:30:00 -0530") == 1_795_428_000)
        #expect(InternetDate.rfc822("Mon, 31 Nov 2026 10:00:00 GMT") == nil)
    }
}

@Suite struct SplitMix64Tests {
    /// The first outputs of Vigna's reference splitmix64.c from a zero seed.
    @Test func matchesTheReferenceSequence() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }
}
