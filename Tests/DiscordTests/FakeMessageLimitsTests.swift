import JSON
import Testing

@testable import HiringPulseTesting

/// The fake Discord refuses a message Discord would refuse, counting as Discord does.
@Suite struct FakeMessageLimitsTests {
    static func embed(_ members: [(key: String, value: JSONValue)]) -> JSONValue { .object([("embeds", .array([.object(members)]))]) }

    @Test func contentIsTwoThousandCodePoints() {
        #expect(FakeMessageLimits.violation(in: .object([("content", .string(String(repeating: "a", count: 2000)))])) == nil)
        #expect(FakeMessageLimits.violation(in: .object([("content", .string(String(repeating: "a", count: 2001)))])) != nil)
        // 1,001 flags are 1,001 characters to Swift but 2,002 code points to Discord.
        let flags = String(repeating: "🇺🇸", count: 1_001)
        #expect(FakeMessageLimits.violation(in: .object([("content", .string(flags))])) != nil)
    }

    @Test func embedPartsAndTheirTotalHaveLimits() {
        #expect(FakeMessageLimits.violation(in: Self.embed([("title", .string(String(repeating: "t", count: 257)))])) != nil)
        let footer = JSONValue.object([("text", .string(String(repeating: "f", count: 2049)))])
        #expect(FakeMessageLimits.violation(in: Self.embed([("footer", footer)])) != nil)
        let field = JSONValue.object([("name", .string("n")), ("value", .string(String(repeating: "v", count: 1000)))])
        #expect(FakeMessageLimits.violation(in: Self.embed([("fields", .array(Array(repeating: field, count: 5)))])) == nil)
        #expect(FakeMessageLimits.violation(in: Self.embed([("fields", .array(Array(repeating: field, count: 26)))])) != nil)
        let unnamed = JSONValue.object([("name", .string("")), ("value", .string("v"))])
        #expect(FakeMessageLimits.violation(in: Self.embed([("fields", .array([unnamed]))])) != nil)
        let big = JSONValue.object([("description", .string(String(repeating: "d", count: 4000)))])
        #expect(FakeMessageLimits.violation(in: .object([("embeds", .array([big]))])) == nil)
        let twoBig = JSONValue.object([("embeds", .array([big, big]))])
        #expect(FakeMessageLimits.violation(in: twoBig) == "embeds: Embed size exceeds maximum size of 6000")
        #expect(FakeMessageLimits.violation(in: .object([("embeds", .array(Array(repeating: .object([]), count: 11)))])) != nil)
    }
}
