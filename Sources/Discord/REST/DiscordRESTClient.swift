public import AsyncHTTPClient
public import JSON
public import Logging
import Metrics
import NIOCore
import NIOHTTP1
import Support
public import Transport

/// Discord's HTTP API over AsyncHTTPClient: the bot token, rate limits as Discord documents them,
/// and bounded retries of what is safe to repeat. Endpoints are in `DiscordRESTClient+Endpoints`.
public struct DiscordRESTClient: Sendable {
    public struct Configuration: Sendable {
        /// `discord.api_base_url`; tests point it at loopback.
        public var apiBaseURL: String
        public var requestTimeout: Duration
        /// Attempts for a request safe to repeat that meets a 5xx or a connection error.
        public var maxAttempts: Int
        public var retryBaseDelay: Duration
        /// 429s tolerated for one call before giving up (each one is waited out first).
        public var maxRateLimitRetries: Int
        public var maxResponseSize: Int

        public init(
            apiBaseURL: String = "https://discord.com/api/v10", requestTimeout: Duration = .seconds(30), maxAttempts: Int = 4,
            retryBaseDelay: Duration = .milliseconds(500), maxRateLimitRetries: Int = 5, maxResponseSize: Int = 16 << 20
        ) {
            self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
            self.requestTimeout = requestTimeout
            self.maxAttempts = max(1, maxAttempts)
            self.retryBaseDelay = retryBaseDelay
            self.maxRateLimitRetries = maxRateLimitRetries
            self.maxResponseSize = maxResponseSize
        }
    }

    public static let userAgent = "DiscordBot (https://github.com/hiringpulse/hiringpulse, 1.0)"

    public let configuration: Configuration
    private let token: String
    private let httpClient: HTTPClient
    private let limits: RESTRateLimits
    private let logger: Logger
    /// Rate-limit waits and retry backoff run on it.
    private let clock: AnyClock

    /// `host:port` of the API, which is all that failures to reach it say about where it is.
    private let endpoint: String

    public init(
        token: String, configuration: Configuration = .init(), httpClient: HTTPClient = .failFast, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.token = token
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        limits = RESTRateLimits(logger: logger, clock: self.clock)
        endpoint = Endpoint(url: configuration.apiBaseURL)?.description ?? "the Discord API"
    }

    /// Sends `request`, waiting out rate limits and retrying what may be retried. Returns the
    /// parsed JSON answer, or nil for an empty one (204). Throws `DiscordRESTError` for a failure
    /// that retrying did not fix, or `CancellationError`.
    @discardableResult
    public func send(_ request: DiscordRequest) async throws -> JSONValue? {
        let httpRequest = try makeHTTPRequest(request)
        var failedAttempts = 0
        var rateLimited = 0
        while true {
            try await limits.waitForTurn(request.route, isInteractionCallback: request.isInteractionCallback)
            let status: Int
            let headers: HTTPHeaders
            let body: ByteBuffer
            do {
                let response = try await httpClient.execute(httpRequest, timeout: .init(configuration.requestTimeout))
                status = Int(response.status.code)
                headers = response.headers
                body = try await response.body.collect(upTo: configuration.maxResponseSize)
            } catch {
                await limits.cancel(request.route)
                // Cancelled (a shutdown): said as such, so callers stop quietly instead of failing.
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                failedAttempts += 1
                let reason = TransportFailure(error).description(endpoint: endpoint, timeout: configuration.requestTimeout)
                guard request.isSafeToRepeat, failedAttempts < configuration.maxAttempts else {
                    throw DiscordRESTError(route: request.route.template, status: nil, message: reason)
                }
                try await backOff(request, attempt: failedAttempts, reason: reason)
                continue
            }
            let json = try? JSONParser.parse(Array(body.readableBytesView))
            await limits.record(RateLimiter.Response(status: status, headers: headers, body: json), for: request.route)

            switch status {
            case 200..<300:
                if body.readableBytes == 0 { return nil }
                guard let json else {
                    throw DiscordRESTError(route: request.route.template, status: status, message: "answer is not JSON")
                }
                return json
            case 429 where rateLimited < configuration.maxRateLimitRetries:
                Self.countRateLimited(request.route, headers: headers)
                // The limiter has learned when to try again; waitForTurn waits for it.
                rateLimited += 1
            case 500...599 where request.isSafeToRepeat && failedAttempts + 1 < configuration.maxAttempts:
                failedAttempts += 1
                try await backOff(request, attempt: failedAttempts, reason: "HTTP \(status)")
            default:
                if status == 429 { Self.countRateLimited(request.route, headers: headers) }
                throw Self.failure(request, status: status, json: json)
            }
        }
    }

