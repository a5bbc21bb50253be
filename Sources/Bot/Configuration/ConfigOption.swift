import Discord
import Domain
import Extraction
import Foundation

/// The type of a configuration value, as written in YAML or in an environment variable.
public enum ConfigValueType: String, Sendable {
    case string, integer, boolean
    case stringList = "list of strings"
    case idList = "list of Discord ids"
    case integerOrAuto = "integer or auto"
    case address = "host:port"
    case decimalOrEmpty = "number or empty"
    case decimal = "number"
}

/// One key of `config/hiringpulse.yaml`: its type, default, allowed values and meaning. This table
/// drives validation, `config check`, the environment-variable names and the README's table.
public struct ConfigOption: Sendable {
    public var key: String
    public var type: ConfigValueType
    public var defaultValue: String
    public var allowed: [String]
    public var minimum: Int?
    public var help: String

    public init(
        _ key: String, _ type: ConfigValueType, default defaultValue: String, allowed: [String] = [], minimum: Int? = nil, _ help: String
    ) {
        self.key = key
        self.type = type
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.minimum = minimum
        self.help = help
    }

    /// `database.path` → `HIRINGPULSE_DATABASE_PATH`.
    public var environmentVariable: String {
        "HIRINGPULSE_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    public static let databasePath = ConfigOption(
        "database.path", .string, default: "data/hiringpulse.sqlite",
        "SQLite database file; its directory also holds the generated author key.")

    public static let databaseBusyTimeoutMilliseconds = ConfigOption(
        "database.busy_timeout_ms", .integer, default: "5000", minimum: 0,
        "How long a write waits for another writer (the daemon, an import) before failing.")

    public static let extractionExtractor = ConfigOption(
        "extraction.extractor", .string, default: "rules", allowed: ["rules", "llm"],
        "Which extractor classifies messages: `rules` works offline with no model; `llm` asks the model of `llm.*`.")

    public static let extractionBatchSize = ConfigOption(
        "extraction.batch_size", .integer, default: "200", minimum: 1,
        "Messages claimed and written per extraction transaction.")

    public static let extractionMaxAttempts = ConfigOption(
        "extraction.max_attempts", .integer, default: "5", minimum: 1,
        "Attempts before a message whose extraction keeps failing is marked failed.")

    public static let llmBaseURL = ConfigOption(
        "llm.base_url", .string, default: "https://api.openai.com",
        "Any OpenAI-compatible server; requests go to this + `/v1/chat/completions` (OpenAI, llama-server, Ollama, vLLM).")

    public static let llmModel = ConfigOption(
        "llm.model", .string, default: "gpt-4o-mini",
        "The model name the server knows.")

    public static let llmBatchSize = ConfigOption(
        "llm.batch_size", .integer, default: "25", minimum: 1,
        "Messages classified per call; answers are matched back by message id.")

    public static let llmResponseFormat = ConfigOption(
        "llm.response_format", .string, default: "json_schema", allowed: ResponseFormatMode.allCases.map(\.rawValue),
        "`json_schema` (strict structured output), `json_object` or `plain`; a server that refuses one, or whose grammar for it fails (whatever the status), falls back to the next by itself."
    )

    public static let llmTimeoutSeconds = ConfigOption(
        "llm.timeout_seconds", .integer, default: "60", minimum: 1,
        "How long a call of one message may take; each further message of the call adds a tenth. A batch that times out is asked again in halves."
    )

    public static let llmMaxConcurrentRequests = ConfigOption(
        "llm.max_concurrent_requests", .integer, default: "2", minimum: 1,
        "Calls in flight at once; at most llama-server's slots (`total_slots` at `/props`), which then share its context, and one at a time after a context error."
    )

    public static let llmMaxOutputTokens = ConfigOption(
        "llm.max_output_tokens", .integer, default: "8192", minimum: 0,
        "`max_tokens` of each call; 0 leaves it to the server. Lowered to what the server's context leaves; an answer cut off here is asked again in smaller batches."
    )

    public static let llmMaxOutputTokensPerMessage = ConfigOption(
        "llm.max_output_tokens_per_message", .integer, default: "384", minimum: 0,
        "`max_tokens` allowed per message a call carries (plus 64 for the answer's envelope), so a model that rambles is cut off early; 0: no such cap. Raise it for reasoning models, whose thinking counts toward `max_tokens`."
    )

