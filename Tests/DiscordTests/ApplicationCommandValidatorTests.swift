import Discord
import JSON
import Testing

/// Discord's rules for application commands (Application Commands › Application Command Object),
/// one group per rule.
@Suite struct ApplicationCommandValidatorTests {
    static func command(_ extra: String = "", options: String = "[]") throws -> JSONValue {
        try JSONParser.parse(#"{"name": "stats", "description": "Statistics", "options": \#(options)\#(extra)}"#)
    }

    static func option(_ name: String = "company", type: Int = 3, required: Bool = false, extra: String = "") -> String {
        #"{"type": \#(type), "name": "\#(name)", "description": "A company", "required": \#(required)\#(extra)}"#
    }

    func problems(_ command: JSONValue) -> [String] { ApplicationCommandValidator.problems(in: command) }

    @Test func aWellFormedCommandHasNoProblems() throws {
        #expect(
            problems(
                try Self.command(
                    #", "default_member_permissions": "32", "contexts": [0]"#,
                    options: "[\(Self.option(extra: #", "autocomplete": true"#))]")
            ).isEmpty)
    }

    @Test(arguments: ["Stats", "my stats", "stats!", "", String(repeating: "a", count: 33)])
    func namesFollowDiscordsPattern(name: String) throws {
        let command = try JSONParser.parse(#"{"name": "\#(name)", "description": "Statistics"}"#)
        #expect(problems(command).contains { $0.hasPrefix("name:") })
    }

    @Test(arguments: ["статистика", "統計", "top-10", "don't", "a_b"])
    func namesInAnyScriptWithDashesAndUnderscoresAreFine(name: String) throws {
        #expect(problems(try JSONParser.parse(#"{"name": "\#(name)", "description": "Statistics"}"#)).isEmpty)
    }

    @Test func descriptionsAreOneToAHundredCharacters() throws {
        let long = String(repeating: "x", count: 101)
        #expect(
            problems(try JSONParser.parse(#"{"name": "stats", "description": "\#(long)"}"#)) == [
                "description: 101 characters; it must be 1 to 100"
            ])
        #expect(problems(try JSONParser.parse(#"{"name": "stats", "description": ""}"#)).count == 1)
        #expect(problems(try JSONParser.parse(#"{"name": "stats"}"#)) == ["description: missing"])
    }

    @Test func requiredOptionsComeFirst() throws {
        let options = "[\(Self.option("a")), \(Self.option("b", required: true))]"
        #expect(problems(try Self.command(options: options)) == ["options[1]: required options must come before optional ones"])
    }

    @Test func atMostTwentyFiveOptionsAndNoDuplicateNames() throws {
        let many = (0..<26).map { Self.option("o\($0)") }.joined(separator: ", ")
        #expect(problems(try Self.command(options: "[\(many)]")).contains("options: 26 options; Discord allows 25"))
        let twice = "[\(Self.option("a")), \(Self.option("a"))]"
        #expect(problems(try Self.command(options: twice)) == [#"options[1].name: "a" is used twice"#])
    }

    @Test func choicesAndAutocompleteExcludeEachOther() throws {
        let option = Self.option(extra: #", "autocomplete": true, "choices": [{"name": "JPMC", "value": "jpmc"}]"#)
        #expect(problems(try Self.command(options: "[\(option)]")) == ["options[0]: choices and autocomplete cannot be used together"])
    }

    @Test func choicesAreBoundedAndTypedLikeTheirOption() throws {
        let many = (0..<26).map { #"{"name": "c\#($0)", "value": "v\#($0)"}"# }.joined(separator: ", ")
        #expect(
            problems(try Self.command(options: "[\(Self.option(extra: ", \"choices\": [\(many)]"))]"))
                == ["options[0].choices: 26 choices; Discord allows 25"])
        let mistyped = Self.option("days", type: 4, extra: #", "choices": [{"name": "week", "value": "7"}]"#)
        #expect(problems(try Self.command(options: "[\(mistyped)]")) == ["options[0].choices[0].value: must be a number like the option"])
        let onBoolean = Self.option("flag", type: 5, extra: #", "choices": [{"name": "yes", "value": true}]"#)
        #expect(
            problems(try Self.command(options: "[\(onBoolean)]")).contains(
                "options[0].choices: only string, integer and number options have choices"))
    }

    @Test func rangesBelongToTheirTypes() throws {
        #expect(
            problems(try Self.command(options: "[\(Self.option("days", type: 4, extra: #", "min_value": 30, "max_value": 7"#))]"))
                == ["options[0]: min_value is above max_value"])
        #expect(
            problems(try Self.command(options: "[\(Self.option(extra: #", "min_value": 1"#))]"))
                == ["options[0]: min_value and max_value are for integer and number options"])
        #expect(
            problems(try Self.command(options: "[\(Self.option(extra: #", "max_length": 7000"#))]"))
                == ["options[0].max_length: must be 1 to 6000"])
    }

    @Test func subcommandsNestByTheRules() throws {
        let sub = #"{"type": 1, "name": "add", "description": "Add", "options": [\#(Self.option(required: true))]}"#
        #expect(problems(try Self.command(options: "[\(sub)]")).isEmpty)
        #expect(
            problems(try Self.command(options: "[\(sub), \(Self.option("other"))]")) == [
                "options: subcommands cannot be mixed with other options"
            ])
        let group = #"{"type": 2, "name": "alias", "description": "Aliases", "options": [\#(Self.option())]}"#
        #expect(problems(try Self.command(options: "[\(group)]")).contains("options[0].options: a subcommand group holds only subcommands"))
    }

    @Test func permissionsAndContextsAreDiscordsShapes() throws {
        #expect(problems(try Self.command(#", "default_member_permissions": 32"#)).count == 1)
        #expect(problems(try Self.command(#", "default_member_permissions": "Manage Server""#)).count == 1)
        #expect(problems(try Self.command(#", "default_member_permissions": null"#)).isEmpty)
        #expect(
            problems(try Self.command(#", "contexts": [0, 3]"#)) == [
                "contexts: must be a list of 0 (server), 1 (bot DM) or 2 (private channel)"
            ])
    }

    @Test func namesDescriptionsAndChoicesAddUpToAtMostFourThousand() throws {
        let description = String(repeating: "d", count: 100)
        let choices = (0..<25).map { _ in
            #"{"name": "\#(String(repeating: "n", count: 100))", "value": "\#(String(repeating: "v", count: 100))"}"#
        }
        let options = (0..<2).map { Self.option("o\($0)", extra: ", \"choices\": [\(choices.joined(separator: ", "))]") }
        let command = try JSONParser.parse(
            #"{"name": "stats", "description": "\#(description)", "options": [\#(options.joined(separator: ", "))]}"#)
        #expect(problems(command).contains { $0.contains("add up to") })
    }

    @Test func theSetHasUniqueNames() throws {
        let stats = try Self.command()
        #expect(ApplicationCommandValidator.problems(in: [stats, stats]) == ["stats: two commands share this name"])
    }
}

