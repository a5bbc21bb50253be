public import Discord
import Domain
public import Extraction
import Foundation
public import Logging

/// The resolved configuration, typed: a view of every key's value (`config[.databasePath]`),
/// built by `ConfigLoader` from the defaults, the YAML file and `HIRINGPULSE_*` environment
/// variables, in rising order of precedence. A new key needs nothing here: read it as
/// `config[.newKey]`. The names below are the values most code reads, and the settings groups
/// that modules take whole.
public struct HiringPulseConfig: Sendable {
    var values: ConfigValues
    public var secrets: Secrets

    init(values: ConfigValues, secrets: Secrets) {
        self.values = values
        self.secrets = secrets
    }

    /// Every key's default, and the given secrets.
    public init(secrets: Secrets = Secrets([:])) {
        self.init(values: ConfigValues(), secrets: secrets)
    }

    public subscript<Value>(key: ConfigKey<Value>) -> Value {
        get { values[key] }
        set { values[key] = newValue }
    }

    public var databasePath: String { self[.databasePath] }
    public var busyTimeoutMilliseconds: Int { self[.databaseBusyTimeoutMilliseconds] }
    public var extractor: ExtractorKind { self[.extractionExtractor] }
    public var extractionBatchSize: Int { self[.extractionBatchSize] }
    public var maxAttempts: Int { self[.extractionMaxAttempts] }
    public var companiesFile: String { self[.companiesFile] }
    /// Distinct members who must report a stage at an unknown company before it is suggested.
    public var suggestMinMembers: Int { self[.companiesSuggestMinMembers] }
    public var alertsFile: String { self[.alertsFile] }
    public var maxProfilesPerMember: Int { self[.alertsMaxProfilesPerMember] }
    public var feedsFile: String { self[.feedsFile] }
    /// How long a feed fails (or skips most of its items) before the admins hear of it, to the
    /// millisecond.
    public var feedAlertAfter: Duration { .milliseconds(Int64((self[.feedsAlertAfterMinutes] * 60_000).rounded())) }
    public var telegramAPIBaseURL: String { self[.telegramAPIBaseURL] }
    public var importBatchSize: Int { self[.importBatchSize] }
    public var trendDays: Int { self[.statsTrendDays] }
    public var topCompanies: Int { self[.statsTopCompanies] }
    public var ghostedAfterDays: Int { self[.statsGhostedAfterDays] }
    public var commandsDirectory: String { self[.commandsDirectory] }
    /// Where the operations endpoint listens; nil turns it off.
    public var httpBind: HTTPAddress? { self[.httpBind] }
    /// Where the dashboard listens; nil turns it off.
    public var dashboardBind: HTTPAddress? { self[.dashboardBind] }
    public var logFormat: LogFormat { self[.logFormat] }
    public var logLevel: Logger.Level { self[.logLevel] }

    public var llm: LLMConfig {
        LLMConfig(
            settings: LLMSettings(
                baseURL: self[.llmBaseURL], model: self[.llmModel], apiKey: secrets[.llmAPIKey], batchSize: self[.llmBatchSize],
                responseFormat: self[.llmResponseFormat], requestTimeout: .seconds(self[.llmTimeoutSeconds]),
                maxConcurrentRequests: self[.llmMaxConcurrentRequests], maxOutputTokens: self[.llmMaxOutputTokens],
                maxOutputTokensPerMessage: self[.llmMaxOutputTokensPerMessage], contextTokens: self[.llmContextTokens],
                temperature: self[.llmTemperature]),
            promptFile: self[.llmPromptFile], schemaFile: self[.llmSchemaFile])
    }

    public var discord: DiscordSettings {
        DiscordSettings(
            apiBaseURL: self[.discordAPIBaseURL], gatewayURL: self[.discordGatewayURL], shardCount: self[.discordShardCount],
            compress: self[.discordCompress], identifySpacing: .milliseconds(self[.discordIdentifySpacingMilliseconds]),
            intents: self[.discordIntents], channelIDs: self[.discordChannelIDs],
            guildIDs: self[.discordGuildIDs], adminRoleIDs: self[.discordAdminRoleIDs])
    }

    /// The directory of the database, which also holds the generated author key.
    public var dataDirectory: String {
        let directory = (databasePath as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}

/// The model extractor's settings (`llm.*`) and where its prompt and schema are.
public struct LLMConfig: Sendable {
    public var settings: LLMSettings
    public var promptFile: String
    public var schemaFile: String
}

/// Where and how to reach Discord (`discord.*`). The token is a secret, not here.
public struct DiscordSettings: Sendable {
    public var apiBaseURL: String
    /// nil: ask `GET /gateway/bot`.
    public var gatewayURL: String?
    public var shardCount: DiscordGateway.ShardCount
    public var compress: Bool
    /// Between two IDENTIFYs of one `max_concurrency` key: Discord's 5 s, shorter against a fake.
    public var identifySpacing: Duration
    public var intents: GatewayIntents
    /// Channels to watch; empty watches every text channel the bot can read.
    public var channelIDs: [Snowflake]
    /// Servers to register the slash commands in; empty registers them globally.
    public var guildIDs: [Snowflake]
    /// Roles whose members may run admin commands, besides Manage Server and Administrator.
    public var adminRoleIDs: [Snowflake]
}

/// Secret values, kept out of every description: printing a `Secrets` shows only which are set.
public struct Secrets: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let values: [SecretName: String]

    public init(_ values: [SecretName: String]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    public subscript(name: SecretName) -> String? { values[name] }

    public func isSet(_ name: SecretName) -> Bool { values[name] != nil }

    public var description: String {
        SecretName.allCases.map { "\($0.rawValue)=\(isSet($0) ? "set" : "unset")" }.joined(separator: " ")
    }

    public var debugDescription: String { description }

    /// `dump` and debuggers see no values either.
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// Every secret's value, for redacting them from whatever is written out.
    public var allValues: [String] { Array(values.values) }
}
