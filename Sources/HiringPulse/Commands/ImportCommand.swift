import ArgumentParser
import Bot
import Foundation
import Store
import Support

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import DiscordChatExporter JSON exports and classify every message.",
        discussion: """
            Export a channel with DiscordChatExporter in JSON format, then import it:

              hiringpulse import general.json offers.json

            Each file is checked whole first; a truncated, malformed or non-UTF-8 file is reported on one
            line and changes nothing. Messages are stored (keyed by their Discord id, so importing a file
            twice adds nothing), bot messages and system messages are skipped, and every message is
            classified with the rule extractor. Ends with one summary line per file.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("DiscordChatExporter JSON export files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Do not draw a progress bar, even on a terminal.")
    var noProgress = false

    func run() async throws {
        let context = try await AppContext.open(options)
        let importer = ChatExportImporter(
            store: context.store, pipeline: try context.pipeline(), hasher: try context.authorHasher(),
            batchSize: context.config.importBatchSize)
        let progress = noProgress ? nil : TerminalProgress.ifTerminal()
        var failedFiles = 0
        var total = ImportSummary()
        for file in files {
            let started = ContinuousClock.now
            do {
                let summary = try await importer.importFile(file, progress: progress)
                total.add(summary)
                let seconds = (ContinuousClock.now - started).seconds
                print("\(file): \(summary.line) in \(String(format: "%.1f", seconds)) s")
                if let problem = summary.firstFailure { printError("hiringpulse: first failure: \(problem)") }
            } catch let error as ImportError {
                failedFiles += 1
                printError("hiringpulse: \(error.description) (nothing imported from this file)")
            } catch {
                failedFiles += 1
                printError("hiringpulse: \(file): \(error)")
            }
        }
        if files.count > 1 { print("total: \(total.line)") }
        if failedFiles > 0 { throw ExitCode(1) }
    }
}
