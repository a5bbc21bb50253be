import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// SIGTERM ends the real daemon within 5 s, with status 0, whatever the servers it talks to do:
/// every retry, wait and request gives way to a graceful shutdown, and what is still running
/// after the daemon's grace is cancelled.
// One daemon at a time: six at once load a two-core machine enough to slow the other suites' gateway timings.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DaemonShutdownTests {
    typealias E2E = DaemonEndToEndTests

    enum Situation: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// Nothing listens on Discord's port.
        case discordRefused
        /// Discord's API accepts connections and never answers.
        case discordHanging
        /// The gateway accepts connections and never answers the WebSocket upgrade.
        case gatewayHanging
        /// The model server accepts the call and never answers.
        case llmHanging
        /// A job feed sends its head and then nothing of its body.
        case feedStalled
        /// Hundreds of messages wait for a slow model.
        case extractionBacklog

        var testDescription: String { rawValue }
    }

    @Test(arguments: Situation.allCases) func sigtermEndsTheDaemonPromptly(_ situation: Situation) async throws {
        switch situation {
        case .discordRefused: try await Self.discordRefused()
        case .discordHanging: try await Self.discordHanging()
        case .gatewayHanging: try await Self.gatewayHanging()
        case .llmHanging: try await Self.llmHanging()
        case .feedStalled: try await Self.feedStalled()
        case .extractionBacklog: try await Self.extractionBacklog()
        }
    }

    // MARK: Situations

    static func discordRefused() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let port = try await SilentServer.closedPort()
        let daemon = try DaemonProcess(in: cli.directory, environment: environment(apiBaseURL: "http://127.0.0.1:\(port)/api/v10"))
        // The first refusals, said as such, and retried.
        try await daemon.eventually("a refused connection", timeout: .seconds(20)) {
            daemon.log.contains("connection refused by 127.0.0.1:\(port)")
        }
        await expectPromptExit(daemon, .discordRefused)
        #expect(!daemon.log.contains("errno"), "\(daemon.log)")
    }

    static func discordHanging() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await SilentServer.withRunning { silent in
            let daemon = try DaemonProcess(in: cli.directory, environment: environment(apiBaseURL: silent.url("/api/v10")))
            // GET /gateway/bot and the command registration's GET /applications/@me wait.
            try await daemon.eventually("requests to the silent Discord", timeout: .seconds(20)) { silent.connections >= 2 }
            await expectPromptExit(daemon, .discordHanging)
        }
    }

    static func gatewayHanging() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await SilentServer.withRunning { silent in
                var environment = E2E.environment(discord)
                environment["HIRINGPULSE_DISCORD_GATEWAY_URL"] = "ws://127.0.0.1:\(silent.port)"
                let daemon = try DaemonProcess(in: cli.directory, environment: environment)
                try await daemon.eventually("a connection to the silent gateway", timeout: .seconds(20)) { silent.connections >= 1 }
                await expectPromptExit(daemon, .gatewayHanging)
            }
        }
    }

    static func llmHanging() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await SilentServer.withRunning { silent in
                var environment = E2E.environment(discord)
                environment.merge(llmEnvironment(baseURL: silent.url())) { _, new in new }
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from JPMC today"))
                try await daemon.eventually("a call to the silent model", timeout: .seconds(20)) { silent.connections >= 1 }
                await expectPromptExit(daemon, .llmHanging)
                // Interrupted, not failed: the message is extracted at the next start.
                #expect(try await store.messages.counts()[.pending] == 1, "\(daemon.log)")
            }
        }
    }

    static func feedStalled() async throws {
        try await DaemonAlertsTests.withFakes { cli, discord, messaging, server in
            await server.feeds.set(path: "/api", body: DaemonAlertsTests.remoteOK([]), contentType: "application/json")
            await server.feeds.failNext("/api", .stalledBody(.seconds(60)))
            let (daemon, _) = try await E2E.start(cli, discord, environment: DaemonAlertsTests.environment(discord, messaging))
            try await daemon.eventually("a poll of the stalled feed", timeout: .seconds(20)) {
                await !server.feeds.requests(for: "/api").isEmpty
            }
            await expectPromptExit(daemon, .feedStalled)
        }
    }

    static func extractionBacklog() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            try await FakeLLM.withRunning(catalog: LLMCommandLineTests.catalog) { llm in
                await llm.server.setDefault(.slow(.milliseconds(300), then: .rules))
                var environment = E2E.environment(discord)
                environment.merge(llmEnvironment(baseURL: llm.baseURL)) { _, new in new }
                environment["HIRINGPULSE_EXTRACTION_BATCH_SIZE"] = "4"
                environment["HIRINGPULSE_LLM_BATCH_SIZE"] = "4"
                let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
                let total = 200
                for offset in 1...total {
                    await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(offset, "got the OA from JPMC today, round \(offset)"))
                }
                try await daemon.eventually("a few batches extracted", timeout: .seconds(30)) {
                    (try? await store.messages.counts()[.done] ?? 0) ?? 0 >= 8
                }
                await expectPromptExit(daemon, .extractionBacklog)
                // The rest waits for the next start; nothing failed, nothing was lost.
                let counts = try await store.messages.counts()
                let done = counts[.done] ?? 0
                let pending = counts[.pending] ?? 0
                #expect(done + pending == total && pending > 0, "\(counts)")
            }
        }
    }

    // MARK: Helpers

    /// A daemon configured like the end-to-end tests', with Discord's API at `apiBaseURL`.
    static func environment(apiBaseURL: String) -> [String: String] {
        [
            "DISCORD_TOKEN": FakeDiscord.defaultToken,
            "HIRINGPULSE_DISCORD_API_BASE_URL": apiBaseURL,
            "HIRINGPULSE_DISCORD_SHARD_COUNT": "1",
            "HIRINGPULSE_DISCORD_CHANNEL_IDS": "\(E2E.channel)",
            "HIRINGPULSE_HTTP_BIND": "127.0.0.1:0", "HIRINGPULSE_DASHBOARD_BIND": "127.0.0.1:0",
        ]
    }

    static func llmEnvironment(baseURL: String) -> [String: String] {
        [
            "HIRINGPULSE_EXTRACTION_EXTRACTOR": "llm", "HIRINGPULSE_LLM_BASE_URL": baseURL,
            "HIRINGPULSE_LLM_MODEL": "fake-model", "LLM_API_KEY": "sk-secret-llm-key",
        ]
    }

    /// Sends SIGTERM and expects the daemon gone, with status 0, within 5 s of the signal, and a
    /// log without long decimals ("0.5470338334293489 seconds") or secrets.
    static func expectPromptExit(_ daemon: DaemonProcess, _ situation: Situation) async {
        let signalled = ContinuousClock.now
        daemon.signal(SIGTERM)
        let status = await daemon.waitForExit(timeout: .seconds(20))
        let took = (daemon.exitedAt ?? .now) - signalled
        print(
            "\(situation): exited \(status.map(String.init) ?? "not at all") \(took.components.seconds * 1000 + took.components.attoseconds / 1_000_000_000_000_000) ms after SIGTERM"
        )
        #expect(status == 0, "\(daemon.log)")
        #expect(took < .seconds(5), "\(situation) took \(took) to stop\n\(daemon.log)")
        let log = daemon.log
        #expect(log.firstMatch(of: /\d\.\d{3,}\s*(seconds|s|ms)\b/) == nil, "\(log)")
        #expect(!log.contains("sk-secret-llm-key") && !log.contains(FakeDiscord.defaultToken))
    }
}
