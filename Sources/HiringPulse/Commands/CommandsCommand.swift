import ArgumentParser
import Bot
import Daemon
import Discord
import JSON
import Logging

struct CommandsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Check and register the slash commands declared in Commands/.",
        subcommands: [CommandsValidateCommand.self, CommandsDiffCommand.self, CommandsRegisterCommand.self]
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

struct CommandsDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how the commands in Commands/ differ from those registered with Discord.",
        discussion: """
            Reads the commands Discord holds for each scope (each of discord.guild_ids, or the global
            ones) and compares them with the declarations: + to be added, - to be removed, ~ changed
            with the fields that differ. Changes nothing; `commands register` applies them.

            Example: DISCORD_TOKEN=... hiringpulse commands diff
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        guard let token = config.secrets[.discordToken] else { throw fail("DISCORD_TOKEN is not set") }
        let catalog = try CommandsCommand.load(config)
        let logger = Logger(label: "hiringpulse") { _ in SwiftLogNoOpLogHandler() }
        let rest = DiscordRESTClient(token: token, configuration: .init(apiBaseURL: config.discord.apiBaseURL), logger: logger)
        let declared = catalog.registrationPayload.arrayValue ?? []
        do {
            let application = try await rest.currentApplication()
            let scopes: [(name: String, guild: Snowflake?)] =
                config.discord.guildIDs.isEmpty ? [("global", nil)] : config.discord.guildIDs.map { ("guild \($0)", $0) }
            for scope in scopes {
                let registered: JSONValue
                if let guild = scope.guild {
                    registered = try await rest.guildCommands(applicationID: application.id, guildID: guild)
                } else {
                    registered = try await rest.globalCommands(applicationID: application.id)
                }
                let changes = CommandDiff.compare(declared: declared, registered: registered.arrayValue ?? [])
                let pending = changes.filter { $0.isChange }
                if pending.isEmpty {
                    print("\(scope.name): in sync (\(declared.count) commands)")
                } else {
                    print("\(scope.name): \(pending.count) of \(changes.count) commands differ")
                    for change in pending { print("  \(change)") }
                }
            }
        } catch {
            throw fail("\(error)")
        }
    }
}
