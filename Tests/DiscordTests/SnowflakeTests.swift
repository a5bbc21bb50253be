import Discord
import Foundation
import Testing

@Suite struct SnowflakeTests {
    @Test func readsTheCreationTime() throws {
        // The example from Discord's reference: 175928847299117063 was created 2016-04-30T11:18:25.796Z.
        let id = try #require(Snowflake("175928847299117063"))
        #expect(id.unixMilliseconds == 1_462_015_105_796)
        #expect(id.description == "175928847299117063")
    }

    @Test func aTimeCursorSortsBeforeEveryIdCreatedThen() throws {
        let id = try #require(Snowflake("175928847299117063"))
        #expect(Snowflake(unixMilliseconds: id.unixMilliseconds) <= id)
        #expect(Snowflake(unixMilliseconds: id.unixMilliseconds + 1) > id)
    }

    @Test(arguments: ["", "-1", "+1", "12a", "1.5", "99999999999999999999999", "18446744073709551616", " 1", "1 ", "١٢"])
    func rejectsWhatIsNotAnID(text: String) {
        #expect(Snowflake(text) == nil)
    }

    @Test func readsEveryUnsigned64BitValue() {
        #expect(Snowflake("0")?.rawValue == 0)
        #expect(Snowflake("18446744073709551615")?.rawValue == .max)
        #expect(Snowflake("00000000000000000042")?.rawValue == 42)
        #expect(Snowflake("175928847299117063"[...])?.rawValue == 175_928_847_299_117_063)
    }

    @Test func decodesFromStringsAndNumbersAndEncodesAsString() throws {
        let decoded = try JSONDecoder().decode([Snowflake].self, from: Data(#"["41771983423143937", 41771983423143937]"#.utf8))
        #expect(decoded[0] == decoded[1])
        #expect(String(decoding: try JSONEncoder().encode(decoded[0]), as: UTF8.self) == #""41771983423143937""#)
    }
}
