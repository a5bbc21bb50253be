public import AsyncHTTPClient
public import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
import NIOPosix

/// A job-feed host on 127.0.0.1: `GET /<path>` serves what `feeds.set(path:…)` scripted, with an
/// `ETag` and `Last-Modified`, and answers conditional GETs with 304 as a CDN does. Scripted
/// failures (`feeds.failNext`) cover 5xx, 429 with Retry-After, slow heads, trickled bodies and
/// truncated payloads. Every request is recorded with its validators. A path may be set with a
/// query that requests must carry (see `FakeFeeds`); `JobBoardAnswers` holds Greenhouse, Lever
/// and Ashby answers to serve.
///
/// ```swift
/// try await FakeFeedServer.withRunning { server in
///     await server.feeds.set(path: "remoteok.json", body: "[{\"legal\": \"…\"}]", contentType: "application/json")
///     let fetcher = FeedFetcher(httpClient: server.httpClient)
///     let outcome = await fetcher.fetch(url: server.url("remoteok.json"), state: FeedSourceState())
/// }
/// ```
public struct FakeFeedServer: Sendable {
    public let port: Int
    public let feeds: FakeFeeds
    /// A pool closed before the server stops (see `FakeDiscord.httpClient` for why).
    public let httpClient: HTTPClient

    /// `http://127.0.0.1:<port>/<path>`; the path may carry a query.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)/\(path.drop { $0 == "/" })"
    }

    /// An IMF-fixdate, as this server writes `Last-Modified`: for scripting a `Retry-After` date.
    public static func httpDate(_ date: Date) -> String { FakeHTTPDate.format(date) }

    public static func withRunning<T: Sendable>(
        logger: Logger = Logger(label: "fake-feeds"), _ body: @Sendable (FakeFeedServer) async throws -> T
    ) async throws -> T {
        let feeds = FakeFeeds()
        let router = Router()
        router.get("**") { request, _ -> Response in
            var headers: [String: String] = [:]
            for name in ["If-None-Match", "If-Modified-Since", "User-Agent", "Accept"] {
                if let field = HTTPField.Name(name), let value = request.headers[field] { headers[name.lowercased()] = value }
            }
            let reply = await feeds.reply(path: request.uri.path, query: request.uri.query, headers: headers)
            if reply.delay > .zero { await feeds.pause(for: reply.delay) }
            return response(reply, feeds: feeds)
        }
        let responder = router.buildResponder()
        return try await withLoopbackServer(
            name: "fake feed server", logger: logger,
            makeServer: { onServerRunning in
                // Hummingbird's `Application` stamps every answer with its own clock's `Date`; the
                // router runs on HummingbirdCore's server directly so that the `Date` is the fake
                // host's own clock, skew included.
                try HTTPServerBuilder.http1().buildServer(
                    configuration: ServerConfiguration(address: .hostname("127.0.0.1", port: 0)),
                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger,
                    responder: { request, responseWriter, channel in
                        let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
                        var response =
                            (try? await responder.respond(to: request, context: context))
                            ?? Response(status: .internalServerError)
                        response.headers[.date] = FakeHTTPDate.format(await feeds.now())
                        response.headers[.server] = "fake-feeds"
                        try await responseWriter.write(response: response.head, body: response.body)
                    }, onServerRunning: onServerRunning)
            }
        ) { port, httpClient in
            let server = FakeFeedServer(port: port, feeds: feeds, httpClient: httpClient)
            let result: Result<T, any Error>
            do { result = .success(try await body(server)) } catch { result = .failure(error) }
            await feeds.stop()
            return try result.get()
        }
    }

    private static func response(_ reply: FakeFeeds.Reply, feeds: FakeFeeds) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers { if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) } }
        let status = HTTPResponse.Status(code: reply.status)
        // 304 has no body by definition; Hummingbird would otherwise add `Content-Length: 0`.
        guard reply.status != 304 else { return Response(status: status, headers: fields, body: .init()) }
        let bytes = reply.body
        guard reply.stall != nil || reply.chunked else {
            return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let half = bytes.count / 2
        let body = ResponseBody(contentLength: reply.chunked ? nil : bytes.count) { writer in
            try await writer.write(ByteBuffer(bytes: bytes[..<half]))
            if let stall = reply.stall { await feeds.pause(for: stall) }
            try await writer.write(ByteBuffer(bytes: bytes[half...]))
            try await writer.finish(nil)
        }
        return Response(status: status, headers: fields, body: body)
    }
}
