/// A `pattern` or `patternProperties` regular expression. JSON Schema patterns are ECMA-262
/// regular expressions (with Unicode semantics); Swift Regex reads a different dialect, so the
/// pattern is translated first:
///
/// - `\d`, `\w`, `\s` and their negations become explicit classes: ECMA-262's `\d` and `\w`
///   are ASCII-only, while Swift's follow Unicode; `\s` is ECMA-262's own list of spaces.
/// - `.` excludes exactly ECMA-262's line terminators (\n, \r, U+2028, U+2029).
/// - `$` becomes `\z`: the end of the string, never before a trailing newline.
/// - Literal characters other than ASCII letters and digits are written as `\u{...}`, so that
///   nothing in an ECMA-262 pattern can reach Swift-only syntax (`[[:alpha:]]`, `[a&&b]`).
/// - Constructs ECMA-262 does not have, or that mean something else in Swift (`(?i)`, `(?>`,
///   `\h`, `\A`, `\Q...\E`, octal escapes, a quantifier after a quantifier such as the
///   possessive `a*+`), are syntax errors.
///
/// What Swift Regex cannot run is reported as a syntax error too: lookbehind (`(?<=a)`,
/// `(?<!a)`) in the Swift versions this was written with.
///
/// Matching is an unanchored search over Unicode scalars (not grapheme clusters), and `\b` uses
/// ASCII word characters, as in ECMA-262.
struct ECMARegex: Sendable {
    struct SyntaxError: Error {
        var reason: String
    }

    /// The pattern as written in the schema.
    let source: String
    private let compiled: CompiledRegex

    init(_ source: String) throws(SyntaxError) {
        self.source = source
        var translator = PatternTranslator(pattern: source)
        let translated = try translator.translate()
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(translated)
                .matchingSemantics(.unicodeScalar)
                .wordBoundaryKind(.simple)
                .asciiOnlyWordCharacters()
        } catch {
            // Kept to one line, as schema errors are.
            throw SyntaxError(reason: "\(error)".split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        // Swift compiles a Regex into its matching program on first use; do that now, once.
        _ = try? regex.firstMatch(in: "")
        self.compiled = CompiledRegex(regex: regex)
    }

    /// Whether the pattern matches anywhere in `string` (patterns are not implicitly anchored).
    func matches(_ string: String) -> Bool {
        (try? compiled.regex.firstMatch(in: string)) != nil
    }
}

/// Holds the compiled Swift `Regex`, which is not `Sendable`, so that a validator can be shared
/// between tasks. Sharing it is safe: the Regex is never mutated after `ECMARegex.init`, each
/// match keeps its state in its own local matcher, and the one lazily built part of a Regex (its
/// lowered program) is published with an atomic compare-and-swap in the standard library, and is
/// built in `init` anyway.
private final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(regex: Regex<AnyRegexOutput>) {
        self.regex = regex
    }
}

/// Rewrites an ECMA-262 pattern in Swift Regex syntax (see `ECMARegex`).
private struct PatternTranslator {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var output = ""

