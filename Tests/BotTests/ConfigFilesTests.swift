import Alerts
import Bot
import ConfigFiles
import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Testing

/// The four YAML files are read by one reader (`YAMLFile`): each kind of problem is one line with
/// its file and line, whichever file it is in. Real files, in a temporary directory.
@Suite struct ConfigFilesTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case configuration = "hiringpulse.yaml"
        case alerts = "alerts.yaml"
        case feeds = "feeds.yaml"
        case companies = "companies.yaml"

        var testDescription: String { rawValue }

        /// Every problem of the file at `path`, as its reader reports them.
        func problems(at path: String) -> [String] {
            do {
                switch self {
                case .configuration: return ConfigLoader.load(path: path, environment: [:]).problems
                case .alerts: _ = try AlertProfilesFile.contents(of: path, environment: [:])
                case .feeds: _ = try FeedsFile.load(contentsOf: path)
                case .companies: _ = try CompanyCatalogFile.read(contentsOf: path)
                }
                return []
            } catch {
                return error.lines
            }
        }

        /// A valid file with one key of its own at the top level, then `extra` (which starts at line 3).
        func file(then extra: String) -> String {
            switch self {
            case .configuration: "database:\n  path: a.sqlite\n" + extra
            case .alerts: "profiles: []\nadmin: []\n" + extra
            case .feeds: "feeds: []\n# the feeds\n" + extra
            case .companies: "companies:\n  - name: Acme\n" + extra
            }
        }

        /// A value of the wrong type on line 3, and what the reader says of it.
        var wrongType: (yaml: String, problem: String) {
            switch self {
            case .configuration:
                ("stats:\n  top_companies: 5\n  trend_days: [7]\n", "stats.trend_days: expected an integer, got a list")
            case .alerts:
                (
                    "profiles:\n  - name: go\n    min_salary: lots\n    destinations: [{telegram: \"1\"}]\n",
                    "profile go: min_salary must be a positive annual amount"
                )
            case .feeds:
                (
                    "feeds:\n  - name: jobs\n    interval_minutes: often\n    format: rss\n    url: https://example.com/rss\n",
                    "feed jobs: interval_minutes must be at least 1"
                )
            case .companies: ("companies:\n  - name: Acme\n    aliases: ACME\n", "company Acme: aliases must be a list")
            }
        }
    }

    static func problems(_ kind: Kind, _ yaml: String) throws -> (path: String, problems: [String]) {
        let directory = try TemporaryDirectory(prefix: "config-files")
        defer { directory.remove() }
        let path = directory.file(kind.rawValue)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, kind.problems(at: path))
    }

    @Test(arguments: Kind.allCases)
    func invalidYAMLIsOneLineWithItsLine(_ kind: Kind) throws {
        let (path, problems) = try Self.problems(kind, kind.file(then: "broken: [unclosed\n"))
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("\(path):4: invalid YAML: ") == true, "\(problems)")
        #expect(problems.first?.contains("\n") == false)
    }

    @Test(arguments: Kind.allCases)
    func aKeyWrittenTwiceIsInvalidYAMLWithItsLine(_ kind: Kind) throws {
        let (path, problems) = try Self.problems(kind, kind.file(then: "colour: red\ncolour: blue\n"))
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("\(path):") == true && problems.first?.contains("colour is written twice") == true, "\(problems)")
    }

    @Test(arguments: Kind.allCases)
    func anUnknownKeyIsNamedAtItsLine(_ kind: Kind) throws {
        let (path, problems) = try Self.problems(kind, kind.file(then: "colour: blue\n"))
        #expect(problems == ["\(path):3: unknown key colour"])
    }

    @Test(arguments: Kind.allCases)
    func aValueOfTheWrongTypeIsNamedAtItsLine(_ kind: Kind) throws {
        let (path, problems) = try Self.problems(kind, kind.wrongType.yaml)
        #expect(problems == ["\(path):3: \(kind.wrongType.problem)"])
    }

    @Test(arguments: Kind.allCases)
    func aFileThatCannotBeReadIsOneLine(_ kind: Kind) throws {
        let directory = try TemporaryDirectory(prefix: "config-files")
        defer { directory.remove() }
        #expect(kind.problems(at: directory.path) == ["cannot read config file \(directory.path): not a readable file"])
        let missing = directory.file("missing.yaml")
        #expect(kind.problems(at: missing) == ["cannot read config file \(missing): no such file"])
        try Data([0x66, 0x65, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: directory.file("latin1.yaml")))
        #expect(kind.problems(at: directory.file("latin1.yaml")) == ["config file \(directory.file("latin1.yaml")) is not valid UTF-8"])
    }

    @Test func theTopLevelMustBeAMappingInEachFile() throws {
        for kind in Kind.allCases {
            let (path, problems) = try Self.problems(kind, "# a list, not a mapping\n- one\n- two\n")
            #expect(problems.count == 1, "\(kind): \(problems)")
            #expect(problems.first?.hasPrefix("\(path):2: ") == true, "\(kind): \(problems)")
        }
    }

    /// An alerts.yaml profile without `destinations:` used to be the one problem with no line.
    @Test func aProfileWithoutDestinationsIsNamedAtItsLine() throws {
        let (path, problems) = try Self.problems(.alerts, "profiles:\n  - name: go\n    skills: [go]\n")
        #expect(problems == ["\(path):2: profile go: needs destinations (telegram:, slack:, discord_channel: or email:)"])
    }

    /// companies.yaml is read once: the catalog `run` uses comes from the same reading that
    /// `config check` reports on, so a key it does not know stops both.
    @Test func theAliasMapIsReadOnceForItsCatalogAndItsProblems() throws {
        let directory = try TemporaryDirectory(prefix: "config-files")
        defer { directory.remove() }
        let path = directory.file("companies.yaml")
        try "companies:\n  - name: Acme\n    aliases: [ACME Corp]\n    strict: [Acme]\n    category: tech\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let catalog = try CompanyCatalogFile.read(contentsOf: path)
        #expect(catalog.definitions == [CompanyDefinition(name: "Acme", category: "tech", aliases: ["ACME Corp"], strict: ["Acme"])])
        #expect(try CompanyCatalog.load(contentsOf: path).definitions == catalog.definitions)
        try "companies:\n  - name: Acme\n    alias: [ACME Corp]\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigFileError.self) { try CompanyCatalog.load(contentsOf: path) }
        #expect {
            try CompanyCatalog.load(yaml: "companies:\n  - name: Acme\n    alias: [ACME Corp]\n")
        } throws: { error in
            "\(error)" == "invalid company alias map: line 3: company Acme: unknown key alias"
        }
    }
}

