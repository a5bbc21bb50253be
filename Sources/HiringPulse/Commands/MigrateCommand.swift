import ArgumentParser
import Bot
import Store

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the database, or bring its schema up to date.",
        discussion: """
            Every command migrates automatically; run this to do it on its own, for example before an
            upgrade. With --check nothing is changed: it lists the migrations this version would apply
            and exits 1 when there are any.

            Example: hiringpulse migrate --check
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Only report pending migrations; change nothing. Exits 1 when some are pending.")
    var check = false

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        do {
            if check {
                let store = try Store.openWithoutMigrating(path: config.databasePath)
                let status = try store.migrationStatus()
                if status.pending.isEmpty {
                    print("\(config.databasePath): up to date (\(status.applied.count) migrations applied)")
                } else {
                    print("\(config.databasePath): \(status.pending.count) pending: \(status.pending.joined(separator: ", "))")
                    throw ExitCode(1)
                }
            } else {
                let store = try Store.openWithoutMigrating(path: config.databasePath)
                let before = try store.migrationStatus()
                try store.migrate()
                let after = try store.migrationStatus()
                let applied = after.applied.filter { !before.applied.contains($0) }
                print(
                    "\(config.databasePath): \(applied.isEmpty ? "already up to date" : "applied \(applied.joined(separator: ", "))") (schema \(after.applied.last ?? "empty"))"
                )
            }
        } catch let error as StoreError {
            throw fail(error.description)
        }
    }
}