    /// 429s by Discord's bucket (or the route, when Discord named none: a global or Cloudflare limit).
    private static func countRateLimited(_ route: RateLimiter.Route, headers: HTTPHeaders) {
        let bucket = headers.first(name: "X-RateLimit-Bucket") ?? route.template
        Counter(label: "hiringpulse_discord_rest_429_total", dimensions: [("bucket", bucket)]).increment()
    }

    private func backOff(_ request: DiscordRequest, attempt: Int, reason: String) async throws {
        let delay = configuration.retryBaseDelay * (1 << min(attempt - 1, 6)) * Double.random(in: 0.75...1.25)
        logger.warning(
            "retrying \(request.route.template) after \(reason) (attempt \(attempt + 1) of \(configuration.maxAttempts)) in \(delay.shortText)"
        )
        try await clock.sleep(for: delay)
    }

    private static func failure(_ request: DiscordRequest, status: Int, json: JSONValue?) -> DiscordRESTError {
        guard let json else {
            return DiscordRESTError(route: request.route.template, status: status, message: "answer is not JSON")
        }
        var code: Int?
        if case .integer(let value)? = json["code"] { code = Int(value) }
        var message = json["message"]?.stringValue ?? "request failed"
        if status == 401 { message += "; check DISCORD_TOKEN (Developer Portal › Bot › Reset Token)" }
        return DiscordRESTError(route: request.route.template, status: status, code: code, message: message)
    }

    private func makeHTTPRequest(_ request: DiscordRequest) throws -> HTTPClientRequest {
        var url = configuration.apiBaseURL + request.path
        if !request.query.isEmpty {
            url += "?" + request.query.map { "\(URLQuery.encode($0.name))=\(URLQuery.encode($0.value))" }.joined(separator: "&")
        }
        var httpRequest = HTTPClientRequest(url: url)
        httpRequest.method = HTTPMethod(rawValue: request.method.rawValue)
        httpRequest.headers.add(name: "User-Agent", value: Self.userAgent)
        if request.usesBotToken { httpRequest.headers.add(name: "Authorization", value: "Bot \(token)") }
        switch request.body {
        case .none:
            break
        case .json(let value):
            httpRequest.headers.add(name: "Content-Type", value: "application/json")
            httpRequest.body = .bytes(ByteBuffer(string: value.serialized))
        case .multipart(let payload, let files):
            let multipart = MultipartBody(payload: payload, files: files)
            httpRequest.headers.add(name: "Content-Type", value: multipart.contentType)
            httpRequest.body = .bytes(ByteBuffer(bytes: multipart.bytes))
        }
        return httpRequest
    }
}

extension RateLimiter.Response {
    /// Reads Discord's rate-limit headers, and a 429's JSON body for `retry_after` and `global`.
    init(status: Int, headers: HTTPHeaders, body: JSONValue?) {
        func header(_ name: String) -> String? { headers.first(name: name) }
        self.init(
            status: status,
            bucket: header("X-RateLimit-Bucket"),
            limit: header("X-RateLimit-Limit").flatMap { Int($0) },
            remaining: header("X-RateLimit-Remaining").flatMap { Int($0) },
            resetAfter: header("X-RateLimit-Reset-After").flatMap { Double($0) },
            retryAfter: body?["retry_after"]?.numericValue ?? headers.retryAfterSeconds,
            isGlobal: body?["global"] == .bool(true) || header("X-RateLimit-Global") == "true",
            scope: header("X-RateLimit-Scope")
        )
    }
}

/// Percent-encoding for query components (RFC 3986 unreserved characters pass through).
enum URLQuery {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
