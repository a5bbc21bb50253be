import ArgumentParser
import Bot
import Discord
import Logging

struct CommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Check and register the slash commands declared in Commands/.",
        subcommands: [CommandsValidateCommand.self, CommandsRegisterCommand.self]
    )

    static func load(_ config: HiringPulseConfig) throws -> CommandCatalog {
        do {
            return try CommandCatalog.load(directory: config.commandsDirectory)
        } catch {
            throw fail("slash commands: \(error)")
        }
    }
}

struct CommandsValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every declaration against Discord's rules; exits 1 on any problem.",
        discussion: "Example: hiringpulse commands validate"
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let catalog = try CommandsCommand.load(try await AppContext.loadConfig(options))
        for command in catalog.commands {
            print("\(command.usage.joined(separator: ", ")): \(command.description)")
        }
        print("\(catalog.commands.count) commands valid (fingerprint \(catalog.fingerprint.prefix(12)))")
    }
}

struct CommandsRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register the slash commands with Discord where they changed (the daemon also does this at start).",
        discussion: """
            One bulk overwrite per scope: each of discord.guild_ids, or globally when that is empty.
            Scopes whose commands are unchanged since the last registration are skipped unless --force.

            Example: DISCORD_TOKEN=... hiringpulse commands register --force
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Register even where nothing changed.")
    var force = false

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        guard let token = config.secrets[.discordToken] else { throw fail("DISCORD_TOKEN is not set") }
        let catalog = try CommandsCommand.load(config)
        let context = try await AppContext.open(options, config: config)
        let logger = Logger(label: "hiringpulse") { _ in SwiftLogNoOpLogHandler() }
        let rest = DiscordRESTClient(token: token, configuration: .init(apiBaseURL: config.discord.apiBaseURL), logger: logger)
        let registration = CommandRegistration(
            rest: rest, store: context.store, catalog: catalog, guildIDs: config.discord.guildIDs, logger: logger)
        do {
            let outcome = try await registration.register(force: force)
            for scope in outcome.registered { print("\(scope): registered \(catalog.commands.count) commands") }
            for scope in outcome.unchanged { print("\(scope): unchanged, skipped (--force to register anyway)") }
        } catch {
            throw fail("\(error)")
        }
    }
}