/// Typed keys: each reads its own type, and says in one line why a value is not one.
@Suite struct ConfigKeyTests {
    func read<Value>(_ key: ConfigKey<Value>, _ input: ConfigInput) throws(ConfigValueError) -> Value {
        try key.read(input)
    }

    @Test func aKeyReadsItsTypeOrSaysWhyNot() throws {
        #expect(try read(.statsTrendDays, .text(" 14 ")) == 14)
        #expect(throws: ConfigValueError("must be at least 1, got 0")) { try read(.statsTrendDays, .text("0")) }
        #expect(throws: ConfigValueError("expected an integer, got \"two weeks\"")) {
            try read(.statsTrendDays, .text("two weeks"))
        }
        #expect(throws: ConfigValueError("expected an integer, got a list")) { try read(.statsTrendDays, .list(["14"])) }
        #expect(try read(.extractionExtractor, .text("llm")) == .llm)
        #expect(throws: ConfigValueError("must be one of rules, llm, got \"gpt\"")) { try read(.extractionExtractor, .text("gpt")) }
        #expect(try read(.discordShardCount, .text("auto")) == .automatic)
        #expect(try read(.discordChannelIDs, .text("1, 2,")) == [Snowflake(rawValue: 1), Snowflake(rawValue: 2)])
        #expect(throws: ConfigValueError("\"general\" is not a Discord id (a number, as Developer Mode's Copy ID gives it)")) {
            try read(.discordChannelIDs, .list(["general"]))
        }
        #expect(try read(.httpBind, .text("")) == nil)
        #expect(try read(.llmTemperature, .text("")) == nil)
    }

    @Test func theConfigurationIsReadThroughItsKeys() {
        let loaded = ConfigLoader.load(
            path: nil, environment: ["HIRINGPULSE_LLM_TEMPERATURE": "", "HIRINGPULSE_FEEDS_ALERT_AFTER_MINUTES": "1.5"])
        #expect(loaded.problems.isEmpty)
        // Empty leaves the temperature to the server, as documented.
        #expect(loaded.config[.llmTemperature] == nil)
        #expect(loaded.config.llm.settings.temperature == nil)
        #expect(loaded.config.feedAlertAfter == .seconds(90))
        #expect(loaded.resolved.first { $0.option.key == "feeds.alert_after_minutes" }?.value == "1.5")
        var config = loaded.config
        config[.statsTrendDays] = 7
        #expect(config.trendDays == 7 && config[.statsTopCompanies] == 10)
    }

    /// The README's configuration table lists every key, its environment variable and default.
    @Test func theREADMEListsEveryKeyWithItsDefault() throws {
        let readme = try String(contentsOfFile: RepositoryFile.path("README.md"), encoding: .utf8)
        for option in ConfigOption.all {
            let value = option.defaultText.isEmpty ? "empty" : "`\(option.defaultText)`"
            #expect(readme.contains("| `\(option.key)` | `\(option.environmentVariable)` | \(value) |"), "\(option.key)")
        }
    }
}