@Suite struct EmbedTests {
    @Test func eachPartIsCutToItsLimit() {
        let embed = Embed(
            title: String(repeating: "t", count: 300), description: String(repeating: "d", count: 5000),
            fields: (0..<30).map { _ in Embed.Field(String(repeating: "n", count: 300), String(repeating: "v", count: 2000)) }
        ).fitted
        #expect(embed.title?.count == 256)
        #expect(embed.title?.hasSuffix("…") == true)
        #expect(embed.description?.count == 4096)
        #expect(embed.fields.count == 25)
        #expect(embed.fields.allSatisfy { $0.name.count == 256 && $0.value.count == 1024 })
    }

    @Test func aMessageStaysWithinSixThousandCharacters() {
        let big = Embed(
            title: "Stats", description: String(repeating: "d", count: 4000),
            fields: (0..<10).map { Embed.Field("field \($0)", String(repeating: "v", count: 1000)) })
        let fitted = Embed.fit([big, big])
        #expect(fitted.reduce(0) { $0 + $1.characterCount } <= Embed.totalLimit)
        #expect(fitted[0].title == "Stats")
    }

    /// Discord counts code points: a flag is two, a family emoji seven. Text is cut between whole
    /// characters, so that what is sent fits as Discord counts it and no emoji is split.
    @Test func lengthsAreCodePointsAndCutsKeepWholeCharacters() {
        let flags = String(repeating: "🇺🇸", count: 1_500)
        #expect(Embed.length(flags) == 3_000)
        let content = Embed.cut(flags, to: 2000)
        #expect(Embed.length(content) <= 2000)
        #expect(content.hasSuffix("…"))
        #expect(content.dropLast().allSatisfy { $0 == "🇺🇸" })
        #expect(content.count == 1_000)
        let family = "👨‍👩‍👧‍👦"
        #expect(Embed.cut(family + family, to: 10) == family + "…")
        let fitted = Embed.fit([Embed(description: String(repeating: family, count: 1_000))])
        #expect(fitted[0].characterCount <= Embed.descriptionLimit)
    }

    @Test func optionsAreReadThroughSubcommands() throws {
        let data = try JSONParser.parse(
            #"""
            {"name": "alias", "options": [{"type": 1, "name": "add", "options": [
              {"type": 3, "name": "company", "value": "JPMC", "focused": true}, {"type": 4, "name": "days", "value": 30}]}]}
            """#)
        let options = InteractionOptions(data: data)
        #expect(options.path == ["alias", "add"])
        #expect(options.string("company") == "JPMC")
        #expect(options.integer("days") == 30)
        #expect(options.focused == "company")
    }
}
