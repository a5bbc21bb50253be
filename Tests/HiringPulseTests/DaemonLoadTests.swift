import Discord
import Foundation
import HiringPulseTesting
import Store
import Testing

/// The real daemon under a steady 1,000 messages a second from the fake gateway for a minute, on
/// loopback: it keeps up (stores and extracts each second's messages within that second, every
/// second), and its memory stays bounded.
/// It takes the machine for a minute, which would starve the timing of the suites beside it, so
/// it runs on its own: `HIRINGPULSE_LOAD_TEST=1 swift test --filter DaemonLoadTests`, as the
/// README's test command does after the rest.
@Suite(.timeLimit(.minutes(4)), .enabled(if: ProcessInfo.processInfo.environment["HIRINGPULSE_LOAD_TEST"] == "1"))
struct DaemonLoadTests {
    static let rate = 1_000
    static let seconds = 60

    @Test func keepsUpWithAThousandMessagesASecondForAMinute() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await DaemonEndToEndTests.start(cli, discord)
            try await daemon.eventually("READY to be handled") { daemon.log.contains("gateway ready") }
            let firstID = DaemonEndToEndTests.snowflake(1).rawValue
            let contents = [
                "got the OA from JPMC today", "Citadel superday friday", "offer from Databricks!!", "anyone heard back from Stripe?",
            ]
            let start = ContinuousClock.now
            var sent = 0
            var worstBacklog = 0
            var memory: [Double] = []
            for second in 0..<Self.seconds {
                await discord.gateway.dispatchMessageBurst(
                    count: Self.rate, channelID: DaemonEndToEndTests.channel, content: contents[second % contents.count],
                    guildID: DaemonEndToEndTests.guild, firstID: firstID + UInt64(sent), authors: 50)
                sent += Self.rate
                try await Task.sleep(until: start + .seconds(second + 1))
                // Just before the next second's messages: what is not yet stored and extracted.
                let counts = try await store.messages.counts()
                worstBacklog = max(worstBacklog, sent - (counts[.done] ?? 0) - (counts[.skipped] ?? 0))
                if second % 5 == 4 { memory.append(daemon.residentMegabytes) }
            }
            let endOfLoad = ContinuousClock.now
            try await daemon.eventually("every message to be stored and extracted", timeout: .seconds(60)) {
                let counts = try await store.messages.counts()
                return (counts[.done] ?? 0) + (counts[.skipped] ?? 0) == sent && (counts[.pending] ?? 0) == 0
            }
            let drain = ContinuousClock.now - endOfLoad
            print(
                "load: \(sent) messages in \(Self.seconds) s; worst backlog \(worstBacklog) messages; drained \(drain) after the load; RSS MB \(memory.map { Int($0) })"
            )
            // Sustained: each second's thousand messages are stored and extracted before the next
            // second's arrive (observed: a backlog of 0 at every second, debug build; 604 on a
            // loaded machine before the rules ran inline). A daemon that keeps up with only 98 %
            // of the rate is 1,200 behind by the end and fails here; so does one that stalls for
            // more than a second.
            #expect(worstBacklog <= Self.rate, "backlog \(worstBacklog)")
            #expect(drain < .seconds(2), "drained in \(drain)")
            // Bounded: no growth with the number of messages handled.
            let peak = memory.max() ?? 0
            #expect(peak < 200, "RSS MB \(memory)")
            let (early, late) = (try #require(memory.first), try #require(memory.last))
            #expect(late - early < 40, "RSS MB \(memory)")
            #expect(try await store.messages.count() == sent)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }
}
