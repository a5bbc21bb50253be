import ArgumentParser
import Bot
import Extraction
import Foundation

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the configuration.",
        subcommands: [ConfigCheckCommand.self]
    )
}

struct ConfigCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print the resolved configuration and explain any problem.",
        discussion: """
            Shows every key with its value and where it came from (default, file or environment), and
            whether each secret is set; secret values are never shown. Each problem (an unknown key, a
            wrong type, an unreadable file) is explained on one line, and the command then exits 1.

            Example: HIRINGPULSE_DATABASE_PATH=/var/lib/hiringpulse/db.sqlite hiringpulse config check
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let loaded = await ConfigLoader.load(path: options.config, environment: ProcessInfo.processInfo.environment)
        print("config file: \(loaded.filePath ?? "none (built-in defaults)")")
        let width = ConfigOption.all.map(\.key.count).max() ?? 0
        for entry in loaded.resolved {
            let key = entry.option.key.padding(toLength: width, withPad: " ", startingAt: 0)
            print("  \(key)  \(entry.value)  (\(entry.source.rawValue))")
        }
        print("secrets (environment only):")
        for name in SecretName.allCases {
            print("  \(name.rawValue): \(loaded.config.secrets.isSet(name) ? "set" : "unset")")
        }
        var problems = loaded.problems
        do {
            let catalog = try CompanyCatalog.load(contentsOf: loaded.config.companiesFile)
            print("companies: \(catalog.definitions.count) in \(loaded.config.companiesFile)")
        } catch {
            problems.append("\(error)")
        }
        if problems.isEmpty {
            print("ok")
        } else {
            for problem in problems { printError("error: \(problem)") }
            throw ExitCode(1)
        }
    }
}
