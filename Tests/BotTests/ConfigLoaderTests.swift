import Bot
import Discord
import Foundation
import HiringPulseTesting
import Testing

@Suite struct ConfigLoaderTests {
    static func load(yaml: String?, environment: [String: String] = [:]) async throws -> LoadedConfig {
        let directory = try TemporaryDirectory(prefix: "config-tests")
        defer { directory.remove() }
        var path: String?
        if let yaml {
            path = directory.file("hiringpulse.yaml")
            try yaml.write(toFile: path!, atomically: true, encoding: .utf8)
        }
        return ConfigLoader.load(path: path, environment: environment)
    }

    @Test func theShippedFileWorksAsIs() async throws {
        let shipped = try String(contentsOfFile: RepositoryFile.path("config/hiringpulse.yaml"), encoding: .utf8)
        let loaded = try await Self.load(yaml: shipped)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.config.databasePath == "data/hiringpulse.sqlite")
        #expect(loaded.config.extractor == .rules)
        // Every key the code knows is written in the shipped file, so nobody has to guess.
        for option in ConfigOption.all {
            #expect(loaded.resolved.first { $0.option.key == option.key }?.source == .file, "\(option.key) missing")
        }
    }

    @Test func environmentVariablesOverrideTheFile() async throws {
        let loaded = try await Self.load(
            yaml: "database:\n  path: from-file.sqlite\nstats:\n  trend_days: 14\n",
            environment: ["HIRINGPULSE_DATABASE_PATH": "/tmp/from-env.sqlite", "HIRINGPULSE_IMPORT_BATCH_SIZE": "50"])
        #expect(loaded.problems.isEmpty)
        #expect(loaded.config.databasePath == "/tmp/from-env.sqlite")
        #expect(loaded.config.importBatchSize == 50)
        #expect(loaded.config.trendDays == 14)
        #expect(loaded.resolved.first { $0.option.key == "database.path" }?.source == .environment)
        #expect(loaded.resolved.first { $0.option.key == "stats.trend_days" }?.source == .file)
        #expect(loaded.resolved.first { $0.option.key == "stats.top_companies" }?.source == .defaultValue)
    }

    /// Validation accepts a boolean in any case; reading it must too.
    @Test func aBooleanReadsAsValidationAcceptsIt() async throws {
        let loaded = try await Self.load(yaml: "discord:\n  compress: false\n", environment: ["HIRINGPULSE_DISCORD_COMPRESS": "TRUE"])
        #expect(loaded.problems.isEmpty)
        #expect(loaded.config.discord.compress)
    }

    @Test func everyKeyHasItsEnvironmentVariable() {
        #expect(ConfigOption.named("database.path")?.environmentVariable == "HIRINGPULSE_DATABASE_PATH")
        #expect(ConfigOption.named("extraction.batch_size")?.environmentVariable == "HIRINGPULSE_EXTRACTION_BATCH_SIZE")
    }

    @Test func unknownKeysAreNamedWithTheirLine() async throws {
        let loaded = try await Self.load(yaml: "database:\n  path: a.sqlite\n  pth: b.sqlite\nextra: 1\n")
        #expect(loaded.problems.count == 2)
        #expect(loaded.problems[0].hasSuffix("hiringpulse.yaml:3: unknown key database.pth"))
        #expect(loaded.problems[1].hasSuffix("hiringpulse.yaml:4: unknown key extra"))
    }

    @Test func wrongTypesAreExplained() async throws {
        let loaded = try await Self.load(yaml: "import:\n  batch_size: lots\nextraction:\n  extractor: gpt\n")
        #expect(loaded.problems.contains { $0.hasSuffix(":2: import.batch_size: expected an integer, got \"lots\"") })
        #expect(loaded.problems.contains { $0.hasSuffix(":4: extraction.extractor: must be one of rules, llm, got \"gpt\"") })
        // Values with problems fall back to their defaults.
        #expect(loaded.config.importBatchSize == 2000)
    }

    @Test func invalidYAMLIsOneLine() async throws {
        let loaded = try await Self.load(yaml: "database:\n  path: [unclosed\n")
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems[0].contains("invalid YAML"))
        #expect(!loaded.problems[0].contains("\n"))
    }

    @Test func aMissingFileIsAProblem() async {
        let loaded = ConfigLoader.load(path: "/nonexistent/hiringpulse.yaml", environment: [:])
        #expect(loaded.problems == ["cannot read config file /nonexistent/hiringpulse.yaml: no such file"])
    }

    @Test func unknownEnvironmentVariablesAndBadValuesAreProblems() async throws {
        let loaded = try await Self.load(
            yaml: nil, environment: ["HIRINGPULSE_DATABSE_PATH": "x", "HIRINGPULSE_STATS_TREND_DAYS": "0"])
        #expect(loaded.problems.contains("unknown environment variable HIRINGPULSE_DATABSE_PATH: no such configuration key"))
        #expect(loaded.problems.contains("HIRINGPULSE_STATS_TREND_DAYS: must be at least 1, got 0"))
    }

    @Test func secretsComeFromTheEnvironmentAndAreNeverPrinted() async throws {
        let token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-discord-token"
        let loaded = try await Self.load(yaml: nil, environment: ["DISCORD_TOKEN": token, "LLM_API_KEY": "sk-test-123"])
        #expect(loaded.config.secrets[.discordToken] == token)
        #expect(loaded.config.secrets.isSet(.llmAPIKey))
        #expect(!loaded.config.secrets.isSet(.slackWebhookURL))
        var dumped = ""
        dump(loaded.config, to: &dumped)
        let printed = "\(loaded.config.secrets) \(String(reflecting: loaded.config.secrets)) \(loaded.config) \(dumped)"
        #expect(!printed.contains(token))
        #expect(!printed.contains("sk-test-123"))
    }

    @Test func aSecretCanComeFromAFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "token-from-file\n".write(toFile: directory.file("token"), atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(path: nil, environment: ["DISCORD_TOKEN_FILE": directory.file("token")])
        #expect(loaded.config.secrets[.discordToken] == "token-from-file")
    }

    @Test func discordSettingsAreReadAndChecked() async throws {
        let shipped = try await Self.load(yaml: try String(contentsOfFile: RepositoryFile.path("config/hiringpulse.yaml"), encoding: .utf8))
        #expect(shipped.config.discord.apiBaseURL == "https://discord.com/api/v10")
        #expect(shipped.config.discord.gatewayURL == nil)
        #expect(shipped.config.discord.shardCount == .automatic)
        #expect(shipped.config.discord.compress)
        #expect(shipped.config.discord.intents == .default)
        #expect(shipped.config.discord.identifySpacing == .seconds(5), "Discord's spacing unless told otherwise")

        let custom = try await Self.load(
            yaml: "discord:\n  shard_count: 4\n  gateway_url: ws://127.0.0.1:9000/gateway\n  intents: [guilds, guild_messages]\n",
            environment: ["HIRINGPULSE_DISCORD_COMPRESS": "false", "HIRINGPULSE_DISCORD_IDENTIFY_SPACING_MS": "100"])
        #expect(custom.problems.isEmpty)
        #expect(custom.config.discord.shardCount == .fixed(4))
        #expect(custom.config.discord.gatewayURL == "ws://127.0.0.1:9000/gateway")
        #expect(custom.config.discord.intents == [.guilds, .guildMessages])
        #expect(!custom.config.discord.compress)
        #expect(custom.config.discord.identifySpacing == .milliseconds(100))

        let bad = try await Self.load(yaml: "discord:\n  shard_count: many\n  intents: [guilds, everything]\n")
        #expect(bad.problems.contains { $0.hasSuffix(":2: discord.shard_count: expected an integer or auto, got \"many\"") })
        #expect(bad.problems.contains { $0.contains("discord.intents: \"everything\" is not one of guilds, guild_members") })
    }
}
