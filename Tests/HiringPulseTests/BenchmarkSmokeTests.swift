import Foundation
import HiringPulseTesting
import JSON
import Testing

/// Every `hiringpulse-bench` subcommand, run on tiny input: each must finish, exit 0 and print the
/// JSON its README section reads. The figures themselves are not judged here (a debug build on a
/// shared machine); that a benchmark still runs and still measures what it says is. A benchmark
/// that printed its usage instead of running went unnoticed for a whole session once.
@Suite(.timeLimit(.minutes(3))) struct BenchmarkSmokeTests {
    /// Runs one subcommand in a scratch copy of the repository's files and parses its output.
    private func benchmark(_ arguments: [String]) async throws -> JSONValue {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let result = try await cli.run(arguments, program: "hiringpulse-bench")
        try #require(result.status == 0, "\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        return try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A figure of the report: present, and a number greater than zero.
    private func positive(_ value: JSONValue?) -> Bool { (value?.numericValue ?? 0) > 0 }

    @Test func importRunsTheRealCommandTwiceAndComparesWithPlainSQLite() async throws {
        let report = try await benchmark(["import", "--messages", "300"])
        #expect(report["benchmark"] == .string("import"))
        #expect(report["first_import"]?["exit_status"] == .integer(0))
        #expect(report["second_import"]?["exit_status"] == .integer(0))
        // The second import of the same file adds nothing.
        #expect(report["second_import"]?["summary"]?.stringValue?.contains(": 0 new, 0 edited") == true)
        #expect(positive(report["plain_sqlite"]?["messages"]))
        #expect(positive(report["first_import_ratio_to_plain_sqlite"]))
    }

    @Test(arguments: ["gateway", "pending"])
    func ingestStoresAndExtractsEveryMessage(path: String) async throws {
        let report = try await benchmark(["ingest", "--messages", "400", "--path", path])
        #expect(report["path"] == .string(path))
        #expect(positive(report["messages"]))
        #expect(positive(report["stage_updates"]))
        #expect(positive(report["ratio_to_plain_sqlite"]))
    }

    @Test func gatewayCountsEveryDispatchedEvent() async throws {
        let report = try await benchmark(["gateway", "--events", "500"])
        #expect(report["events"] == .integer(500))
        #expect(positive(report["events_per_second"]))
    }

    @Test func daemonReportsIdleSteadyAndBurst() async throws {
        let report = try await benchmark(["daemon", "--rate", "100", "--seconds", "1", "--burst", "300", "--idle-seconds", "0"])
        #expect(positive(report["idle_rss_mb"]))
        #expect(report["steady"]?["lag_ms"]?["count"]?.numericValue == 100)
        #expect(report["burst"]?["events"] == .integer(300))
        #expect(positive(report["burst"]?["events_per_second"]))
    }

    @Test func statsTimesEveryQuery() async throws {
        let report = try await benchmark(["stats", "--sizes", "2000", "--iterations", "3", "--window-iterations", "1"])
        let size = try #require(report["sizes"]?.arrayValue?.first)
        for query in ["stats_company_ms", "stats_overall_ms", "trends_ms", "top_ms", "top_7_days_ms"] {
            #expect(size[query]?["count"]?.numericValue == 3, "\(query)")
        }
        #expect(size["stats_30_day_window_ms"]?["count"]?.numericValue == 1)
    }

    @Test func interactionsAnswersEverySlashCommand() async throws {
        let report = try await benchmark(["interactions", "--updates", "2000", "--requests", "10"])
        #expect(report["all"]?["count"]?.numericValue == 10)
    }

    @Test func llmComparesTheThreeWaysOfCalling() async throws {
        let report = try await benchmark(["llm", "--messages", "20"])
        for run in ["naive", "one_per_call", "batched"] {
            #expect(report[run]?["failed_messages"] == .integer(0), "\(run)")
        }
        #expect(positive(report["batched_tokens_vs_naive"]))
    }

    @Test func matchRoutesEveryPair() async throws {
        let report = try await benchmark(["match", "--postings", "200", "--profiles", "10", "--reactions", "5"])
        #expect(report["pairs"] == .integer(2000))
        #expect(positive(report["matches"]))
        // With feedback learned from stored reactions: read back, learned and routed with.
        #expect(positive(report["pairs_per_second_with_feedback"]) && positive(report["load_and_learn_seconds"]))
    }

    @Test func generateWritesAnExportThatImports() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let generated = try await cli.run(["generate", "--messages", "50", "--output", "export.json"], program: "hiringpulse-bench")
        try #require(generated.status == 0, "\(generated.stderr)")
        let imported = try await cli.run(
            ["import", "--no-progress", "export.json"],
            environment: ["HIRINGPULSE_DATABASE_PATH": cli.directory.file("bench.sqlite"), "HIRINGPULSE_AUTHOR_KEY": "smoke-test-key"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("read 50 messages"), "\(imported.stdout)")
    }
}
