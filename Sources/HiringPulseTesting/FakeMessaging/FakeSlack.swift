public import JSON

/// The incoming-webhook half of `FakeMessaging`.
public actor FakeSlack {
    public struct Posted: Sendable {
        public var path: String
        public var payload: JSONValue
        public var at: ContinuousClock.Instant
    }

    public private(set) var posted: [Posted] = []
    public private(set) var attempts = 0
    /// When each request came, accepted or not: for checking that waits were honoured.
    public private(set) var attemptTimes: [ContinuousClock.Instant] = []
    private var revoked: Set<String> = []
    private var rateLimits: [Int] = []
    /// Accepted posts whose answers are held back (see `AnswerHold`).
    public nonisolated let hold = AnswerHold()

    /// Webhooks at these paths answer 404 `no_service`, as a deleted webhook does.
    public func setRevoked(_ paths: Set<String>) { revoked = paths }
    /// The next requests answer 429 with these Retry-After seconds, one each.
    public func rateLimit(retryAfter seconds: Int...) { rateLimits += seconds }

    func receive(path: String, body: [UInt8]) -> (status: Int, body: String, headers: [String: String]) {
        attempts += 1
        attemptTimes.append(.now)
        if revoked.contains(path) { return (404, "no_service", [:]) }
        if !rateLimits.isEmpty { return (429, "rate_limited", ["Retry-After": String(rateLimits.removeFirst())]) }
        guard let payload = try? JSONParser.parse(body), case .object = payload else { return (400, "invalid_payload", [:]) }
        let blocks = payload["blocks"]?.arrayValue ?? []
        guard payload["text"]?.stringValue?.isEmpty == false || !blocks.isEmpty else { return (400, "no_text", [:]) }
        for block in blocks {
            switch block["type"]?.stringValue {
            case "header":
                guard block["text"]?["type"] == .string("plain_text"), (block["text"]?["text"]?.stringValue?.count ?? 0) <= 150 else {
                    return (400, "invalid_blocks", [:])
                }
            case "section":
                guard (block["text"]?["text"]?.stringValue?.count ?? 0) <= 3000 else { return (400, "invalid_blocks", [:]) }
            case "context", "divider", "actions":
                break
            default:
                return (400, "invalid_blocks", [:])
            }
        }
        posted.append(Posted(path: path, payload: payload, at: .now))
        return (200, "ok", [:])
    }
}
