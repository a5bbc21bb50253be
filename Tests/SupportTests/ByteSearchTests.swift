import Support
import Testing

@Suite struct ByteSearchTests {
    let bytes = Array("a <!-- b --> c -->".utf8)

    @Test func findsTheFirstOccurrenceFromAPosition() {
        #expect(bytes.firstIndex(ofBytes: "-->") == 9)
        #expect(bytes.firstIndex(ofBytes: "-->", from: 10) == 15)
        #expect(bytes.firstIndex(ofBytes: "a") == 0)
    }

    @Test func isNilWhereItCannotBe() {
        #expect(bytes.firstIndex(ofBytes: "-->", from: 16) == nil)
        #expect(bytes.firstIndex(ofBytes: "-->", from: bytes.count) == nil)
        #expect(bytes.firstIndex(ofBytes: "-->", from: bytes.count + 5) == nil)
        #expect(Array("--".utf8).firstIndex(ofBytes: "-->") == nil)
        #expect([UInt8]().firstIndex(ofBytes: "<") == nil)
    }

    @Test func comparesBytesNotCharacters() {
        #expect("café".containsBytes("é"))
        // "é" written as e and a combining accent is another byte sequence.
        #expect(!"cafe\u{301}".containsBytes("é"))
        #expect("offer from jane street".containsBytes("jane street"))
        #expect(!"offer".containsBytes("offers"))
    }
}
