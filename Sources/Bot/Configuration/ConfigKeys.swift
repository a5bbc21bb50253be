public import Discord
import Domain
public import Extraction
import Foundation
public import Logging

/// Every key of `config/hiringpulse.yaml`, typed. Adding a key is adding it here and to
/// `ConfigOption.all` (which sets its place in `config check`), then reading it where it is used:
/// `config[.statsTrendDays]`. Its environment variable, validation and `config check` line follow.
extension ConfigKey {
    public static var databasePath: ConfigKey<String> {
        .string(
            "database.path", default: "data/hiringpulse.sqlite",
            "SQLite database file; its directory also holds the generated author key.")
    }

    public static var databaseBusyTimeoutMilliseconds: ConfigKey<Int> {
        .integer(
            "database.busy_timeout_ms", default: 5000, minimum: 0,
            "How long a write waits for another writer (the daemon, an import) before failing.")
    }

    public static var extractionExtractor: ConfigKey<ExtractorKind> {
        .choice(
            "extraction.extractor", default: .rules,
            "Which extractor classifies messages: `rules` works offline with no model; `llm` asks the model of `llm.*`.")
    }

    public static var extractionBatchSize: ConfigKey<Int> {
        .integer(
            "extraction.batch_size", default: 200, minimum: 1,
            "Messages claimed and written per extraction transaction.")
    }

    public static var extractionMaxAttempts: ConfigKey<Int> {
        .integer(
            "extraction.max_attempts", default: 5, minimum: 1,
            "Attempts before a message whose extraction keeps failing is marked failed.")
    }

    public static var llmBaseURL: ConfigKey<String> {
        .string(
            "llm.base_url", default: "https://api.openai.com",
            "Any OpenAI-compatible server; requests go to this + `/v1/chat/completions` (OpenAI, llama-server, Ollama, vLLM).")
    }

    public static var llmModel: ConfigKey<String> {
        .string(
            "llm.model", default: "gpt-4o-mini",
            "The model name the server knows.")
    }

    public static var llmBatchSize: ConfigKey<Int> {
        .integer(
            "llm.batch_size", default: 25, minimum: 1,
            "Messages classified per call; answers are matched back by message id.")
    }

    public static var llmResponseFormat: ConfigKey<ResponseFormatMode> {
        .choice(
            "llm.response_format", default: .jsonSchema,
            "`json_schema` (strict structured output), `json_object` or `plain`; a server that refuses one, or whose grammar for it fails (whatever the status), falls back to the next by itself."
        )
    }

    public static var llmTimeoutSeconds: ConfigKey<Int> {
        .integer(
            "llm.timeout_seconds", default: 60, minimum: 1,
            "How long a call of one message may take; each further message of the call adds a tenth. A batch that times out is asked again in halves."
        )
    }

    public static var llmMaxConcurrentRequests: ConfigKey<Int> {
        .integer(
            "llm.max_concurrent_requests", default: 2, minimum: 1,
            "Calls in flight at once; at most llama-server's slots (`total_slots` at `/props`), which then share its context, and one at a time after a context error."
        )
    }

    public static var llmMaxOutputTokens: ConfigKey<Int> {
        .integer(
            "llm.max_output_tokens", default: 8192, minimum: 0,
            "`max_tokens` of each call; 0 leaves it to the server. Lowered to what the server's context leaves; an answer cut off here is asked again in smaller batches."
        )
    }

    public static var llmMaxOutputTokensPerMessage: ConfigKey<Int> {
        .integer(
            "llm.max_output_tokens_per_message", default: 384, minimum: 0,
            "`max_tokens` allowed per message a call carries (plus 64 for the answer's envelope), so a model that rambles is cut off early; 0: no such cap. Raise it for reasoning models, whose thinking counts toward `max_tokens`."
        )
    }

    public static var llmContextTokens: ConfigKey<Int> {
        .integer(
            "llm.context_tokens", default: 8192, minimum: 512,
            "The server's context length, for servers that do not say it (llama-server says at `/props`, vLLM at `/v1/models`): calls are sized so prompt and answer fit."
        )
    }

