public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A plain GET and its answer as text: for probing the daemon's own HTTP endpoints in tests.
public func httpGet(_ url: String, using client: HTTPClient) async throws -> (status: Int, body: String) {
    let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), String(buffer: body))
}