    public static let llmContextTokens = ConfigOption(
        "llm.context_tokens", .integer, default: "8192", minimum: 512,
        "The server's context length, for servers that do not say it (llama-server says at `/props`, vLLM at `/v1/models`): calls are sized so prompt and answer fit."
    )

    public static let llmTemperature = ConfigOption(
        "llm.temperature", .decimalOrEmpty, default: "0",
        "Sampling temperature; empty leaves it to the server (reasoning models accept only their default).")

    public static let llmPromptFile = ConfigOption(
        "llm.prompt_file", .string, default: "prompts/extract.v1.md",
        "The system prompt; its name and a hash of its text are recorded with every extraction.")

    public static let llmSchemaFile = ConfigOption(
        "llm.schema_file", .string, default: "prompts/extract.schema.json",
        "The JSON Schema every answer is validated against.")

    public static let alertsFile = ConfigOption(
        "alerts.file", .string, default: "config/alerts.yaml",
        "The job alert profiles: criteria, and where matches are sent.")

    public static let alertsMaxProfilesPerMember = ConfigOption(
        "alerts.max_profiles_per_member", .integer, default: "5", minimum: 0,
        "How many `/alerts add` profiles one member may keep; 0 turns the command's add off.")

    public static let feedsFile = ConfigOption(
        "feeds.file", .string, default: "config/feeds.yaml",
        "The job feeds polled for postings: name, format, URL, interval.")

    public static let feedsAlertAfterMinutes = ConfigOption(
        "feeds.alert_after_minutes", .decimal, default: "15", minimum: 0,
        "A feed failing (or with most items skipped) this long is reported once to alerts.yaml's `admin:` destinations, and again when it recovers."
    )

    public static let telegramAPIBaseURL = ConfigOption(
        "telegram.api_base_url", .string, default: "https://api.telegram.org",
        "Telegram's Bot API; the token comes from TELEGRAM_BOT_TOKEN. Tests point it at a local fake.")

    public static let companiesFile = ConfigOption(
        "companies.file", .string, default: "config/companies.yaml",
        "The company alias map: canonical names, aliases, ambiguous and strict aliases.")

    public static let companiesSuggestMinMembers = ConfigOption(
        "companies.suggest_min_members", .integer, default: "3", minimum: 1,
        "An unknown company is offered to admins (`companies suggest`, `/alias suggest`) once this many distinct members reported a stage there."
    )

    public static let importBatchSize = ConfigOption(
        "import.batch_size", .integer, default: "2000", minimum: 1,
        "Messages per transaction when importing an export.")

    public static let statsTrendDays = ConfigOption(
        "stats.trend_days", .integer, default: "30", minimum: 1,
        "Days of daily counts shown when no --since is given.")

    public static let statsTopCompanies = ConfigOption(
        "stats.top_companies", .integer, default: "10", minimum: 1,
        "How many companies the top list shows.")

    public static let statsGhostedAfterDays = ConfigOption(
        "stats.ghosted_after_days", .integer, default: "21", minimum: 1,
        "Days without news after which /me flags a journey as probably ghosted.")

    public static let discordAPIBaseURL = ConfigOption(
        "discord.api_base_url", .string, default: "https://discord.com/api/v10",
        "Discord's HTTP API. Tests and benchmarks point it at a local fake.")

    public static let discordGatewayURL = ConfigOption(
        "discord.gateway_url", .string, default: "",
        "Gateway WebSocket URL; empty asks `GET /gateway/bot` (the normal case).")

    public static let discordShardCount = ConfigOption(
        "discord.shard_count", .integerOrAuto, default: "auto", minimum: 1,
        "Gateway shards run by this process; `auto` takes Discord's recommendation.")

    public static let discordCompress = ConfigOption(
        "discord.compress", .boolean, default: "true",
        "zlib-stream compression of gateway traffic.")

    public static let discordIntents = ConfigOption(
        "discord.intents", .stringList, default: "guilds,guild_messages,message_content",
        allowed: GatewayIntents.names.map(\.name),
        "Gateway intents. message_content must also be enabled in the Developer Portal.")

    public static let discordChannelIDs = ConfigOption(
        "discord.channel_ids", .idList, default: "",
        "Channels to watch, by id; empty watches every text channel the bot can read.")

    public static let discordGuildIDs = ConfigOption(
        "discord.guild_ids", .idList, default: "",
        "Servers to register the slash commands in, by id (updates show at once); empty registers them globally.")

    public static let discordAdminRoleIDs = ConfigOption(
        "discord.admin_role_ids", .idList, default: "",
        "Roles whose members may run admin commands, besides those with Manage Server or Administrator.")

