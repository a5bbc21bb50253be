import Analytics
import ArgumentParser
import Domain
import Extraction
import Foundation
import HiringPulseTesting
@_spi(Testing) import Store
import Support

struct StatsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Latency of each statistics query over a store of each size.",
        discussion: """
            For each size in --sizes, seeds a fresh database with that many generated stage updates
            (a year of journeys at the known companies), then times each query --iterations times
            in this process, as the slash commands and `hiringpulse stats` run them: the funnel of
            one company (rotating over the 20 busiest), the overall funnel, the trend, /top of all
            time and over 7 days, and a report with a 30-day window (the one query that reads the
            updates themselves, so it runs --window-iterations times). Prints p50, p95, p99 and max
            in milliseconds and the peak resident memory, as JSON.

            Example: swift run -c release hiringpulse-bench stats --sizes 100000,1000000,10000000
            """
    )

    @Option(help: "Comma-separated store sizes, in stage updates.")
    var sizes = "100000,1000000"

    @Option(help: "Runs of each query per size.")
    var iterations = 200

    @Option(help: "Runs of the windowed report per size.")
    var windowIterations = 5

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    @Option(help: "Keep the seeded databases in this directory (bench-<size>.sqlite) and reuse them on the next run.")
    var keep: String?

    func run() async throws {
        let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty else { throw ValidationError("--sizes must list numbers of stage updates, e.g. 100000,1000000") }
        let catalog = try CompanyCatalog.load(contentsOf: companies)
        var results: [[String: Any]] = []
        for count in counts {
            let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
            defer { directory.remove() }
            let store = try Store.open(path: keep.map { "\($0)/bench-\(count).sqlite" } ?? directory.file("bench.sqlite"))
            let now = Timestamp.now()
            let seedStart = ContinuousClock.now
            if try await store.extractions.stageUpdateCount() != count {
                try await store.companies.sync(catalog)
                try store.seedSyntheticStageUpdates(count: count, members: max(1, count / 8), from: now - 365 * 86_400_000, until: now)
            }
            let seedSeconds = (ContinuousClock.now - seedStart).seconds
            let busiest = try await Statistics.report(StatisticsQuery(topLimit: 20), store: store).topCompanies.map(\.company)

            var result: [String: Any] = ["stage_updates": count, "seed_seconds": round3(seedSeconds)]
            func time(_ label: String, runs: Int, _ query: @Sendable (Int) async throws -> Void) async throws {
                result[label] = percentiles(try await Self.latencies(runs: runs, query))
            }
            try await time("stats_company_ms", runs: iterations) { run in
                _ = try await Statistics.report(StatisticsQuery(company: busiest[run % busiest.count]), store: store)
            }
            try await time("stats_overall_ms", runs: iterations) { _ in _ = try await Statistics.report(StatisticsQuery(), store: store) }
            try await time("trends_ms", runs: iterations) { _ in
                _ = try await Statistics.report(StatisticsQuery(trendDays: 30, topLimit: 0), store: store)
            }
            try await time("top_ms", runs: iterations) { _ in _ = try await Statistics.top(stage: nil, days: nil, limit: 10, store: store) }
            try await time("top_7_days_ms", runs: iterations) { _ in
                _ = try await Statistics.top(stage: nil, days: 7, limit: 10, store: store)
            }
            try await time("stats_30_day_window_ms", runs: windowIterations) { _ in
                _ = try await Statistics.report(StatisticsQuery(since: now - 30 * 86_400_000, until: now), store: store)
            }
            result["peak_rss_mb"] = round3(peakResidentMegabytes())
            results.append(result)
        }
        let data = try JSONSerialization.data(withJSONObject: ["benchmark": "stats", "sizes": results], options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Milliseconds of each run of `query`, timed off the main actor: the daemon answers slash
    /// commands from the cooperative pool, where a store read resumes, not on the main thread.
    @concurrent
    private static func latencies(runs: Int, _ query: @Sendable (Int) async throws -> Void) async throws -> [Double] {
        var latencies: [Double] = []
        for run in 0..<runs {
            let start = ContinuousClock.now
            try await query(run)
            latencies.append((ContinuousClock.now - start).seconds * 1000)
        }
        return latencies
    }
}
