import AsyncHTTPClient
import Foundation
import HiringPulseTesting
import NIOCore
import Testing
import Transport

/// Transport errors in one line, by kind, with the endpoint and nothing of the URL.
@Suite(.timeLimit(.minutes(1))) struct TransportFailureTests {
    @Test func errorsByKind() {
        #expect(TransportFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .refused)
        #expect(TransportFailure(IOError(errnoCode: ECONNRESET, reason: "read")) == .reset)
        #expect(TransportFailure(IOError(errnoCode: EHOSTUNREACH, reason: "connect")) == .unreachable)
        #expect(TransportFailure(HTTPClientError.deadlineExceeded) == .timedOut)
        #expect(TransportFailure(HTTPClientError.connectTimeout) == .connectTimedOut)
        #expect(TransportFailure(HTTPClientError.remoteConnectionClosed) == .closedEarly)
        #expect(TransportFailure(ChannelError.connectTimeout(.seconds(5))) == .connectTimedOut)
        #expect(TransportFailure(CancellationError()) == .cancelled)
        #expect(TransportFailure(HTTPClientError.invalidURL) == .other("HTTPClientError.invalidURL"))
    }

    @Test func oneBalancedLineWithTheEndpoint() {
        let endpoint = "127.0.0.1:8080"
        let lines = [
            TransportFailure.refused, .reset, .connectTimedOut, .timedOut, .unreachable, .nameNotResolved, .closedEarly, .tls,
            .cancelled, .other("errno 5"),
        ].map { $0.description(endpoint: endpoint, timeout: .milliseconds(30_000)) }
        #expect(lines[0] == "connection refused by 127.0.0.1:8080")
        #expect(lines[1] == "connection reset by 127.0.0.1:8080")
        #expect(lines[3] == "no answer from 127.0.0.1:8080 within 30 s")
        for line in lines {
            #expect(line.contains(endpoint))
            #expect(!line.contains("\n"))
            #expect(line.filter { $0 == "(" }.count == line.filter { $0 == ")" }.count, "\(line)")
        }
    }

    @Test func aRefusedConnectionFailsAtOnceAndSaysByWhom() async throws {
        let port = try await SilentServer.closedPort()
        let url = "http://user:SECRET@127.0.0.1:\(port)/bot123:TOKEN/x?key=SECRET"
        let started = ContinuousClock.now
        do {
            _ = try await HTTPClient.failFast.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
            Issue.record("nothing listens on port \(port)")
        } catch {
            #expect(TransportFailure.describe(error, url: url) == "connection refused by 127.0.0.1:\(port)")
        }
        // AsyncHTTPClient's shared client retried the connect for the whole deadline; generous for loaded runs.
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aHostThatDoesNotSpeakTLSIsATLSFailure() async throws {
        try await FakeFeedServer.withRunning { server in
            // A plain HTTP server answers the TLS hello with an HTTP error page.
            let url = server.url("feed.json").replacingOccurrences(of: "http://", with: "https://") + "?key=SECRET"
            // The kind of failure is the point, not how fast it comes: on a loaded run the fake's
            // answer to the hello can take longer than failFast's 5 s connect timeout.
            var configuration = HTTPClient.Configuration.failFast
            configuration.timeout.connect = .seconds(30)
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            do {
                _ = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
                Issue.record("a TLS request to a plain HTTP server succeeded")
            } catch {
                #expect(TransportFailure(error) == .tls, "\(type(of: error))")
                #expect(TransportFailure.describe(error, url: url) == "TLS with 127.0.0.1:\(server.port) failed")
            }
            try await client.shutdown()
        }
    }

    @Test func aServerThatNeverAnswersMeetsTheDeadline() async throws {
        try await SilentServer.withRunning { server in
            let url = server.url("/v1/chat/completions?key=SECRET")
            do {
                _ = try await HTTPClient.failFast.execute(HTTPClientRequest(url: url), timeout: .milliseconds(300))
                Issue.record("the silent server answered")
            } catch {
                #expect(
                    TransportFailure.describe(error, url: url, timeout: .milliseconds(300))
                        == "no answer from 127.0.0.1:\(server.port) within 300 ms")
            }
        }
    }
}
