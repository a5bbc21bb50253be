import JSON

/// A JSON number as the schema keywords compare it: exactly, whether written as an integer or
/// not. Converting an Int64 to Double rounds above 2^53, so mixed comparisons are done by hand.
enum JSONNumber: Sendable {
    case integer(Int64)
    case double(Double)

    init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .number(let double): self = .double(double)
        default: return nil
        }
    }

    /// The number as JSON text, for messages.
    var text: String {
        switch self {
        case .integer(let integer): JSONValue.integer(integer).serialized
        case .double(let double): JSONValue.number(double).serialized
        }
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`; nil when either is
    /// NaN (which JSON cannot express, but a JSONValue built in code can hold).
    func compare(to other: JSONNumber) -> Int? {
        switch (self, other) {
        case (.integer(let a), .integer(let b)): a < b ? -1 : a == b ? 0 : 1
        case (.double(let a), .double(let b)): a.isNaN || b.isNaN ? nil : a < b ? -1 : a == b ? 0 : 1
        case (.integer(let a), .double(let b)): Self.compare(a, b)
        case (.double(let a), .integer(let b)): Self.compare(b, a).map { -$0 }
        }
    }

    private static func compare(_ integer: Int64, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        // 2^63 is exactly representable; everything at or beyond it is outside Int64.
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = double.rounded(.down)
        let wholeInteger = Int64(whole)
        if integer != wholeInteger { return integer < wholeInteger ? -1 : 1 }
        // Equal whole parts: the double is larger exactly when it has a fraction.
        return whole == double ? 0 : -1
    }

    // The comparisons the keywords make. Each is false when either number is NaN.
    func isAtLeast(_ other: JSONNumber) -> Bool { compare(to: other).map { $0 >= 0 } ?? false }
    func isAtMost(_ other: JSONNumber) -> Bool { compare(to: other).map { $0 <= 0 } ?? false }
    func isGreater(than other: JSONNumber) -> Bool { compare(to: other) == 1 }
    func isLess(than other: JSONNumber) -> Bool { compare(to: other) == -1 }

    /// Whether the number is mathematically an integer (so 1.0 is, 1.5 is not).
    var isIntegral: Bool {
        switch self {
        case .integer: true
        case .double(let double): double.isFinite && double == double.rounded()
        }
    }
}

/// A number as the decimal it was written as: `significand` × 10^`exponent`, sign dropped.
///
/// `multipleOf` is decided on decimals because binary floating point cannot represent 0.0001:
/// 0.0075 / 0.0001 is 74.99999999999999 in Double, yet 0.0075 is a multiple of 0.0001.
/// A Double's shortest round-trip text (its `description`) is the decimal it was parsed from.
struct DecimalNumber: Sendable {
    var significand: UInt64
    var exponent: Int

    init?(_ number: JSONNumber) {
        switch number {
        case .integer(let integer):
            self.init(significand: integer.magnitude, exponent: 0)
        case .double(let double):
            guard double.isFinite else { return nil }
            self.init(text: double.magnitude.description)
        }
    }

    init(significand: UInt64, exponent: Int) {
        // Trailing zeros moved into the exponent: 1500 is 15 × 10^2. `isMultiple` relies on it.
        var significand = significand
        var exponent = exponent
        while significand != 0 && significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        self.significand = significand
        self.exponent = exponent
    }

    /// Reads Swift's rendering of a finite non-negative Double: "0.0075", "1e-05", "1.5e+300".
    private init?(text: String) {
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var significand: UInt64 = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue else { return nil }
            // At most 17 significant digits, so this cannot overflow.
            significand = significand * 10 + UInt64(digit)
            if seenPoint { exponent -= 1 }
        }
        self.init(significand: significand, exponent: exponent)
    }

    var isZero: Bool { significand == 0 }

    /// Whether `self` is an integer multiple of `divisor` (which is not zero).
    func isMultiple(of divisor: DecimalNumber) -> Bool {
        if isZero { return true }
        // self / divisor = (a / b) × 10^(ea - eb). With ea < eb it is an integer only if
        // b × 10^(eb - ea) divides a, which cannot be: a has no trailing zero.
        guard exponent >= divisor.exponent else { return false }
        // Otherwise b must divide a × 10^(ea - eb): compute that product modulo b, one factor of
        // ten at a time (at most a few hundred steps, as exponents stay within ±350).
        let modulus = divisor.significand
        var remainder = significand % modulus
        var factorsOfTen = exponent - divisor.exponent
        while factorsOfTen > 0 && remainder != 0 {
            // remainder < modulus, so the high half of the product is too: no overflow.
            let product = remainder.multipliedFullWidth(by: 10)
            remainder = modulus.dividingFullWidth(product).remainder
            factorsOfTen -= 1
        }
        return remainder == 0
    }
}
