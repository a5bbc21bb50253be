import JSON
import JSONSchema
import Testing

/// `pattern` follows ECMA-262 (with Unicode semantics), not Swift's own regex dialect. Schemas
/// here are written with JSON escapes, so "\\d" in the Swift source is \d in the pattern.
@Suite struct ECMARegexTests {
    @Test func dollarDoesNotMatchBeforeATrailingNewline() throws {
        try expectValidity(of: #"{"pattern": "^abc$"}"#, [(#""abc""#, true), (#""abc\n""#, false), (#""abc\r\n""#, false)])
        try expectValidity(of: #"{"pattern": "c$"}"#, [(#""abc""#, true), (#""abc\n""#, false)])
        // Nor does ^ match after a newline: there is no multiline mode.
        try expectValidity(of: #"{"pattern": "^b"}"#, [(#""b""#, true), (#""a\nb""#, false)])
    }

    @Test func digitClassIsASCIIOnly() throws {
        try expectValidity(
            of: #"{"pattern": "^\\d+$"}"#, [(#""42""#, true), (#""\u09ea\u09e8""#, false), (#""\u07c0""#, false), (#""-""#, false)])
        try expectValidity(of: #"{"pattern": "^\\D$"}"#, [(#""\u07c0""#, true), (#""0""#, false)])
        // A Unicode property escape is the way to ask for every digit.
        try expectValidity(of: #"{"pattern": "^\\p{Nd}+$"}"#, [(#""\u09ea\u09e8""#, true), (#""42""#, true), (#""x""#, false)])
    }

    @Test func wordClassIsASCIIOnly() throws {
        try expectValidity(of: #"{"pattern": "^\\w+$"}"#, [(#""Abc_123""#, true), (#""\u00e9""#, false), (#""a-b""#, false)])
        try expectValidity(of: #"{"pattern": "^\\W$"}"#, [(#""\u00e9""#, true), (#""a""#, false)])
        // \b uses the same ASCII word characters.
        try expectValidity(of: #"{"pattern": "a\\b"}"#, [(#""a\u00e9""#, true), (#""ab""#, false), (#""a""#, true)])
    }

    @Test func spaceClassIsECMAScriptsList() throws {
        try expectValidity(
            of: #"{"pattern": "^\\s$"}"#,
            [
                (#"" ""#, true), (#""\t""#, true), (#""\u000b""#, true), (#""\f""#, true), (#""\n""#, true), (#""\u00a0""#, true),
                (#""\ufeff""#, true), (#""\u2000""#, true), (#""\u2003""#, true), (#""\u2029""#, true), (#""\u3000""#, true),
                (#""\u0085""#, false), (#""\u0001""#, false), (#""\u2013""#, false), (#""x""#, false),
            ])
        try expectValidity(of: #"{"pattern": "^\\S$"}"#, [(#""x""#, true), (#""\u0085""#, true), (#"" ""#, false), (#""\ufeff""#, false)])
    }

    @Test func matchingIsByUnicodeCodePointNotCharacter() throws {
        // . is one code point: a flag (two code points) or e + U+0301 is two.
        try expectValidity(
            of: #"{"pattern": "^.$"}"#, [(#""\ud83d\udca9""#, true), (#""\u00e9""#, true), (#""e\u0301""#, false), (#""🇫🇷""#, false)])
        try expectValidity(of: #"{"pattern": "^..$"}"#, [(#""e\u0301""#, true), (#""🇫🇷""#, true)])
        // A precomposed é does not match e followed by a combining accent, nor the reverse.
        try expectValidity(of: #"{"pattern": "^\u00e9$"}"#, [(#""\u00e9""#, true), (#""e\u0301""#, false)])
        try expectValidity(of: #"{"pattern": "^e"}"#, [(#""e\u0301""#, true)])
        // A surrogate pair written as two \u escapes in the pattern is one code point.
        try expectValidity(of: #"{"pattern": "^\\ud83d\\udc32*$"}"#, [(#""""#, true), (#""🐲🐲""#, true), (#""🐉""#, false)])
    }

    @Test func dotExcludesOnlyLineTerminators() throws {
        try expectValidity(
            of: #"{"pattern": "^.$"}"#,
            [
                (#""\n""#, false), (#""\r""#, false), (#""\u2028""#, false), (#""\u2029""#, false),
                (#""\u0085""#, true), (#""\u000b""#, true), (#""\t""#, true),
            ])
    }

    @Test func escapesMeanWhatTheyMeanInECMAScript() throws {
        try expectValidity(of: #"{"pattern": "^\\t$"}"#, [(#""\t""#, true), (#""\\t""#, false)])
        try expectValidity(of: #"{"pattern": "^\\cC$"}"#, [(#""\u0003""#, true), (#""\\cC""#, false)])
        try expectValidity(of: #"{"pattern": "^\\cc$"}"#, [(#""\u0003""#, true)])
        try expectValidity(of: #"{"pattern": "^\\v$"}"#, [(#""\u000b""#, true), (#""\n""#, false)])
        try expectValidity(of: #"{"pattern": "^\\x41\\u0042\\u{43}$"}"#, [(#""ABC""#, true)])
        try expectValidity(of: #"{"pattern": "^\\/\\.\\*\\-$"}"#, [(#""/.*-""#, true), (#""/a*-""#, false)])
        try expectValidity(of: #"{"pattern": "^\\0$"}"#, [(#""\u0000""#, true), (#""0""#, false)])
    }

    @Test func bracesAndBracketsOutsideAQuantifierAreLiteral() throws {
        try expectValidity(of: #"{"pattern": "^a{,3}$"}"#, [(#""a{,3}""#, true), (#""aa""#, false)])
        try expectValidity(of: #"{"pattern": "^{x}]$"}"#, [(#""{x}]""#, true)])
        try expectValidity(of: #"{"pattern": "^a{2,3}$"}"#, [(#""aa""#, true), (#""aaa""#, true), (#""aaaa""#, false)])
        try expectValidity(of: #"{"pattern": "^a{2}?$"}"#, [(#""aa""#, true)])
    }

    @Test func characterClasses() throws {
        try expectValidity(of: #"{"pattern": "^[a-c\\d_-]+$"}"#, [(#""ab1_-c""#, true), (#""abd""#, false)])
        try expectValidity(of: #"{"pattern": "^[^\\s,]+$"}"#, [(#""a;b""#, true), (#""a b""#, false), (#""a,b""#, false)])
        try expectValidity(of: #"{"pattern": "^[\\b]$"}"#, [(#""\b""#, true), (#""b""#, false)])
        // [] matches nothing and [^] matches anything, line terminators included.
        try expectValidity(of: #"{"pattern": "[]"}"#, [(#""a""#, false), (#""""#, false)])
        try expectValidity(of: #"{"pattern": "^[^]$"}"#, [(#""\n""#, true), (#""a""#, true)])
        // Swift-only class syntax is plain text in ECMAScript.
        try expectValidity(of: #"{"pattern": "^[a&&b]+$"}"#, [(#""a&&b""#, true), (#""&""#, true)])
        try expectValidity(of: #"{"pattern": "^[[:alpha:]]+$"}"#, [(#""x""#, false), (#""[:a]""#, false), (#"":]""#, true)])
    }

    @Test func rangesWhoseEndsAreNotInNormalFormC() throws {
        // Swift Regex rejects U+2000 as a range bound (it normalizes to U+2002); ECMAScript does not.
        try expectValidity(
            of: #"{"pattern": "^[\\u2000-\\u200a]$"}"#,
            [(#""\u2000""#, true), (#""\u2001""#, true), (#""\u2005""#, true), (#""\u2002""#, true), (#""x""#, false)])
        try expectValidity(of: #"{"pattern": "^[\\u2000-\\u2001]$"}"#, [(#""\u2000""#, true), (#""\u2001""#, true), (#""\u2002""#, false)])
    }

    @Test func groupsAlternationAndBackreferences() throws {
        try expectValidity(of: #"{"pattern": "^(?:ab|cd)+$"}"#, [(#""abcdab""#, true), (#""abc""#, false)])
        try expectValidity(of: #"{"pattern": "^(a)\\1$"}"#, [(#""aa""#, true), (#""ab""#, false)])
        try expectValidity(of: #"{"pattern": "^(?<x>[ab])\\k<x>$"}"#, [(#""bb""#, true), (#""ab""#, false)])
        try expectValidity(of: #"{"pattern": "^a(?=b)"}"#, [(#""ab""#, true), (#""ac""#, false)])
        try expectValidity(of: #"{"pattern": "^a(?!b)"}"#, [(#""ac""#, true), (#""ab""#, false)])
        try expectValidity(of: #"{"pattern": "^a+?b$"}"#, [(#""aab""#, true)])
    }

    @Test func unicodePropertyEscapes() throws {
        try expectValidity(of: #"{"pattern": "^\\p{Letter}+$"}"#, [(#""Hello""#, true), (#""\u03c0""#, true), (#""123""#, false)])
        try expectValidity(of: #"{"pattern": "^\\P{L}+$"}"#, [(#""123""#, true), (#""a""#, false)])
        try expectValidity(of: #"{"pattern": "\\p{Letter}cole"}"#, [(#""l'\u00e9cole""#, true), (#""L'\u00c9COLE""#, false)])
    }

    @Test func lookbehindWorksOrIsReportedAsUnsupported() throws {
        // Swift Regex (as of Swift 6.3) cannot run lookbehind; a schema using it must fail
        // loudly rather than match wrongly.
        let schema = #"{"pattern": "(?<=a)b"}"#
        if let validator = try? makeValidator(schema) {
            #expect(validator.isValid(.string("ab")))
            #expect(!validator.isValid(.string("cb")))
        } else {
            #expect(try schemaError(schema)?.contains("lookbehind") == true)
        }
    }

    @Test func syntaxThatIsNotECMAScriptIsRejected() throws {
        for pattern in [
            #"(?i)abc"#, #"a*+"#, #"a++"#, #"(?>a)"#, #"\\h"#, #"\\Aabc"#, #"\\Qa\\E"#, #"[z-a]"#, #"(abc"#, #"a{3,2}"#, #"\\"#, #"\\01"#,
        ] {
            let error = try schemaError("{\"pattern\": \"\(pattern)\"}")
            #expect(error?.hasPrefix("invalid schema at #/pattern: ") == true, "\(pattern): \(error ?? "")")
            #expect(error?.contains("is not a valid regular expression") == true, "\(pattern): \(error ?? "")")
        }
    }
}