    init(pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// ECMA-262 WhiteSpace and LineTerminator, as the inside of a character class.
    /// (U+2000 and U+2001 are listed singly: see `rangeText`.)
    private static let whitespace =
        #"\u{9}-\u{D}\u{20}\u{A0}\u{1680}\u{2000}\u{2001}\u{2002}-\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}"#
    private static let lineTerminators = #"\u{A}\u{D}\u{2028}\u{2029}"#
    private static let wordCharacters = "A-Za-z0-9_"

    mutating func translate() throws(ECMARegex.SyntaxError) -> String {
        while let scalar = next() {
            switch scalar {
            case "\\": try translateEscape()
            case "[": try translateClass()
            case "(": try translateGroupOpening()
            case ")", "|", "^": output.unicodeScalars.append(scalar)
            case "$": output += #"\z"#
            case ".": output += "[^\(Self.lineTerminators)]"
            case "*", "+", "?":
                output.unicodeScalars.append(scalar)
                try translateQuantifierEnd()
            case "{":
                if let quantifier = try bracedQuantifier() {
                    output += quantifier
                    try translateQuantifierEnd()
                } else {
                    // Outside a quantifier a brace is an ordinary character in ECMA-262.
                    output += Self.literal(scalar)
                }
            default:
                output += Self.literal(scalar)
            }
        }
        return output
    }

    // MARK: Reading

    private mutating func next() -> Unicode.Scalar? {
        guard index < scalars.count else { return nil }
        defer { index += 1 }
        return scalars[index]
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func skip(_ expected: Unicode.Scalar) -> Bool {
        guard peek() == expected else { return false }
        index += 1
        return true
    }

    private mutating func readDigits() -> String {
        var digits = ""
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            digits.unicodeScalars.append(scalar)
            index += 1
        }
        return digits
    }

    /// Reads up to `terminator` (consumed), or nil if the pattern ends first.
    private mutating func read(upTo terminator: Unicode.Scalar) -> String? {
        var text = ""
        while let scalar = next() {
            if scalar == terminator { return text }
            text.unicodeScalars.append(scalar)
        }
        return nil
    }

    // MARK: Writing

    /// A character matched literally. ASCII letters and digits are safe as they are; anything
    /// else is written as a code point, which means the same inside and outside classes.
    private static func literal(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            return String(Character(scalar))
        }
        return #"\u{"# + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    // MARK: Quantifiers

    /// After `*`, `+`, `?` or `{n,m}`: an optional `?` makes it lazy. Anything quantifying the
    /// quantifier is an error in ECMA-262 (in Swift, `a*+` would be a possessive quantifier).
    private mutating func translateQuantifierEnd() throws(ECMARegex.SyntaxError) {
        if skip("?") { output += "?" }
        if let next = peek(), next == "*" || next == "+" || next == "?" || (next == "{" && isBracedQuantifierAhead()) {
            throw .init(reason: "nothing to repeat before \"\(Character(next))\"")
        }
    }

    private func isBracedQuantifierAhead() -> Bool {
        var copy = self
        copy.index += 1
        return (try? copy.bracedQuantifier()).flatMap { $0 } != nil
    }

    /// After `{`: reads `n}`, `n,}` or `n,m}` and returns the quantifier; returns nil (reading
    /// nothing) when the brace does not start one.
    private mutating func bracedQuantifier() throws(ECMARegex.SyntaxError) -> String? {
        let start = index
        let low = readDigits()
        var high: String? = low
        if skip(",") { high = readDigits() }
        guard !low.isEmpty, skip("}") else {
            index = start
            return nil
        }
        if let high, !high.isEmpty, let lowValue = Int(low), let highValue = Int(high), lowValue > highValue {
            throw .init(reason: "numbers out of order in {\(low),\(high)} quantifier")
        }
        return "{\(low)" + (high == low ? "" : ",\(high ?? "")") + "}"
    }

    // MARK: Groups

    private mutating func translateGroupOpening() throws(ECMARegex.SyntaxError) {
        guard skip("?") else {
            output += "("
            return
        }
        switch (peek(), peek(1)) {
        case (":", _), ("=", _), ("!", _):
            output += "(?" + String(Character(next()!))
        case ("<", "="), ("<", "!"):
            // Lookbehind: passed on; Swift Regex reports it if it cannot run it.
            output += "(?<" + String(Character(peek(1)!))
            index += 2
        case ("<", _):
            index += 1
            guard let name = read(upTo: ">"), !name.isEmpty else {
                throw .init(reason: "invalid capture group name")
            }
            output += "(?<\(name)>"
        default:
            throw .init(reason: "\"(?\" must be followed by :, =, !, <=, <! or <name>")
        }
    }

    // MARK: Escapes

    private mutating func translateEscape() throws(ECMARegex.SyntaxError) {
        guard let scalar = next() else { throw .init(reason: "the pattern ends with a lone backslash") }
        switch scalar {
        case "d": output += "[0-9]"
        case "D": output += "[^0-9]"
        case "w": output += "[\(Self.wordCharacters)]"
        case "W": output += "[^\(Self.wordCharacters)]"
        case "s": output += "[\(Self.whitespace)]"
        case "S": output += "[^\(Self.whitespace)]"
        case "b": output += #"\b"#
        case "B": output += #"\B"#
        case "1"..."9":
            output += #"\"# + String(Character(scalar)) + readDigits()
        case "k":
            guard skip("<"), let name = read(upTo: ">"), !name.isEmpty else {
                throw .init(reason: #"\k must be followed by <name>"#)
            }
            output += #"\k<"# + name + ">"
        case "p", "P":
            output += try propertyEscape(negated: scalar == "P")
        default:
            output += Self.literal(try characterEscape(scalar))
        }
    }

    /// `\p{...}` and `\P{...}`, after the p: passed to Swift, which knows the same properties.
    private mutating func propertyEscape(negated: Bool) throws(ECMARegex.SyntaxError) -> String {
        guard skip("{"), let property = read(upTo: "}"), !property.isEmpty else {
            throw .init(reason: #"\p and \P must be followed by {property}"#)
        }
        return (negated ? #"\P{"# : #"\p{"#) + property + "}"
    }

    /// The character an escape stands for (after the backslash): `\t`, `\x41`, `\u{1F600}`,
    /// `\cJ`, an escaped syntax character... Anything else is an error, as in ECMA-262 with
    /// Unicode semantics; this also keeps Swift-only escapes like `\h` or `\A` out.
    private mutating func characterEscape(_ scalar: Unicode.Scalar) throws(ECMARegex.SyntaxError) -> Unicode.Scalar {
        switch scalar {
        case "t": return "\t"
        case "n": return "\n"
        case "v": return "\u{0B}"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "0":
            if let next = peek(), ("0"..."9").contains(next) { throw .init(reason: "octal escapes are not allowed") }
            return "\0"
        case "c":
            guard let letter = peek(), letter.isASCII, letter.properties.isAlphabetic else {
                throw .init(reason: #"\c must be followed by a letter"#)
            }
            index += 1
            return Unicode.Scalar(letter.value % 32)!
        case "x":
            guard let value = hexValue(length: 2) else { throw .init(reason: #"\x must be followed by two hex digits"#) }
            return Unicode.Scalar(value)!
        case "u":
            return try unicodeEscape()
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/", "-":
            return scalar
        default:
            throw .init(reason: "unknown escape \\\(Character(scalar))")
        }
    }

    /// After `\u`: `XXXX` (a surrogate pair written as two escapes is joined) or `{X...}`.
    private mutating func unicodeEscape() throws(ECMARegex.SyntaxError) -> Unicode.Scalar {
        if skip("{") {
            guard let digits = read(upTo: "}"), !digits.isEmpty, digits.count <= 6,
                let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value)
            else { throw .init(reason: #"\u{...} must hold a code point in hex"#) }
            return scalar
        }
        guard let unit = hexValue(length: 4) else { throw .init(reason: #"\u must be followed by four hex digits"#) }
        if let scalar = Unicode.Scalar(unit) { return scalar }
        // A high surrogate followed by \u and a low surrogate is one code point.
        if (0xD800..<0xDC00).contains(unit), peek() == "\\", peek(1) == "u" {
            index += 2
            if let low = hexValue(length: 4), (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
        }
        throw .init(reason: "a lone surrogate \\u\(String(unit, radix: 16, uppercase: true)) cannot be matched")
    }

    private mutating func hexValue(length: Int) -> UInt32? {
        guard index + length <= scalars.count else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[index..<(index + length)])
        guard text.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit), let value = UInt32(text, radix: 16) else {
            return nil
        }
        index += length
        return value
    }

    // MARK: Character classes

    private enum ClassAtom {
        case character(Unicode.Scalar)
        /// Swift text for a set inside a class: "0-9", "[^0-9]", "\p{L}".
        case set(String)
    }

    /// After `[`: the class, written with explicit code points.
    private mutating func translateClass() throws(ECMARegex.SyntaxError) {
        let negated = skip("^")
        if skip("]") {
            // ECMA-262's [] matches nothing and [^] matches any character.
            output += negated ? #"[\u{0}-\u{10FFFF}]"# : #"[^\u{0}-\u{10FFFF}]"#
            return
        }
        var body = ""
        while !skip("]") {
            let first = try classAtom()
            guard peek() == "-", let afterDash = peek(1), afterDash != "]" else {
                body += Self.text(of: first)
                continue
            }
            index += 1
            let second = try classAtom()
            guard case .character(let low) = first, case .character(let high) = second else {
                throw .init(reason: #"a class escape such as \d cannot start or end a range"#)
            }
            guard low.value <= high.value else {
                throw .init(reason: "range out of order in character class")
            }
            body += Self.rangeText(from: low, to: high)
        }
        output += "[" + (negated ? "^" : "") + body + "]"
    }

    private mutating func classAtom() throws(ECMARegex.SyntaxError) -> ClassAtom {
        guard let scalar = next() else { throw .init(reason: "missing ] at the end of a character class") }
        guard scalar == "\\" else { return .character(scalar) }
        guard let escaped = next() else { throw .init(reason: "the pattern ends with a lone backslash") }
        switch escaped {
        case "d": return .set("0-9")
        case "D": return .set("[^0-9]")
        case "w": return .set(Self.wordCharacters)
        case "W": return .set("[^\(Self.wordCharacters)]")
        case "s": return .set(Self.whitespace)
        case "S": return .set("[^\(Self.whitespace)]")
        case "b": return .character("\u{08}") // backspace, inside a class
        case "p", "P": return .set(try propertyEscape(negated: escaped == "P"))
        default: return .character(try characterEscape(escaped))
        }
    }

    /// A class range. Swift Regex only accepts range bounds that are in Unicode normal form C
    /// (U+2000 EN QUAD, for one, is not: it normalizes to U+2002), although it compares code
    /// points with the bounds. So a bound that is not accepted is listed on its own and the
    /// range starts (or ends) one code point further in; the code points inside are unaffected.
    private static func rangeText(from low: Unicode.Scalar, to high: Unicode.Scalar) -> String {
        var singles = ""
        var low = low.value
        var high = high.value
        while low <= high, let scalar = Unicode.Scalar(low), !isAcceptedRangeBound(scalar) {
            singles += literal(scalar)
            low += 1
        }
        while high > low, let scalar = Unicode.Scalar(high), !isAcceptedRangeBound(scalar) {
            singles += literal(scalar)
            high -= 1
        }
        guard low <= high, let first = Unicode.Scalar(low), let last = Unicode.Scalar(high) else { return singles }
        return singles + (first == last ? literal(first) : literal(first) + "-" + literal(last))
    }

    /// Asks Swift Regex itself, which is the authority on what it accepts. ASCII is always fine;
    /// other bounds are rare enough that compiling a tiny regex for each costs nothing.
    private static func isAcceptedRangeBound(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII || (try? Regex("[" + literal(scalar) + "-" + literal(scalar) + "]")) != nil
    }

    private static func text(of atom: ClassAtom) -> String {
        switch atom {
        case .character(let scalar): literal(scalar)
        case .set(let text): text
        }
    }
}
