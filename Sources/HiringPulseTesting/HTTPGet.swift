public import AsyncHTTPClient
import NIOCore
public import NIOHTTP1

/// A plain GET and its answer as text: for probing the daemon's own HTTP endpoints in tests.
public func httpGet(_ url: String, using client: HTTPClient) async throws -> (status: Int, body: String) {
    try await httpRequest(url, using: client)
}

/// A request with any method, headers and body, and its answer as text: a form posted to the
/// daemon's dashboard, as a browser or a mail program's one-click unsubscribe sends it.
public func httpRequest(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: String? = nil, using client: HTTPClient
) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await client.execute(request, timeout: .seconds(10))
    let answer = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), String(buffer: answer))
}
