import ArgumentParser
import Bot
import Foundation
import Store

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file, safely while the daemon runs.",
        discussion: """
            Uses SQLite's online backup from one consistent snapshot: the daemon keeps reading and
            writing meanwhile. The copy is checked before it is put in place, and an existing file is
            never overwritten. Restore by stopping the daemon and putting the copy at database.path.

            Example: hiringpulse backup /var/backups/hiringpulse-$(date +%F).sqlite
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The file to write; it must not exist.")
    var file: String

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            throw fail("no database at \(config.databasePath) to back up (set database.path or HIRINGPULSE_DATABASE_PATH)")
        }
        do {
            let store = try Store.open(path: config.databasePath)
            let bytes = try store.backup(to: file)
            print("backed up \(config.databasePath) to \(file) (\(bytes / 1024) KiB)")
        } catch let error as StoreError {
            throw fail(error.description)
        }
    }
}
