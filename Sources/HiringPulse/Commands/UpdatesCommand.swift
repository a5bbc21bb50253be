import ArgumentParser
import Domain
import Exports
import Extraction
import Store

struct UpdatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "updates",
        abstract: "The stage updates members reported (OA, phone, onsite, offer, rejected…).",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the stored stage updates as CSV, JSON or JSON Lines, oldest first.",
            discussion: """
                Streams every stage update that is not retracted and passes the
                filters, one at a time, so that an export of any size runs in constant
                memory. Columns: id, message_id, author_hash, company, stage, role,
                season, reported_at (ISO 8601, UTC). author_hash is the stored
                pseudonym (an HMAC of the Discord user id), never the id itself. In
                JSON, message_id is text, as Discord writes snowflakes: it can exceed
                what a JSON number holds exactly.

                CSV: a header line, LF line ends, RFC 4180 quoting. A cell starting
                with =, +, -, @, a tab or a carriage return gets a leading ' so that a
                spreadsheet shows it as text instead of running it as a formula.

                Examples:
                  hiringpulse updates export --company JPMC --stage offer
                  hiringpulse updates export --max-age-days 7 --format jsonl \\
                    --output week.jsonl
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var export: ExportOptions

        @Option(help: ArgumentHelp("Only this stage: applied, oa, phone, onsite, offer or rejected.", valueName: "stage"))
        var stage: String?

        @Option(help: "Only roles containing this text (any case), for example intern.")
        var role: String?

        func run() async throws {
            let format = try export.exportFormat()
            let since = try export.since(now: Timestamp.now())
            let stageFilter = try stage.map { value in
                guard let stage = Stage(rawValue: value.lowercased()) else {
                    throw fail("--stage: \"\(value)\" is not one of \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return stage
            }
            let context = try await AppContext.open(options)
            let filter = StageUpdateExportFilter(
                company: try await export.companyFilter(in: context.store), stage: stageFilter, role: role, reportedSince: since)
            try export.write(format, noun: ("stage update", "stage updates")) { (each: (StageUpdateExportRow) throws -> Void) in
                try context.store.exportStageUpdates(filter, each)
            }
        }
    }
}