    public static var llmTemperature: ConfigKey<Double?> {
        .numberOrEmpty(
            "llm.temperature", default: 0,
            "Sampling temperature; empty leaves it to the server (reasoning models accept only their default).")
    }

    public static var llmPromptFile: ConfigKey<String> {
        .string(
            "llm.prompt_file", default: "prompts/extract.v1.md",
            "The system prompt; its name and a hash of its text are recorded with every extraction.")
    }

    public static var llmSchemaFile: ConfigKey<String> {
        .string(
            "llm.schema_file", default: "prompts/extract.schema.json",
            "The JSON Schema every answer is validated against.")
    }

    public static var alertsFile: ConfigKey<String> {
        .string(
            "alerts.file", default: "config/alerts.yaml",
            "The job alert profiles: criteria, and where matches are sent.")
    }

    public static var alertsMaxProfilesPerMember: ConfigKey<Int> {
        .integer(
            "alerts.max_profiles_per_member", default: 5, minimum: 0,
            "How many `/alerts add` profiles one member may keep; 0 turns the command's add off.")
    }

    public static var feedsFile: ConfigKey<String> {
        .string(
            "feeds.file", default: "config/feeds.yaml",
            "The job feeds polled for postings: name, format, URL, interval.")
    }

    public static var feedsAlertAfterMinutes: ConfigKey<Double> {
        .number(
            "feeds.alert_after_minutes", default: 15, minimum: 0,
            "A feed failing (or with most items skipped) this long is reported once to alerts.yaml's `admin:` destinations, and again when it recovers."
        )
    }

    public static var telegramAPIBaseURL: ConfigKey<String> {
        .string(
            "telegram.api_base_url", default: "https://api.telegram.org",
            "Telegram's Bot API; the token comes from TELEGRAM_BOT_TOKEN. Tests point it at a local fake.")
    }

    public static var telegramFeedbackButtons: ConfigKey<Bool> {
        .boolean(
            "telegram.feedback_buttons", default: true,
            "👍 / 👎 / 🚫 under Telegram alerts, read with getUpdates long polling; off when something else reads this bot's updates.")
    }

    public static var telegramWebhookURL: ConfigKey<String> {
        .string(
            "telegram.webhook_url", default: "",
            "Where Telegram posts button presses instead of being polled: the public https address of the dashboard's /telegram/webhook. Needs dashboard.bind and TELEGRAM_WEBHOOK_SECRET; empty polls with getUpdates."
        )
    }

    public static var emailSMTPURL: ConfigKey<String> {
        .string(
            "email.smtp_url", default: "",
            "The SMTP server for email: alerts: `smtp://host:587` (STARTTLS, required) or `smtps://host:465` (TLS); empty turns email off. The password comes from SMTP_PASSWORD."
        )
    }

    public static var emailFrom: ConfigKey<String> {
        .string(
            "email.from", default: "",
            "The address alert mail is sent from, and where `List-Unsubscribe` mails go.")
    }

    public static var emailUsername: ConfigKey<String> {
        .string(
            "email.username", default: "",
            "The SMTP login's user name (often the `email.from` address); empty sends without logging in.")
    }

    public static var emailCAFile: ConfigKey<String> {
        .string(
            "email.ca_file", default: "",
            "A PEM file of certificates to trust for the SMTP server besides the system's (a private relay's own CA); empty trusts the system's."
        )
    }

    public static var companiesFile: ConfigKey<String> {
        .string(
            "companies.file", default: "config/companies.yaml",
            "The company alias map: canonical names, aliases, ambiguous and strict aliases.")
    }

    public static var companiesSuggestMinMembers: ConfigKey<Int> {
        .integer(
            "companies.suggest_min_members", default: 3, minimum: 1,
            "An unknown company is offered to admins (`companies suggest`, `/alias suggest`) once this many distinct members reported a stage there."
        )
    }

    public static var importBatchSize: ConfigKey<Int> {
        .integer(
            "import.batch_size", default: 2000, minimum: 1,
            "Messages per transaction when importing an export.")
    }

    public static var statsTrendDays: ConfigKey<Int> {
        .integer(
            "stats.trend_days", default: 30, minimum: 1,
            "Days of daily counts shown when no --since is given.")
    }