    public static let commandsDirectory = ConfigOption(
        "commands.directory", .string, default: "Commands",
        "The slash-command declarations, one JSON file per command in Discord's format.")

    public static let logFormat = ConfigOption(
        "log.format", .string, default: "text", allowed: LogFormat.allCases.map(\.rawValue),
        "How `hiringpulse run` writes its log lines on standard error: `text`, `json` (one object a line) or `logfmt`.")

    public static let logLevel = ConfigOption(
        "log.level", .string, default: "info", allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"],
        "The least severe level written; `run --log-level` overrides it.")

    public static let httpBind = ConfigOption(
        "http.bind", .address, default: "127.0.0.1:9464",
        "Where `/metrics`, `/healthz` and `/readyz` listen; port 0 picks a free one, empty turns them off.")

    /// Every key, in the order `config check` and the README list them.
    public static let all: [ConfigOption] = [
        databasePath,
        databaseBusyTimeoutMilliseconds,
        extractionExtractor,
        extractionBatchSize,
        extractionMaxAttempts,
        llmBaseURL,
        llmModel,
        llmBatchSize,
        llmResponseFormat,
        llmTimeoutSeconds,
        llmMaxConcurrentRequests,
        llmMaxOutputTokens,
        llmMaxOutputTokensPerMessage,
        llmContextTokens,
        llmTemperature,
        llmPromptFile,
        llmSchemaFile,
        alertsFile,
        alertsMaxProfilesPerMember,
        feedsFile,
        feedsAlertAfterMinutes,
        telegramAPIBaseURL,
        companiesFile,
        companiesSuggestMinMembers,
        importBatchSize,
        statsTrendDays,
        statsTopCompanies,
        statsGhostedAfterDays,
        discordAPIBaseURL,
        discordGatewayURL,
        discordShardCount,
        discordCompress,
        discordIntents,
        discordChannelIDs,
        discordGuildIDs,
        discordAdminRoleIDs,
        commandsDirectory,
        logFormat,
        logLevel,
        httpBind,
    ]

    public static func named(_ key: String) -> ConfigOption? { all.first { $0.key == key } }

    /// Checks a value written as text (an environment variable, a YAML scalar); nil when valid.
    func problem(with text: String) -> String? {
        switch type {
        case .integer:
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return "expected an integer, got \"\(text)\"" }
            if let minimum, value < minimum { return "must be at least \(minimum), got \(value)" }
        case .boolean:
            guard ["true", "false"].contains(text.lowercased()) else { return "expected true or false, got \"\(text)\"" }
        case .string:
            if !allowed.isEmpty && !allowed.contains(text) {
                return "must be one of \(allowed.joined(separator: ", ")), got \"\(text)\""
            }
        case .stringList:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if !allowed.isEmpty, let unknown = items.first(where: { !allowed.contains($0) }) {
                return "\"\(unknown)\" is not one of \(allowed.joined(separator: ", "))"
            }
        case .idList:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = items.first(where: { Snowflake($0) == nil }) {
                return "\"\(bad)\" is not a Discord id (a number, as Developer Mode's Copy ID gives it)"
            }
        case .decimalOrEmpty:
            guard !text.isEmpty else { break }
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
                return "expected a number of at least 0, or empty, got \"\(text)\""
            }
        case .decimal:
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                return "expected a number, got \"\(text)\""
            }
            if let minimum, value < Double(minimum) { return "must be at least \(minimum), got \(text)" }
        case .address:
            guard !text.isEmpty else { break }
            guard HTTPAddress(text) != nil else { return "expected host:port with a port from 0 to 65535, got \"\(text)\"" }
        case .integerOrAuto:
            guard text != "auto" else { break }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return "expected an integer or auto, got \"\(text)\"" }
            if let minimum, value < minimum { return "must be at least \(minimum), got \(value)" }
        }
        return nil
    }
}

/// `host:port` for a listening socket.
public struct HTTPAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}

/// The secrets. They are read from the environment only (or from a file named by `NAME_FILE`),
/// never from the YAML file, and are never printed: only whether each is set.
public enum SecretName: String, CaseIterable, Sendable {
    case discordToken = "DISCORD_TOKEN"
    case llmAPIKey = "LLM_API_KEY"
    case telegramBotToken = "TELEGRAM_BOT_TOKEN"
    case slackWebhookURL = "SLACK_WEBHOOK_URL"
    case authorKey = "HIRINGPULSE_AUTHOR_KEY"
}
