import ArgumentParser
import Discord
import Foundation
import HiringPulseTesting
import Logging
import Support
import Synchronization

struct GatewayBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "MESSAGE_CREATE events per second, from the fake Discord gateway over loopback into typed models.",
        discussion: """
            Starts the fake Discord on 127.0.0.1, connects the real gateway client (identify, READY),
            then has the fake dispatch --events MESSAGE_CREATE payloads as fast as the socket takes
            them. Each is read off the WebSocket, inflated when --compress is set, parsed and decoded
            into a DiscordMessage before it is counted. The fake runs in the same process and shares
            the cores, so the figure is a floor for a dedicated client.

            Example: swift run -c release hiringpulse-bench gateway --events 200000
            """
    )

    @Option(help: "MESSAGE_CREATE events to dispatch.")
    var events = 200_000

    @Flag(help: "Use zlib-stream transport compression.")
    var compress = false

    func run() async throws {
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let target = events
        let compress = compress
        let result = try await FakeDiscord.withRunning(logger: logger) { discord in
            let counter = DeliveryCounter()
            let rest = discord.restClient(logger: logger)
            let gateway = DiscordGateway(
                configuration: .init(token: FakeDiscord.defaultToken, connection: .init(compress: compress)), rest: rest, logger: logger
            )
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gateway.run(handler: counter) }
                try await eventually("READY", timeout: .seconds(30)) { counter.ready }
                let channel = Snowflake(rawValue: 1_300_000_000_000_000_000)
                let content = "got the OA from JPMC, superday at Citadel friday, offer from Databricks!!"
                let start = ContinuousClock.now
                var dispatched = 0
                let chunk = 5_000
                while dispatched < target {
                    let count = min(chunk, target - dispatched)
                    await discord.gateway.dispatchMessageBurst(count: count, channelID: channel, content: content)
                    dispatched += count
                    // Keep at most a few chunks in flight so memory measures the client, not a queue.
                    try await eventually("the client to catch up", timeout: .seconds(120)) { counter.messages >= dispatched - 4 * chunk }
                }
                try await eventually("every event", timeout: .seconds(120)) { counter.messages >= target }
                let seconds = (ContinuousClock.now - start).seconds
                group.cancelAll()
                return (seconds, counter.messages)
            }
        }
        let report: [String: Any] = [
            "benchmark": "gateway",
            "events": result.1,
            "compress": compress,
            "seconds": round3(result.0),
            "events_per_second": Int(Double(result.1) / result.0),
            "peak_rss_mb": round3(peakResidentMegabytes()),
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// Counts decoded MESSAGE_CREATE events without a lock or an actor hop per event.
final class DeliveryCounter: GatewayEventHandler {
    private let count = Atomic<Int>(0)
    private let readyFlag = Atomic<Bool>(false)

    var messages: Int { count.load(ordering: .acquiring) }
    var ready: Bool { readyFlag.load(ordering: .acquiring) }

    func handle(_ event: GatewayEvent, shard: Int, sequence: Int64?) async {
        switch event {
        case .messageCreate(let message) where message.content != nil:
            count.add(1, ordering: .releasing)
        case .ready:
            readyFlag.store(true, ordering: .releasing)
        default:
            break
        }
    }

    func sessionChanged(_ session: GatewayStateMachine.Session?, shard: Int) async {}
}
