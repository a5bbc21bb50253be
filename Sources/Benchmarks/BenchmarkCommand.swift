import ArgumentParser
import Foundation
import HiringPulseTesting
@_spi(Testing) import Store
import Support

@main
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hiringpulse-bench",
        abstract: "Benchmarks of HiringPulse, printed as JSON. Build with -c release.",
        subcommands: [
            ImportBenchmark.self, GatewayBenchmark.self, InteractionBenchmark.self, StatsBenchmark.self, DaemonBenchmark.self,
            IngestBenchmark.self, LLMBenchmark.self, MatchBenchmark.self, DashboardBenchmark.self, GenerateExport.self,
        ]
    )
}

struct ImportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a generated DiscordChatExporter export twice with the real `hiringpulse import`.",
        discussion: """
            Generates an export of --messages messages, runs `hiringpulse import` on it in a fresh
            database (raw message to committed stage updates, rule extractor), then again on the same
            file, which must add nothing. Reports wall time, messages per second and the peak resident
            memory of each run (from the kernel's rusage of the child process); then inserts the rows
            the import stored (messages, extractions, stage updates) again with plain prepared INSERTs,
            2,000 messages a transaction, and reports that rate and the first import's ratio to it.

            Example: swift run -c release hiringpulse-bench import --messages 100000
            """
    )

    @Option(help: "Messages in the generated export.")
    var messages = 100_000

    @Option(help: "The hiringpulse binary; defaults to the one next to this benchmark.")
    var binary: String?

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    func run() throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let export = directory.file("export.json")
        let generationStart = ContinuousClock.now
        try ChatExportGenerator().write(count: messages, to: export)
        let generationSeconds = (ContinuousClock.now - generationStart).seconds
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: export)[.size] as? NSNumber)?.intValue ?? 0

        let executable =
            binary
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("hiringpulse").path
        var environment = ProcessInfo.processInfo.environment
        environment["HIRINGPULSE_DATABASE_PATH"] = directory.file("bench.sqlite")
        environment["HIRINGPULSE_COMPANIES_FILE"] = companies
        environment["HIRINGPULSE_AUTHOR_KEY"] = "benchmark-key"

        let first = try ChildProcess.run(executable, ["import", "--no-progress", export], environment: environment, directory: directory)
        let second = try ChildProcess.run(executable, ["import", "--no-progress", export], environment: environment, directory: directory)
        // The rows the import stored, inserted again with plain SQLite in this run.
        let plain = try Store.open(path: directory.file("bench.sqlite")).timePlainInsert(into: directory.file("plain.sqlite"))
        let plainRate = Double(plain.messages) / plain.seconds
        let result: [String: Any] = [
            "benchmark": "import",
            "messages": messages,
            "file_bytes": fileBytes,
            "generation_seconds": round3(generationSeconds),
            "first_import": first.json(messages: messages),
            "second_import": second.json(messages: messages),
            "plain_sqlite": ["messages": plain.messages, "seconds": round3(plain.seconds), "messages_per_second": Int(plainRate)],
            // Both as messages a second over the messages each stored.
            "first_import_ratio_to_plain_sqlite": round3(Double(plain.messages) / first.seconds / plainRate),
        ]
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
        print(String(decoding: data, as: UTF8.self))
        if first.status != 0 || second.status != 0 { throw ExitCode(1) }
    }
}

struct GenerateExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated DiscordChatExporter export, to profile or try an import by hand.",
        discussion: "Example: swift run -c release hiringpulse-bench generate --messages 100000 --output /tmp/export.json"
    )

    @Option(help: "Messages in the generated export.")
    var messages = 100_000

    @Option(help: "Where to write the export.")
    var output: String

    @Option(help: "Seed of the generator; the same seed writes the same file.")
    var seed: UInt64 = 42

    func run() throws {
        try ChatExportGenerator(seed: seed).write(count: messages, to: output)
    }
}

/// A child process run to completion, with its wall time and peak resident memory.
struct ChildProcess {
    var status: Int32
    var seconds: Double
    var peakRSSKilobytes: Int
    var output: String

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], directory: TemporaryDirectory) throws
        -> ChildProcess
    {
        let outputPath = directory.file("child-\(UUID().uuidString).out")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ValidationError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = (ContinuousClock.now - started).seconds
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildProcess(status: exitCode, seconds: seconds, peakRSSKilobytes: usage.ru_maxrss, output: output)
    }

    func json(messages: Int) -> [String: Any] {
        [
            "exit_status": Int(status),
            "seconds": round3(seconds),
            "messages_per_second": Int(Double(messages) / seconds),
            "peak_rss_mb": round3(Double(peakRSSKilobytes) / 1024),
            "summary": output.trimmingCharacters(in: .whitespacesAndNewlines),
        ]
    }
}

func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

/// The process's peak resident set so far, from the kernel.
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// p50, p95, p99, max and count of latencies, rounded, for the JSON the benchmarks print.
func percentiles(_ values: [Double]) -> [String: Double] {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return [:] }
    func at(_ fraction: Double) -> Double { round3(sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]) }
    return ["p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round3(sorted.last!), "count": Double(sorted.count)]
}
