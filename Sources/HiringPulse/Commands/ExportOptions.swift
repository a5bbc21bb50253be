import ArgumentParser
import Exports
import Foundation
import Store

/// The options and the writing that `postings export` and `updates export` share. Options are
/// read as text and checked here, so that a bad value is one line on standard error and exit
/// code 1, before anything is written.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("csv, json (one array) or jsonl (one object per line).", valueName: "csv|json|jsonl"))
    var format = "csv"

    @Option(help: "One company, by name or alias (JPMC, GS, HRT…).")
    var company: String?

    // Unconditional, so that "--max-age-days -3" reaches the check below instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Only the last N days.", valueName: "n"))
    var maxAgeDays: String?

    @Option(
        help: ArgumentHelp(
            "Write to this file instead of standard output.",
            discussion: "The file is replaced only once the export is complete.", valueName: "file"))
    var output: String?

    func exportFormat() throws -> ExportFormat {
        guard let format = ExportFormat(rawValue: format.lowercased()) else {
            throw fail("--format: \"\(format)\" is not csv, json or jsonl")
        }
        return format
    }

    /// The earliest time `--max-age-days` keeps, in Unix milliseconds.
    func since(now: Int64) throws -> Int64? {
        guard let maxAgeDays else { return nil }
        guard let days = Int64(maxAgeDays), days >= 1 else {
            throw fail("--max-age-days: \"\(maxAgeDays)\" is not a whole number of days, 1 or more")
        }
        let (age, overflow) = days.multipliedReportingOverflow(by: Timestamp.millisecondsPerDay)
        return overflow ? nil : now - age
    }

    /// The company as given, once the store knows which one it means. An alias of several companies
    /// ("MS") is refused, as `stats` refuses it; a name the store does not know gets a note, and an
    /// empty export.
    func companyFilter(in store: Store) async throws -> String? {
        guard let company else { return nil }
        guard !company.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("--company is empty") }
        let matches: [String]
        do {
            matches = try await store.companies.matching(company)
        } catch {
            throw fail("\(error)")
        }
        if matches.count > 1 {
            throw fail("\"\(company)\" is ambiguous: it may mean \(matches.joined(separator: " or ")); give the full name")
        }
        if matches.isEmpty { printError("hiringpulse: note: no stored company is named \"\(company)\"; nothing to export") }
        return company
    }

    /// Opens the output, has `records` hand each record to the writer, and closes the output. With
    /// --output, a line says how many were written where.
    func write<Record: ExportRecord>(
        _ format: ExportFormat, noun: (singular: String, plural: String), records: ((Record) throws -> Void) throws -> Void
    ) throws {
        do {
            let sink = try output.map(BufferedOutput.file) ?? .standardOutput()
            var writer = ExportWriter<Record, BufferedOutput>(format: format, output: sink)
            try writer.begin()
            try records { try writer.write($0) }
            try writer.finish()
            try sink.commit()
            if let output {
                print("exported \(writer.count) \(writer.count == 1 ? noun.singular : noun.plural) to \(output)")
            }
        } catch {
            throw fail("\(error)")
        }
    }
}
