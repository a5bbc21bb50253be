import ArgumentParser
import Discord
import Foundation
import HiringPulseTesting
import Logging
import Store

struct DaemonBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "The real `hiringpulse run` against the fake Discord: idle memory, lag at a steady rate, and top throughput.",
        discussion: """
            Starts the fake Discord in this process and `hiringpulse run` (the binary next to this
            benchmark) as a child with the rule extractor and a fresh database. Measures, as JSON:
            - idle: the daemon's resident memory after READY and --idle-seconds of quiet;
            - steady: --rate MESSAGE_CREATE a second for --seconds, and the lag of each message
              from its dispatch to its extraction being committed (sampled every 20 ms), p50, p99
              and max, with the peak resident memory;
            - burst: --burst events dispatched at once, and how many a second the daemon stores and
              extracts, end to end.

            Example: swift run -c release hiringpulse-bench daemon --rate 1000 --seconds 30
            """
    )

    @Option(help: "Messages a second in the steady phase.")
    var rate = 1_000

    @Option(help: "Length of the steady phase.")
    var seconds = 30

    @Option(help: "Events in the burst phase.")
    var burst = 100_000

    @Option(help: "Quiet time before the idle memory is read.")
    var idleSeconds = 5

    @Option(help: "The hiringpulse binary; defaults to the one next to this benchmark.")
    var binary: String?

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let executable = binary ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("hiringpulse").path
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let (rate, seconds, burst, idleSeconds) = (rate, seconds, burst, idleSeconds)
        let guild = Snowflake(rawValue: 1_000_000_000_000_000_001)
        let channel = Snowflake(rawValue: 1_000_000_000_000_000_002)
        let data = try await FakeDiscord.withRunning(logger: logger) { discord -> Data in
            let database = directory.file("bench.sqlite")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["run"]
            process.currentDirectoryURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            process.environment = ProcessInfo.processInfo.environment.merging([
                "DISCORD_TOKEN": FakeDiscord.defaultToken, "HIRINGPULSE_DATABASE_PATH": database,
                "HIRINGPULSE_DISCORD_API_BASE_URL": discord.apiBaseURL, "HIRINGPULSE_DISCORD_SHARD_COUNT": "1",
                "HIRINGPULSE_DISCORD_COMPRESS": "false", "HIRINGPULSE_DISCORD_CHANNEL_IDS": "\(channel)",
                "HIRINGPULSE_HTTP_BIND": "127.0.0.1:0", "HIRINGPULSE_LOG_LEVEL": "warning",
                "HIRINGPULSE_AUTHOR_KEY": "benchmark-key",
            ]) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            let pid = process.processIdentifier
            try await eventually("the daemon to identify", timeout: .seconds(30)) { await discord.gateway.identifies.count == 1 }
            try await Task.sleep(for: .seconds(idleSeconds))
            let idle = ProcessMemory.residentMegabytes(of: pid)
            let idleAnonymous = ProcessMemory.anonymousMegabytes(of: pid)
            let store = try Store.open(path: database)

            // Steady: one burst each second; a message's lag ends when the count of extracted
            // messages first reaches its position.
            var firstID = Snowflake(unixMilliseconds: Timestamp.now() + 3_600_000).rawValue
            let start = ContinuousClock.now
            var dispatchedAt: [ContinuousClock.Instant] = []
            var lags: [Double] = []
            /// Each message extracted since the last look ends its lag now.
            func observe() throws {
                let done = try Self.extracted(store)
                let now = ContinuousClock.now
                while lags.count < min(done, dispatchedAt.count) { lags.append((now - dispatchedAt[lags.count]).seconds * 1000) }
            }
            var peak = idle
            var sent = 0
            for second in 0..<seconds {
                await discord.gateway.dispatchMessageBurst(
                    count: rate, channelID: channel, content: "got the OA from JPMC today", guildID: guild, firstID: firstID + UInt64(sent),
                    authors: 50)
                dispatchedAt += Array(repeating: ContinuousClock.now, count: rate)
                sent += rate
                let next = start + .seconds(second + 1)
                while ContinuousClock.now < next {
                    try observe()
                    try await Task.sleep(for: .milliseconds(20))
                }
                peak = max(peak, ProcessMemory.residentMegabytes(of: pid))
            }
            while lags.count < sent {
                try observe()
                try await Task.sleep(for: .milliseconds(20))
            }

            // Burst: everything at once, timed until the last extraction is committed.
            firstID += UInt64(sent)
            let before = try Self.extracted(store)
            let burstStart = ContinuousClock.now
            var dispatched = 0
            while dispatched < burst {
                let count = min(5_000, burst - dispatched)
                await discord.gateway.dispatchMessageBurst(
                    count: count, channelID: channel, content: "Citadel superday friday", guildID: guild, firstID: firstID + UInt64(dispatched),
                    authors: 50)
                dispatched += count
            }
            var burstPeak = peak
            while try Self.extracted(store) < before + burst {
                burstPeak = max(burstPeak, ProcessMemory.residentMegabytes(of: pid))
                try await Task.sleep(for: .milliseconds(50))
            }
            let burstSeconds = (ContinuousClock.now - burstStart).seconds
            let report: [String: Any] = [
                "benchmark": "daemon",
                "idle_rss_mb": round3(idle),
                // Heap and stacks only: the rest of the resident set is clean pages of the binary and
                // the Swift runtime, shared and reclaimable.
                "idle_anonymous_mb": round3(idleAnonymous),
                "steady": [
                    "rate_per_second": rate, "seconds": seconds, "lag_ms": percentiles(lags), "peak_rss_mb": round3(peak),
                ],
                "burst": [
                    "events": burst, "seconds": round3(burstSeconds), "events_per_second": Int(Double(burst) / burstSeconds),
                    "peak_rss_mb": round3(burstPeak),
                ],
            ]
            return try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        }
        print(String(decoding: data, as: UTF8.self))
    }

    /// Messages whose extraction is committed, whatever it found.
    static func extracted(_ store: Store) throws -> Int {
        let counts = try store.messageCounts()
        return (counts[.done] ?? 0) + (counts[.skipped] ?? 0) + (counts[.failed] ?? 0)
    }
}
