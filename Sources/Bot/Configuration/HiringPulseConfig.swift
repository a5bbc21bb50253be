import Discord
import Domain
import Extraction
import Foundation
import Logging

/// The resolved configuration, typed. Built by `ConfigLoader` from the defaults, the YAML file and
/// `HIRINGPULSE_*` environment variables, in rising order of precedence.
public struct HiringPulseConfig: Sendable {
    public var databasePath: String
    public var busyTimeoutMilliseconds: Int
    public var extractor: String
    public var extractionBatchSize: Int
    public var maxAttempts: Int
    public var companiesFile: String
    /// Distinct members who must report a stage at an unknown company before it is suggested.
    public var suggestMinMembers: Int
    public var alertsFile: String
    public var maxProfilesPerMember: Int
    public var feedsFile: String
    /// Seconds a feed fails (or skips most of its items) before the admins hear of it.
    public var feedAlertAfter: TimeInterval
    public var telegramAPIBaseURL: String
    public var importBatchSize: Int
    public var trendDays: Int
    public var topCompanies: Int
    public var ghostedAfterDays: Int
    public var commandsDirectory: String
    public var llm: LLMConfig
    /// Where the operations endpoint listens; nil turns it off.
    public var httpBind: HTTPAddress?
    public var logFormat: LogFormat
    public var logLevel: Logger.Level
    public var discord: DiscordSettings
    public var secrets: Secrets

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
