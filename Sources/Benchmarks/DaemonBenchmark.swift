import ArgumentParser
import Discord
import Foundation
import HiringPulseTesting
import Logging
import Store
import Support

struct DaemonBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "The real `hiringpulse run` against the fake Discord: idle memory, lag at a steady rate, and top throughput.",
        discussion: """
            Starts the fake Discord in this process and `hiringpulse run` (the binary next to this
            benchmark) as a child with the rule extractor and a fresh database. Measures, as JSON:
            - idle: the daemon's resident memory after READY and --idle-seconds of quiet;
            - steady: --rate MESSAGE_CREATE a second for --seconds, spread over each second in
              ticks of --tick-milliseconds (1000 sends each second's messages at once), and the lag
              of each message from its dispatch to its extraction being committed (looked for
              every --poll-milliseconds), p50, p99 and max, with the peak resident memory;
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

    @Option(help: "The steady phase sends each second's messages in ticks this far apart.")
    var tickMilliseconds = 10

    @Option(help: "How often the steady phase looks for extracted messages between ticks.")
    var pollMilliseconds = 2

    @Option(help: "Quiet time before the idle memory is read.")
    var idleSeconds = 5

    @Option(help: "The hiringpulse binary; defaults to the one next to this benchmark.")
    var binary: String?

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let executable =
            binary
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
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
                "HIRINGPULSE_HTTP_BIND": "127.0.0.1:0", "HIRINGPULSE_DASHBOARD_BIND": "", "HIRINGPULSE_LOG_LEVEL": "warning",
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

            // Steady: the second's messages spread over it in ticks of --tick-milliseconds, as a
            // channel's traffic comes. A message's lag ends at the first look that finds it
            // extracted; the daemon commits in order, so the extracted messages are a prefix.
            var firstID = Snowflake(unixMilliseconds: Timestamp.now() + 3_600_000).rawValue
            let progress = try ExtractionProgress(path: database, firstID: Int64(firstID))
            let ticksPerSecond = max(1, 1_000 / max(1, tickMilliseconds))
            let start = ContinuousClock.now
            var dispatchedAt: [ContinuousClock.Instant] = []
            var lags: [Double] = []
            /// Each message extracted since the last look ends its lag now.
            func observe() throws {
                let done = try progress.extracted()
                let now = ContinuousClock.now
                while lags.count < min(done, dispatchedAt.count) { lags.append((now - dispatchedAt[lags.count]).seconds * 1000) }
            }
            var peak = idle
            var sent = 0
            for tick in 0..<(seconds * ticksPerSecond) {
                // This tick's share of the second's messages, so that each second sends exactly --rate.
                let count = rate * (tick % ticksPerSecond + 1) / ticksPerSecond - rate * (tick % ticksPerSecond) / ticksPerSecond
                await discord.gateway.dispatchMessageBurst(
                    count: count, channelID: channel, content: "got the OA from JPMC today", guildID: guild,
                    firstID: firstID + UInt64(sent),
                    authors: 50)
                dispatchedAt += Array(repeating: ContinuousClock.now, count: count)
                sent += count
                try observe()
                if tick % ticksPerSecond == ticksPerSecond - 1 { peak = max(peak, ProcessMemory.residentMegabytes(of: pid)) }
                let next = start + .milliseconds((tick + 1) * 1_000 / ticksPerSecond)
                while ContinuousClock.now < next {
                    try await Task.sleep(until: min(next, ContinuousClock.now + .milliseconds(pollMilliseconds)))
                    try observe()
                }
            }
            while lags.count < sent {
                try await Task.sleep(for: .milliseconds(pollMilliseconds))
                try observe()
            }

            // Burst: everything at once, timed until the last extraction is committed.
            firstID += UInt64(sent)
            let before = try progress.extracted()
            let burstStart = ContinuousClock.now
            var dispatched = 0
            while dispatched < burst {
                let count = min(5_000, burst - dispatched)
                await discord.gateway.dispatchMessageBurst(
                    count: count, channelID: channel, content: "Citadel superday friday", guildID: guild,
                    firstID: firstID + UInt64(dispatched),
                    authors: 50)
                dispatched += count
            }
            var burstPeak = peak
            while try progress.extracted() < before + burst {
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
                    "rate_per_second": rate, "seconds": seconds, "tick_ms": 1_000 / ticksPerSecond, "lag_ms": percentiles(lags),
                    "peak_rss_mb": round3(peak),
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
}
