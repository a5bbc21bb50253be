public import ArgumentParser
import Bot
import Daemon
import Discord
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the Discord bot daemon.",
        discussion: """
            Connects to the Discord gateway with DISCORD_TOKEN, stores every new message in the watched
            channels (discord.channel_ids, or every readable text channel) and extracts stage updates
            in the background. At start, and after a session that could not be resumed, it backfills
            each channel from the newest message stored. SIGTERM or SIGINT stops it gracefully: the
            gateway session is saved, so a restart within minutes resumes where it left off.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical (default: log.level, info).")
    var logLevel: Logger.Level?

    /// EX_CONFIG: Discord refused the token, the intents or the shard setup, so a restart would
    /// only be refused again (and invalid logins count towards a Cloudflare ban); the systemd
    /// unit does not restart on it.
    static let needsOperator: Int32 = 78

    func run() async throws {
        // Everything that can be checked before connecting is, with one line each.
        let config = try await AppContext.loadConfig(options)
        guard let token = config.secrets[.discordToken] else {
            throw fail(
                "DISCORD_TOKEN is not set: put the bot token (Developer Portal > Applications > your app > Bot > Reset Token) in the environment, or its path in DISCORD_TOKEN_FILE"
            )
        }
        let commands: CommandCatalog
        do {
            commands = try CommandCatalog.load(directory: config.commandsDirectory)
        } catch {
            throw fail("slash commands: \(error) (set commands.directory or HIRINGPULSE_COMMANDS_DIRECTORY)")
        }
        let context = try await AppContext.open(options, config: config)
        let hasher = try context.authorHasher()
        let (level, format) = (logLevel ?? config.logLevel, config.logFormat)
        let redactor = Redactor(secrets: config.secrets.allValues)
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: format, level: level, redactor: redactor) }
        let daemon = Daemon(
            config: config, store: context.store, hasher: hasher, companies: context.fileCatalog,
            commands: commands, token: token, metrics: DaemonMetrics.bootstrapPrometheus(), logger: Logger(label: "hiringpulse"))
        do {
            try await daemon.run()
        } catch let failure as GatewayError {
            // Discord refused the token, the intents or the shard setup: restarting cannot help.
            throw fail(redactor.redact(failure.description), code: Self.needsOperator)
        } catch {
            throw fail(redactor.redact("\(error)"))
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
