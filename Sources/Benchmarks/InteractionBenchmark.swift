import Analytics
import ArgumentParser
import Bot
import Daemon
import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Logging
@_spi(Testing) import Store
import Support

struct InteractionBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interactions",
        abstract: "Latency from a slash command on the gateway to its answer on the REST API, with a large store.",
        discussion: """
            Seeds a fresh database with --updates generated stage updates, runs the daemon in this
            process against the fake Discord on loopback, then sends --requests slash commands one at a
            time (/stats for a company, /stats overall, /top, /trends, /me) and times each from the
            moment the fake dispatches INTERACTION_CREATE to the moment it receives the callback.
            Prints p50, p95, p99 and max per command, in milliseconds, as JSON.

            Example: swift run -c release hiringpulse-bench interactions --updates 1000000
            """
    )

    @Option(help: "Stage updates in the store.")
    var updates = 1_000_000

    @Option(help: "Slash commands to send.")
    var requests = 500

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    @Option(help: "The slash-command declarations.")
    var commands = "Commands"

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let catalog = try CompanyCatalog.load(contentsOf: companies)
        let commandCatalog = try CommandCatalog.load(directory: commands)
        let store = try Store.open(path: directory.file("bench.sqlite"))
        try await store.companies.sync(catalog)
        let seedStart = ContinuousClock.now
        let now = Timestamp.now()
        try store.seedSyntheticStageUpdates(count: updates, members: max(1, updates / 8), from: now - 365 * 86_400_000, until: now)
        let seedSeconds = (ContinuousClock.now - seedStart).seconds
        let busiest = try await Statistics.report(StatisticsQuery(topLimit: 20), store: store).topCompanies.map(\.company)
        let (requests, updates) = (requests, updates)

        let latencies = try await FakeDiscord.withRunning(logger: logger) { discord in
            let loaded = ConfigLoader.load(
                path: "/dev/null",
                environment: [
                    "HIRINGPULSE_DATABASE_PATH": directory.file("bench.sqlite"), "HIRINGPULSE_DISCORD_API_BASE_URL": discord.apiBaseURL,
                    "HIRINGPULSE_DISCORD_SHARD_COUNT": "1", "HIRINGPULSE_DISCORD_COMPRESS": "false",
                    "HIRINGPULSE_HTTP_BIND": "", "HIRINGPULSE_DASHBOARD_BIND": "",
                ])
            let daemon = Daemon(
                config: loaded.config, store: store, hasher: AuthorHasher(key: Data("bench".utf8)), companies: catalog,
                commands: commandCatalog,
                token: FakeDiscord.defaultToken,
                logger: logger)
            return try await withThrowingTaskGroup(of: [String: [Double]].self) { group in
                group.addTask {
                    try await daemon.run()
                    return [:]
                }
                try await eventually("the daemon to identify", timeout: .seconds(30)) { await discord.gateway.identifies.count == 1 }
                let arrivals = await discord.rest.arrivals()
                var callbacks = arrivals.makeAsyncIterator()
                var latencies: [String: [Double]] = [:]
                for number in 0..<requests {
                    let (label, command, options) = Self.request(number, busiest: busiest)
                    let id = Snowflake(rawValue: 1_400_000_000_000_000_000 + UInt64(number))
                    let interaction = FakeDiscordPayloads.interaction(
                        id: id, token: "bench-token-\(number)", command: command, options: options,
                        guildID: Snowflake(rawValue: 1_000_000_000_000_000_001), channelID: Snowflake(rawValue: 1_000_000_000_000_000_002),
                        userID: Snowflake(rawValue: 1_200_000_000_000_000_000 + UInt64(number % 50)))
                    let start = ContinuousClock.now
                    await discord.gateway.dispatch("INTERACTION_CREATE", interaction)
                    while let request = await callbacks.next() {
                        if request.route.hasPrefix("POST /interactions/"), request.target.contains("/\(id)/") { break }
                    }
                    latencies[label, default: []].append((ContinuousClock.now - start).seconds * 1000)
                }
                group.cancelAll()
                return latencies
            }
        }

        var report: [String: Any] = [
            "benchmark": "interactions", "stage_updates": updates, "requests": requests, "seed_seconds": round3(seedSeconds),
        ]
        var all: [Double] = []
        for (label, values) in latencies.sorted(by: { $0.key < $1.key }) {
            all += values
            report[label] = percentiles(values)
        }
        report["all"] = percentiles(all)
        report["peak_rss_mb"] = round3(peakResidentMegabytes())
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// The mix: mostly /stats for a busy company, as members ask, and each other command in turn.
    static func request(_ number: Int, busiest: [String]) -> (
        label: String, command: String, options: [(name: String, type: Int, value: JSONValue)]
    ) {
        switch number % 10 {
        case 0: ("stats_overall_ms", "stats", [])
        case 1: ("top_ms", "top", [])
        case 2: ("trends_ms", "trends", [])
        case 3: ("me_ms", "me", [])
        default: ("stats_company_ms", "stats", [("company", 3, .string(busiest.isEmpty ? "Google" : busiest[number % busiest.count]))])
        }
    }
}
