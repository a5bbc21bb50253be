import Discord
import Foundation
import HiringPulseTesting
import JSON
import Testing

/// The bot token never reaches a log line or an error, whatever fails, at the most verbose level.
@Suite(.timeLimit(.minutes(2))) struct SecretRedactionTests {
    @Test func theTokenIsNeverWrittenEvenWhenEverythingFails() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            // A server that echoes the token in its error, then a gateway that refuses it.
            let echo = #"{"message": "401: Unauthorized token \#(FakeDiscord.defaultToken)", "code": 0}"#
            await discord.rest.script(.init(route: "GET /applications/@me", status: 401, body: echo, times: 5))
            await discord.rest.script(.init(route: "PUT /applications/{application.id}/commands", status: 401, body: echo, times: 5))
            await discord.gateway.setCloseCodeOnIdentify(4004)
            var environment = DaemonEndToEndTests.environment(discord)
            environment["HIRINGPULSE_LOG_LEVEL"] = "trace"
            environment["HIRINGPULSE_LOG_FORMAT"] = "json"
            let daemon = try DaemonProcess(in: cli.directory, environment: environment)
            let status = await daemon.waitForExit(timeout: .seconds(60))
            // EX_CONFIG: the systemd unit does not restart a daemon whose token Discord refused.
            #expect(status == 78, "\(daemon.log)")
            let log = daemon.log
            #expect(!log.contains(FakeDiscord.defaultToken), "\(log)")
            #expect(log.contains("[REDACTED]"), "the echoed token is replaced, not dropped: \(log)")
            #expect(log.contains("4004"), "\(log)")
            // Every log line is one JSON object, besides the command's own one-line error.
            let lines = log.split(separator: "\n").filter { !$0.hasPrefix("hiringpulse: ") }
            let unparsed = lines.filter { (try? JSONParser.parse(String($0))) == nil }
            #expect(unparsed.isEmpty, "\(unparsed)")
            #expect(log.contains("hiringpulse: Discord rejected the bot token (close code 4004)"), "\(log)")
        }
    }
}