    public static var statsTopCompanies: ConfigKey<Int> {
        .integer(
            "stats.top_companies", default: 10, minimum: 1,
            "How many companies the top list shows.")
    }

    public static var statsGhostedAfterDays: ConfigKey<Int> {
        .integer(
            "stats.ghosted_after_days", default: 21, minimum: 1,
            "Days without news after which /me flags a journey as probably ghosted.")
    }

    public static var discordAPIBaseURL: ConfigKey<String> {
        .string(
            "discord.api_base_url", default: "https://discord.com/api/v10",
            "Discord's HTTP API. Tests and benchmarks point it at a local fake.")
    }

    public static var discordGatewayURL: ConfigKey<String?> {
        .optionalString(
            "discord.gateway_url",
            "Gateway WebSocket URL; empty asks `GET /gateway/bot` (the normal case).")
    }

    public static var discordShardCount: ConfigKey<DiscordGateway.ShardCount> {
        .integerOrAuto(
            "discord.shard_count", minimum: 1,
            "Gateway shards run by this process; `auto` takes Discord's recommendation.")
    }

    public static var discordCompress: ConfigKey<Bool> {
        .boolean(
            "discord.compress", default: true,
            "zlib-stream compression of gateway traffic.")
    }

    public static var discordIdentifySpacingMilliseconds: ConfigKey<Int> {
        .integer(
            "discord.identify_spacing_ms", default: 5_000, minimum: 0,
            "Milliseconds between IDENTIFYs per max_concurrency key. Discord requires 5000; less is only for tests against a fake.")
    }

    public static var discordIntents: ConfigKey<GatewayIntents> {
        .intents(
            "discord.intents", default: .default,
            "Gateway intents. message_content must also be enabled in the Developer Portal.")
    }

    public static var discordChannelIDs: ConfigKey<[Snowflake]> {
        .ids(
            "discord.channel_ids",
            "Channels to watch, by id; empty watches every text channel the bot can read.")
    }

    public static var discordGuildIDs: ConfigKey<[Snowflake]> {
        .ids(
            "discord.guild_ids",
            "Servers to register the slash commands in, by id (updates show at once); empty registers them globally.")
    }

    public static var discordAdminRoleIDs: ConfigKey<[Snowflake]> {
        .ids(
            "discord.admin_role_ids",
            "Roles whose members may run admin commands, besides those with Manage Server or Administrator.")
    }

    public static var commandsDirectory: ConfigKey<String> {
        .string(
            "commands.directory", default: "Commands",
            "The slash-command declarations, one JSON file per command in Discord's format.")
    }

    public static var logFormat: ConfigKey<LogFormat> {
        .choice(
            "log.format", default: .text,
            "How `hiringpulse run` writes its log lines on standard error: `text`, `json` (one object a line) or `logfmt`.")
    }

    public static var logLevel: ConfigKey<Logger.Level> {
        .choice(
            "log.level", default: .info,
            "The least severe level written; `run --log-level` overrides it.")
    }

    public static var httpBind: ConfigKey<HTTPAddress?> {
        .address(
            "http.bind", default: HTTPAddress("127.0.0.1:9464"),
            "Where `/metrics`, `/healthz` and `/readyz` listen; port 0 picks a free one, empty turns them off.")
    }

    public static var dashboardBind: ConfigKey<HTTPAddress?> {
        .address(
            "dashboard.bind", default: HTTPAddress("127.0.0.1:8080"),
            "Where `hiringpulse run` serves the web dashboard; empty turns it off. Set DASHBOARD_TOKEN before binding beyond loopback.")
    }

    public static var dashboardMinJourneys: ConfigKey<Int> {
        .integer(
            "dashboard.min_journeys", default: 3, minimum: 1,
            "Companies with fewer journeys are shown only inside \"other companies\", so no member's own journey can be read off a chart.")
    }

    public static var dashboardPublicURL: ConfigKey<String> {
        .string(
            "dashboard.public_url", default: "",
            "The dashboard's address as the internet reaches it (https://hp.example.org); when set, alert mails carry 👍 / 👎 / 🚫 and one-click unsubscribe links to it."
        )
    }

