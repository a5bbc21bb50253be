public import JSON

/// One REST call, described before it is sent: what the client needs for rate limits, retries
/// and the body, and nothing secret in what it logs (`route` names the template, never the
/// interaction token in the path).
public struct DiscordRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    public enum Body: Sendable {
        case none
        case json(JSONValue)
        /// `payload_json` plus `files[n]` parts (Discord: Reference › Uploading Files).
        case multipart(payload: JSONValue, files: [DiscordFile])
    }

    public var method: Method
    /// Below the API base URL, with ids filled in: "/channels/123/messages".
    public var path: String
    public var query: [(name: String, value: String)]
    public var body: Body
    public var route: RateLimiter.Route
    /// Interaction callbacks are exempt from the global limit.
    public var isInteractionCallback: Bool
    /// Webhook and interaction routes are authorized by the token in their path, not the bot token.
    public var usesBotToken: Bool

    public init(
        _ method: Method, _ path: String, route template: String, majorParameter: String = "",
        query: [(name: String, value: String)] = [], body: Body = .none, isInteractionCallback: Bool = false,
        usesBotToken: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.route = RateLimiter.Route(template: "\(method.rawValue) \(template)", majorParameter: majorParameter)
        self.isInteractionCallback = isInteractionCallback
        self.usesBotToken = usesBotToken
    }

    /// Whether sending it twice does no harm, so a 5xx or a dropped connection may be retried.
    /// POST creates something each time; the rest replace, edit or read.
    public var isSafeToRepeat: Bool { method != .post }
}

/// A file attached to a message.
public struct DiscordFile: Sendable, Hashable {
    public var name: String
    public var contentType: String
    public var data: [UInt8]

    public init(name: String, contentType: String = "application/octet-stream", data: [UInt8]) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }
}
