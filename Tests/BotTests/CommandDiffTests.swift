import Bot
import Daemon
import JSON
import Testing

@Suite struct CommandDiffTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func whatDiscordAddsOrDefaultsIsNoDifference() throws {
        let declared = try Self.parse(
            #"{"name":"top","description":"Most active","default_member_permissions":"32","options":[{"type":4,"name":"days","description":"Days","min_value":1}]}"#
        )
        let registered = try Self.parse(
            #"{"id":"1","application_id":"2","version":"3","type":1,"nsfw":false,"name":"top","description":"Most active","default_member_permissions":"32","options":[{"type":4,"name":"days","description":"Days","required":false,"min_value":1.0}]}"#
        )
        #expect(CommandDiff.compare(declared: [declared], registered: [registered]) == [.unchanged("top")])
    }

    @Test func addedRemovedAndChangedFieldsAreNamed() throws {
        let declared = [
            try Self.parse(
                #"{"name":"top","description":"Most active, by reports","options":[{"type":4,"name":"days","description":"Days","max_value":365}]}"#
            ),
            try Self.parse(#"{"name":"jobs","description":"Postings"}"#),
        ]
        let registered = [
            try Self.parse(
                #"{"name":"top","description":"Most active","options":[{"type":4,"name":"days","description":"Days","max_value":30}]}"#),
            try Self.parse(#"{"name":"old","description":"Gone"}"#),
        ]
        let changes = CommandDiff.compare(declared: declared, registered: registered)
        #expect(changes == [.changed("top", fields: ["description", "options[0].max_value"]), .added("jobs"), .removed("old")])
        #expect(changes.map(\.description) == ["~ /top: description, options[0].max_value", "+ /jobs", "- /old"])
    }
}
