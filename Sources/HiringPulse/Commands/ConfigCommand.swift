import Alerts
import ArgumentParser
import Bot
import ConfigFiles
import Domain
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
            whether each secret is set; secret values are never shown. The files it names are read as
            `run` reads them: companies.file, feeds.file and alerts.file (whose ${NAME} values come from
            the environment); a feeds or alerts file that does not exist configures none. Each problem
            (an unknown key, a wrong type, an unreadable file, a bad feed or profile) is explained on
            one line, with its file and line, and the command then exits 1.

            Example: HIRINGPULSE_DATABASE_PATH=/var/lib/hiringpulse/db.sqlite hiringpulse config check
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let loaded = ConfigLoader.load(path: options.config, environment: ProcessInfo.processInfo.environment)
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
            let catalog = try CompanyCatalogFile.read(contentsOf: loaded.config.companiesFile)
            print("companies: \(catalog.definitions.count) in \(loaded.config.companiesFile)")
        } catch {
            problems += error.lines
        }
        problems += checkFeeds(loaded.config)
        problems += checkAlerts(loaded.config)
        if problems.isEmpty {
            print("ok")
        } else {
            for problem in problems { printError("error: \(problem)") }
            throw ExitCode(1)
        }
    }

    /// `feeds.file` as the daemon reads it; a file that is not there configures no feeds.
    private func checkFeeds(_ config: HiringPulseConfig) -> [String] {
        guard FileManager.default.fileExists(atPath: config.feedsFile) else {
            print("feeds: none (\(config.feedsFile) does not exist)")
            return []
        }
        do {
            let feeds = try FeedsFile.load(contentsOf: config.feedsFile)
            print("feeds: \(feeds.isEmpty ? "none" : "\(feeds.count)") in \(config.feedsFile)")
            for feed in feeds { print("  \(feed.name)  \(feed.format.rawValue)  \(feed.host ?? "?")") }
            return []
        } catch {
            return error.lines
        }
    }

    /// `alerts.file` as the daemon reads it, `${NAME}` values and the secrets its destinations
    /// need included; a file that is not there configures no profiles.
    private func checkAlerts(_ config: HiringPulseConfig) -> [String] {
        guard FileManager.default.fileExists(atPath: config.alertsFile) else {
            print("alert profiles: none (\(config.alertsFile) does not exist)")
            return []
        }
        do {
            let contents = try AlertProfilesFile.contents(of: config.alertsFile, environment: ProcessInfo.processInfo.environment)
            print("alert profiles: \(contents.profiles.isEmpty ? "none" : "\(contents.profiles.count)") in \(config.alertsFile)")
            for configured in contents.profiles {
                print("  \(configured.profile.name)  \(configured.destinations.map(\.key).joined(separator: ", "))")
            }
            if !contents.admin.isEmpty { print("  admin:  \(contents.admin.map(\.key).joined(separator: ", "))") }
            return AlertsSetup.secretProblems(contents, config: config)
        } catch {
            return error.lines
        }
    }
}
