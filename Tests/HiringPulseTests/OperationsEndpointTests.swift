import Discord
import Foundation
import HiringPulseTesting
import Store
import Testing

/// `/healthz`, `/readyz` and `/metrics` of the real `hiringpulse run`, as a probe or Prometheus
/// would ask them.
@Suite(.timeLimit(.minutes(2))) struct OperationsEndpointTests {
    /// The endpoint's base URL, from the port the daemon logged (it was asked for port 0).
    static func endpoint(of daemon: DaemonProcess) async throws -> String {
        var port: String?
        try await daemon.eventually("the endpoint to listen") {
            let line = daemon.log.split(separator: "\n").first { $0.contains("operations endpoint listening") }
            port = line.flatMap { $0.firstMatch(of: /port=(\d+)/).map { String($0.1) } }
            return port != nil
        }
        return "http://127.0.0.1:\(port!)"
    }

    @Test func readyOnlyOnceTheGatewayHasASession() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            // A gateway that never says HELLO: the process is up, but not ready.
            await discord.gateway.setSendsHello(false)
            let daemon = try DaemonProcess(in: cli.directory, environment: DaemonEndToEndTests.environment(discord))
            let base = try await Self.endpoint(of: daemon)
            let health = try await httpGet("\(base)/healthz", using: discord.httpClient)
            #expect(health.status == 200 && health.body == "ok\n")
            let ready = try await httpGet("\(base)/readyz", using: discord.httpClient)
            #expect(ready.status == 503)
            #expect(ready.body == "not ready: gateway shard 0 has no session\n")
            let unknown = try await httpGet("\(base)/nothing-here", using: discord.httpClient)
            #expect(unknown.status == 404)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func metricsFollowWhatTheDaemonDoes() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await DaemonEndToEndTests.start(cli, discord, environment: DaemonEndToEndTests.environment(discord))
            let base = try await Self.endpoint(of: daemon)
            try await daemon.eventually("/readyz to answer ready") {
                let ready = try await httpGet("\(base)/readyz", using: discord.httpClient)
                return ready.status == 200 && ready.body == "ready\n"
            }
            await discord.gateway.dispatch("MESSAGE_CREATE", DaemonEndToEndTests.message(1, "got the OA from JPMC today"))
            try await daemon.eventually("the stage update") { await (try? DaemonEndToEndTests.updates(store)) == ["JPMorgan Chase oa"] }

            // A backup while the daemon runs holds what it stored.
            let backup = try await cli.run(["backup", "live.sqlite"])
            #expect(backup.status == 0, "\(backup.stderr)")
            await #expect(try DaemonEndToEndTests.updates(Store.open(path: cli.directory.file("live.sqlite"))) == ["JPMorgan Chase oa"])

            var metrics = ""
            try await daemon.eventually("the metrics to show the message") {
                let answer = try await httpGet("\(base)/metrics", using: discord.httpClient)
                metrics = answer.body
                return answer.status == 200 && metrics.contains(#"hiringpulse_messages{status="done"} 1.0"#)
            }
            let lines = Set(metrics.split(separator: "\n").map(String.init))
            let missing = [
                #"hiringpulse_gateway_events_total{type="READY"} 1"#,
                #"hiringpulse_gateway_events_total{type="MESSAGE_CREATE"} 1"#,
                #"hiringpulse_gateway_ready{shard="0"} 1.0"#,
                #"hiringpulse_messages{status="pending"} 0.0"#,
                #"hiringpulse_extraction_messages_total{extractor="rules"} 1"#,
                #"hiringpulse_notifications{status="pending"} 0.0"#,
            ].filter { !lines.contains($0) }
            #expect(missing.isEmpty, "\(missing) not in\n\(metrics)")
            #expect(metrics.contains("# TYPE hiringpulse_extraction_batch_duration_seconds histogram"), "\(metrics)")
            #expect(!metrics.contains(FakeDiscord.defaultToken))
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func aBusyPortLeavesTheBotRunningWithoutTheEndpoint() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let (socket, port) = try Self.listeningSocket()
        defer { close(socket) }
        try await FakeDiscord.withRunning { discord in
            var environment = DaemonEndToEndTests.environment(discord)
            environment["HIRINGPULSE_HTTP_BIND"] = "127.0.0.1:\(port)"
            let (daemon, _) = try await DaemonEndToEndTests.start(cli, discord, environment: environment)
            try await daemon.eventually("the endpoint to be reported off") {
                daemon.log.contains("operations endpoint off: cannot listen on 127.0.0.1:\(port)")
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    /// A socket listening on a free loopback port, standing for another program that holds it.
    static func listeningSocket() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw CocoaError(.fileWriteUnknown) }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
