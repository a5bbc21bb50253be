import Discord
import HiringPulseTesting
import Logging
import Testing

/// The REST client when Discord cannot be reached: a refused connection is one short line that
/// names host and port, and comes after the client's own retries, not AsyncHTTPClient's 30 s of
/// silent ones.
@Suite(.timeLimit(.minutes(1))) struct RESTUnreachableTests {
    @Test func aRefusedConnectionSaysSoQuickly() async throws {
        let port = try await SilentServer.closedPort()
        let client = DiscordRESTClient(
            token: "SECRET-TOKEN",
            configuration: .init(
                apiBaseURL: "http://127.0.0.1:\(port)/api/v10", requestTimeout: .seconds(60), retryBaseDelay: .milliseconds(10)),
            logger: RESTIntegrationTests.logger)
        let started = ContinuousClock.now
        await #expect {
            _ = try await client.currentApplication()
        } throws: { error in
            (error as? DiscordRESTError)?.message == "connection refused by 127.0.0.1:\(port)" && !"\(error)".contains("SECRET")
        }
        // Four attempts with short pauses, each refused at once: under one 60 s deadline, which is
        // what a single attempt took when AsyncHTTPClient retried the connect. The margin is wide
        // because a full parallel run on two cores has taken 20 s to schedule these few milliseconds
        // of work; any value under 60 s still tells the two behaviours apart.
        #expect(ContinuousClock.now - started < .seconds(45))
    }
}
