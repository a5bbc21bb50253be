public import AsyncHTTPClient
public import JSON
import NIOCore
import NIOHTTP1
import Support
public import Transport

/// Posts to a Slack incoming webhook. The webhook URL is a secret: it is never logged or put in
/// an error.
public struct SlackWebhookClient: Sendable {
    private let httpClient: HTTPClient
    private let timeout: Duration

    public init(httpClient: HTTPClient = .failFast, timeout: Duration = .seconds(15)) {
        self.httpClient = httpClient
        self.timeout = timeout
    }

    public func post(_ payload: JSONValue, to webhookURL: String) async -> DeliveryResult {
        var request = HTTPClientRequest(url: webhookURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: payload.serialized))
        do {
            let response = try await httpClient.execute(request, timeout: .init(timeout))
            let status = Int(response.status.code)
            let body = String(buffer: try await response.body.collect(upTo: 64 << 10))
            let retryAfter = response.headers.retryAfterSeconds.map { Duration.seconds($0) }
            return Self.result(status: status, body: body, retryAfter: retryAfter)
        } catch {
            return .retryLater(after: nil, reason: "Slack: " + TransportFailure.describe(error, url: webhookURL, timeout: timeout))
        }
    }

    /// Slack answers 200 `ok`; 429 with Retry-After; 400 `invalid_payload`; 403 `action_prohibited`;
    /// 404 `no_service` / `channel_not_found`; 410 `channel_is_archived`.
    static func result(status: Int, body: String, retryAfter: Duration?) -> DeliveryResult {
        let reason = body.firstLine.clipped(to: 200)
        switch status {
        case 200..<300: return .sent
        case 429: return .retryLater(after: retryAfter ?? .seconds(1), reason: "Slack: rate limited")
        case 500...: return .retryLater(after: retryAfter, reason: "Slack: \(status) \(reason)")
        default: return .rejected(reason: "Slack refused the webhook (\(status) \(reason))")
        }
    }
}
