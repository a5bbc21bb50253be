import Analytics
import ArgumentParser
import Bot
import Domain
import Extraction
import Foundation
import JSON
import Store

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print recruiting statistics: funnel, conversion, days between stages, trends, top companies.",
        discussion: """
            A journey is one member at one company. A later stage implies the earlier ones (counted as
            implied); reports are de-duplicated on (member, company, stage); days are UTC.

            Examples:
              hiringpulse stats
              hiringpulse stats --company jpmc --since 2026-08-01
              hiringpulse stats --company "Jane Street" --json
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "One company, by name or alias (JPMC, GS, HRT…); omit for the overall picture.")
    var company: String?

    @Option(help: "Count reports from this day or time on (YYYY-MM-DD or ISO 8601, UTC).")
    var since: String?

    @Option(help: "Count reports up to this day (inclusive) or time (YYYY-MM-DD or ISO 8601, UTC).")
    var until: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let sinceTime = try since.map { try Self.parseTime($0, option: "--since", endOfDay: false) }
        let untilTime = try until.map { try Self.parseTime($0, option: "--until", endOfDay: true) }
        if let sinceTime, let untilTime, sinceTime > untilTime {
            throw fail("--since is after --until")
        }
        let context = try await AppContext.open(options)
        var canonical: String?
        if let company {
            switch context.catalog.resolve(company) {
            case .known(let name): canonical = name
            case .unknown(let name):
                guard !name.isEmpty else { throw fail("--company is empty") }
                canonical = name
            case .ambiguous(let names):
                throw fail("\"\(company)\" is ambiguous: it may mean \(names.joined(separator: " or ")); give the full name")
            }
        }
        let query = StatisticsQuery(
            company: canonical, since: sinceTime, until: untilTime, trendDays: context.config.trendDays,
            topLimit: context.config.topCompanies)
        let report: StatisticsReport
        do {
            report = try await Statistics.report(query, store: context.store)
        } catch {
            throw fail("\(error)")
        }
        if json {
            print(report.jsonValue.serialized)
        } else {
            print(StatsTable.render(report), terminator: "")
        }
    }

    /// `2026-09-01` (the start, or with `endOfDay` the last millisecond, of that UTC day) or a full
    /// ISO 8601 time.
    static func parseTime(_ text: String, option: String, endOfDay: Bool) throws -> Int64 {
        guard let time = Timestamp.parse(text) else {
            throw fail("\(option): \"\(text)\" is not a date (YYYY-MM-DD) or an ISO 8601 time")
        }
        let isDateOnly = text.count == 10
        return endOfDay && isDateOnly ? time + Timestamp.millisecondsPerDay - 1 : time
    }
}
