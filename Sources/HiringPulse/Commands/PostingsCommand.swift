import ArgumentParser
import Domain
import Exports
import Extraction
import Store

struct PostingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postings",
        abstract: "The job postings found in messages and feeds.",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the stored job postings as CSV, JSON or JSON Lines, oldest first.",
            discussion: """
                Streams every posting that is not retracted and passes the filters, one
                at a time, so that an export of any size runs in constant memory.
                Columns: id, source, external_id, company, title, location, remote,
                employment_type, seniority, skills, salary_min, salary_max, currency,
                url, posted_at (ISO 8601, UTC).

                CSV: a header line, LF line ends, RFC 4180 quoting, skills joined with
                ";". A cell starting with =, +, -, @, a tab or a carriage return gets a
                leading ' so that a spreadsheet shows it as text instead of running it
                as a formula. JSON and JSON Lines keep values as they are, skills as a
                list, null for what is unknown.

                Examples:
                  hiringpulse postings export --remote yes --max-age-days 30 > remote.csv
                  hiringpulse postings export --company jpmc --role intern \\
                    --format json --output jpmc.json
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var export: ExportOptions

        @Option(help: "Only titles containing this text (any case).")
        var role: String?

        @Option(help: "Only locations containing this text (any case).")
        var location: String?

        @Option(help: ArgumentHelp("Only postings that are remote (yes), on-site (no) or hybrid.", valueName: "yes|no|hybrid"))
        var remote: String?

        func run() async throws {
            let format = try export.exportFormat()
            let since = try export.since(now: Timestamp.now())
            let remotePolicy = try remote.map { value in
                guard let policy = RemotePolicy(rawValue: value.lowercased()) else {
                    throw fail("--remote: \"\(value)\" is not yes, no or hybrid")
                }
                return policy
            }
            let context = try await AppContext.open(options)
            let filter = PostingExportFilter(
                company: try await export.companyFilter(in: context.store), role: role, location: location, remote: remotePolicy,
                postedSince: since)
            try export.write(format, noun: ("posting", "postings")) { (each: (StoredPosting) throws -> Void) in
                try context.store.exportPostings(filter, each)
            }
        }
    }
}