    public static var dashboardBasePath: ConfigKey<String> {
        .string(
            "dashboard.base_path", default: "",
            "The path the dashboard is served under behind a reverse proxy (`/hiringpulse`); empty when it is served at the root.")
    }
}

/// A key whatever its type: what the loader, validation and `config check` walk.
public struct ConfigOption: Sendable {
    public let key: String
    public let help: String
    /// The default as `config check` prints it.
    public let defaultText: String
    let expected: String
    let isList: Bool
    /// The value read from its text, with that value as `config check` prints it.
    let read: @Sendable (ConfigInput) throws(ConfigValueError) -> (value: any Sendable, text: String)

    init<Value>(_ key: ConfigKey<Value>) {
        self.key = key.name
        self.help = key.help
        self.defaultText = key.text(key.defaultValue)
        self.expected = key.expected
        self.isList = key.isList
        self.read = { input throws(ConfigValueError) in
            let value = try key.parse(input)
            return (value, key.text(value))
        }
    }

    /// `database.path` → `HIRINGPULSE_DATABASE_PATH`.
    public var environmentVariable: String {
        "HIRINGPULSE_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// Every key, in the order `config check` and the README list them.
    public static let all: [ConfigOption] = [
        ConfigOption(.databasePath),
        ConfigOption(.databaseBusyTimeoutMilliseconds),
        ConfigOption(.extractionExtractor),
        ConfigOption(.extractionBatchSize),
        ConfigOption(.extractionMaxAttempts),
        ConfigOption(.llmBaseURL),
        ConfigOption(.llmModel),
        ConfigOption(.llmBatchSize),
        ConfigOption(.llmResponseFormat),
        ConfigOption(.llmTimeoutSeconds),
        ConfigOption(.llmMaxConcurrentRequests),
        ConfigOption(.llmMaxOutputTokens),
        ConfigOption(.llmMaxOutputTokensPerMessage),
        ConfigOption(.llmContextTokens),
        ConfigOption(.llmTemperature),
        ConfigOption(.llmPromptFile),
        ConfigOption(.llmSchemaFile),
        ConfigOption(.alertsFile),
        ConfigOption(.alertsMaxProfilesPerMember),
        ConfigOption(.feedsFile),
        ConfigOption(.feedsAlertAfterMinutes),
        ConfigOption(.telegramAPIBaseURL),
        ConfigOption(.telegramFeedbackButtons),
        ConfigOption(.telegramWebhookURL),
        ConfigOption(.emailSMTPURL),
        ConfigOption(.emailFrom),
        ConfigOption(.emailUsername),
        ConfigOption(.emailCAFile),
        ConfigOption(.companiesFile),
        ConfigOption(.companiesSuggestMinMembers),
        ConfigOption(.importBatchSize),
        ConfigOption(.statsTrendDays),
        ConfigOption(.statsTopCompanies),
        ConfigOption(.statsGhostedAfterDays),
        ConfigOption(.discordAPIBaseURL),
        ConfigOption(.discordGatewayURL),
        ConfigOption(.discordShardCount),
        ConfigOption(.discordCompress),
        ConfigOption(.discordIdentifySpacingMilliseconds),
        ConfigOption(.discordIntents),
        ConfigOption(.discordChannelIDs),
        ConfigOption(.discordGuildIDs),
        ConfigOption(.discordAdminRoleIDs),
        ConfigOption(.commandsDirectory),
        ConfigOption(.logFormat),
        ConfigOption(.logLevel),
        ConfigOption(.httpBind),
        ConfigOption(.dashboardBind),
        ConfigOption(.dashboardMinJourneys),
        ConfigOption(.dashboardBasePath),
        ConfigOption(.dashboardPublicURL),
    ]

    public static func named(_ key: String) -> ConfigOption? { all.first { $0.key == key } }
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
    case telegramWebhookSecret = "TELEGRAM_WEBHOOK_SECRET"
    case slackWebhookURL = "SLACK_WEBHOOK_URL"
    case authorKey = "HIRINGPULSE_AUTHOR_KEY"
    case dashboardToken = "DASHBOARD_TOKEN"
    case smtpPassword = "SMTP_PASSWORD"
}
