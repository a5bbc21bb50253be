import Support
import Testing

/// Other people's words inside ours: one line, bounded.
@Suite struct QuotedTextTests {
    @Test func theFirstLineIsTheFirstWithSomethingOnIt() {
        #expect("bad key\n  at line 3".firstLine == "bad key")
        #expect("\n\r\nreally this\nnot this".firstLine == "really this")
        #expect("".firstLine == "")
        #expect("one line"[...].firstLine == "one line")
    }

    @Test func aClippedTextEndsInAnEllipsisWithinItsLength() {
        #expect("abcdef".clipped(to: 6) == "abcdef")
        #expect("abcdefg".clipped(to: 6) == "abcde…")
        #expect("🇯🇵🇯🇵🇯🇵".clipped(to: 2) == "🇯🇵…")
        #expect("abc".clipped(to: 1) == "…")
    }
}
