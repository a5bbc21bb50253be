import JSON
import JSONSchema
import Testing

@Suite struct MinimumAndMaximumTests {
    @Test func boundsAreInclusive() throws {
        try expectValidity(
            of: #"{"minimum": 1.1, "maximum": 3}"#,
            [
                ("1.1", true), ("2", true), ("3", true), ("3.0", true), ("1.09", false), ("3.0001", false), ("-5", false),
            ])
    }

    @Test func integerAndDecimalBoundsCompareExactly() throws {
        try expectValidity(
            of: #"{"minimum": 9007199254740993}"#, [("9007199254740993", true), ("9007199254740992", false), ("9.1e15", true)])
        try expectValidity(of: #"{"maximum": -1}"#, [("-1", true), ("-1.0", true), ("-0.5", false), ("-9223372036854775808", true)])
        try expectValidity(of: #"{"maximum": 1e300}"#, [("9223372036854775807", true), ("1e301", false)])
        try expectValidity(of: #"{"minimum": 0.5}"#, [("1", true), ("0", false), ("9223372036854775807", true)])
    }

    @Test func nonNumbersAreIgnored() throws {
        try expectValidity(of: #"{"minimum": 10, "maximum": 0}"#, [(#""5""#, true), ("null", true), ("[]", true), ("true", true)])
    }

    @Test func messagesGiveTheValueAndTheBound() throws {
        #expect(try violationLines(of: "0.5", against: #"{"minimum": 1}"#) == ["/: 0.5 is less than the minimum of 1"])
        #expect(try violationLines(of: "12", against: #"{"maximum": 10.5}"#) == ["/: 12 is greater than the maximum of 10.5"])
        #expect(try violations(of: "12", against: #"{"maximum": 10}"#).map(\.keyword) == ["maximum"])
    }
}

@Suite struct ExclusiveBoundsTests {
    @Test func exclusiveBoundsAreNumbersAndExcludeThemselves() throws {
        try expectValidity(
            of: #"{"exclusiveMinimum": 1.1, "exclusiveMaximum": 3}"#,
            [
                ("1.2", true), ("2.9999", true), ("1.1", false), ("3", false), ("3.0", false), ("0", false),
            ])
    }

    @Test func exclusiveAndInclusiveBoundsCombine() throws {
        try expectValidity(of: #"{"minimum": 0, "exclusiveMinimum": 0}"#, [("0", false), ("0.0001", true)])
    }

    @Test func messagesSayExclusive() throws {
        #expect(try violationLines(of: "3", against: #"{"exclusiveMaximum": 3}"#) == ["/: 3 is not less than the exclusive maximum of 3"])
        #expect(
            try violationLines(of: "-1", against: #"{"exclusiveMinimum": 0}"#) == ["/: -1 is not greater than the exclusive minimum of 0"])
    }
}

@Suite struct MultipleOfTests {
    @Test func integersAreExact() throws {
        try expectValidity(
            of: #"{"multipleOf": 2}"#, [("10", true), ("0", true), ("-4", true), ("7", false), ("10.0", true), ("10.5", false)])
        try expectValidity(
            of: #"{"multipleOf": 3}"#, [("9223372036854775806", true), ("9223372036854775807", false), ("-9223372036854775808", false)])
    }

    @Test func decimalsAreExactToo() throws {
        // In binary floating point 0.0075 / 0.0001 is 74.99999999999999.
        try expectValidity(of: #"{"multipleOf": 0.0001}"#, [("0.0075", true), ("0.00751", false), ("19.99", true), ("1", true)])
        try expectValidity(of: #"{"multipleOf": 0.01}"#, [("19.99", true), ("0.07", true), ("1.005", false), ("4.35", true)])
        try expectValidity(of: #"{"multipleOf": 1.5}"#, [("4.5", true), ("35", false), ("-3", true)])
        try expectValidity(of: #"{"multipleOf": 0.1}"#, [("0.3", true), ("1e-1", true), ("0.35", false)])
    }

    @Test func extremeValuesDoNotCrash() throws {
        try expectValidity(of: #"{"multipleOf": 0.5}"#, [("1e308", true), ("1.7976931348623157e308", true)])
        // 1e308 is not a multiple of 0.123456789: the quotient overflows a Double, yet the answer is exact.
        try expectValidity(of: #"{"type": "integer", "multipleOf": 0.123456789}"#, [("1e308", false)])
        try expectValidity(of: #"{"multipleOf": 1e-8}"#, [("12391239123", true)])
        try expectValidity(of: #"{"multipleOf": 5e-324}"#, [("1e-323", true), ("1", true)])
        try expectValidity(of: #"{"multipleOf": 1e300}"#, [("1e-300", false), ("3e300", true)])
    }

    @Test func messageGivesTheDivisor() throws {
        #expect(try violationLines(of: "7", against: #"{"multipleOf": 2}"#) == ["/: 7 is not a multiple of 2"])
        #expect(try violationLines(of: "0.00751", against: #"{"multipleOf": 0.0001}"#) == ["/: 0.00751 is not a multiple of 0.0001"])
    }
}
