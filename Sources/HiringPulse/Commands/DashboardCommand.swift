import ArgumentParser
import Bot
import Daemon
import Dashboard
import Foundation
import Logging
import ServiceLifecycle
import Store
import UnixSignals

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Serve the web dashboard from a database, without connecting to Discord.",
        discussion: """
            The same pages and JSON API as `hiringpulse run` serves on dashboard.bind: for imported
            history, or for a copy of the bot's database. Read-only; SIGINT or SIGTERM stops it.
            Set DASHBOARD_TOKEN before binding beyond loopback.

            Examples:
              hiringpulse dashboard
              hiringpulse dashboard --database backup.sqlite --bind 127.0.0.1:9000
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The database to read (default: database.path).", valueName: "file"))
    var database: String?

    @Option(help: ArgumentHelp("Where to listen (default: dashboard.bind, 127.0.0.1:8080).", valueName: "host:port"))
    var bind: String?

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let path = database ?? config.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("no database at \(path): import an export first (hiringpulse import) or give --database")
        }
        let address: HTTPAddress
        if let bind {
            guard let given = HTTPAddress(bind) else {
                throw fail("--bind: expected host:port with a port from 0 to 65535, got \"\(bind)\"")
            }
            address = given
        } else {
            guard let configured = config.dashboardBind else { throw fail("dashboard.bind is empty: give --bind host:port") }
            address = configured
        }
        let store: Store
        do {
            store = try Store.open(path: path, busyTimeout: .milliseconds(config.busyTimeoutMilliseconds))
        } catch {
            throw fail("\(error)")
        }
        let redactor = Redactor(secrets: config.secrets.allValues)
        let level = config.logLevel
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: config.logFormat, level: level, redactor: redactor) }
        let logger = Logger(label: "hiringpulse")
        let server = DashboardServer(
            host: address.host, port: address.port, store: store, settings: DashboardSettings(config: config), logger: logger,
            onListening: { port in
                // The address on standard output at once, for a person to open and for a script to read.
                let host = address.host.contains(":") ? "[\(address.host)]" : address.host
                FileHandle.standardOutput.write(Data("dashboard: http://\(host):\(port)/\n".utf8))
            })
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw fail(redactor.redact("\(error)"))
        }
    }
}
