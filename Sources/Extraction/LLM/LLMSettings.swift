import Domain

/// How the model is asked to answer in JSON. Servers differ: OpenAI and vLLM take a strict JSON
/// Schema, some llama.cpp and Ollama builds only JSON mode, and anything answers a plain prompt.
public enum ResponseFormatMode: String, Sendable, CaseIterable {
    /// `response_format: {type: json_schema, strict: true}`: decoding constrained to the schema.
    case jsonSchema = "json_schema"
    /// `response_format: {type: json_object}`, with the schema written into the system prompt.
    case jsonObject = "json_object"
    /// No `response_format`; the schema is in the system prompt and the JSON is found in the text.
    case plain

    /// The mode to fall back to when a server refuses this one.
    public var fallback: ResponseFormatMode? {
        switch self {
        case .jsonSchema: .jsonObject
        case .jsonObject: .plain
        case .plain: nil
        }
    }
}

/// The `llm.*` settings, and the limits that keep a misbehaving server from burning retries.
public struct LLMSettings: Sendable {
    /// `llm.base_url`, e.g. `https://api.openai.com` or `http://127.0.0.1:8080` (llama-server).
    public var baseURL: String
    public var model: String
    /// `LLM_API_KEY`; local servers need none.
    public var apiKey: APIKey?
    /// Messages per call.
    public var batchSize: Int
    public var responseFormat: ResponseFormatMode
    /// How long a call of one message may take; each further message of the call adds a tenth
    /// (`timeout(forMessages:)`), so a slow local model is not cut off on a full batch.
    public var requestTimeout: Duration
    /// Calls in flight at once.
    public var maxConcurrentRequests: Int
    /// `max_tokens` of each call; 0 leaves it to the server. Lowered to what the context leaves.
    public var maxOutputTokens: Int
    /// `max_tokens` per message a call carries (plus a little for the answer's envelope), so that
    /// a model that rambles is cut off in seconds, not at `maxOutputTokens`; 0: no such cap.
    /// Reasoning models, whose thinking counts toward `max_tokens`, need it raised or 0.
    public var maxOutputTokensPerMessage: Int
    /// `llm.context_tokens`: the server's context length, used when it does not say (llama-server
    /// says at `GET /props`, vLLM at `GET /v1/models`).
    public var contextTokens: Int
    /// nil leaves it to the server (reasoning models accept only their default).
    public var temperature: Double?
    /// Tries of one call that meets a 5xx, a timeout or no answer, before the messages are retried later.
    public var attemptsPerCall: Int
    /// 429s waited out within one call; past that, or for a longer Retry-After, the batch is deferred.
    public var rateLimitRetries: Int
    public var longestRetryAfterWait: Duration
    public var retryBaseDelay: Duration
    public var breaker: CircuitBreaker.Policy
    /// Distinct message texts whose results are remembered, to answer repeats without a call.
    public var cacheCapacity: Int
    /// Whether chatter and text aimed at a model are answered without a call (off only to measure
    /// what that saves).
    public var prefilter: Bool

    public init(
        baseURL: String = "https://api.openai.com", model: String = "gpt-4o-mini", apiKey: String? = nil,
        batchSize: Int = 25, responseFormat: ResponseFormatMode = .jsonSchema, requestTimeout: Duration = .seconds(60),
        maxConcurrentRequests: Int = 2, maxOutputTokens: Int = 8_192, maxOutputTokensPerMessage: Int = 384, contextTokens: Int = 8_192,
        temperature: Double? = 0, attemptsPerCall: Int = 3,
        rateLimitRetries: Int = 3, longestRetryAfterWait: Duration = .seconds(30), retryBaseDelay: Duration = .milliseconds(500),
        breaker: CircuitBreaker.Policy = .init(), cacheCapacity: Int = 10_000, prefilter: Bool = true
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : APIKey($0) }
        self.batchSize = max(1, batchSize)
        self.responseFormat = responseFormat
        self.requestTimeout = requestTimeout
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        self.maxOutputTokens = max(0, maxOutputTokens)
        self.maxOutputTokensPerMessage = max(0, maxOutputTokensPerMessage)
        self.contextTokens = max(512, contextTokens)
        self.temperature = temperature
        self.attemptsPerCall = max(1, attemptsPerCall)
        self.rateLimitRetries = max(0, rateLimitRetries)
        self.longestRetryAfterWait = longestRetryAfterWait
        self.retryBaseDelay = retryBaseDelay
        self.breaker = breaker
        self.cacheCapacity = max(0, cacheCapacity)
        self.prefilter = prefilter
    }

    /// `base_url` + `/v1/chat/completions`; a base that already ends in `/v1` is not doubled.
    public var completionsURL: String {
        serverRoot + "/v1/chat/completions"
    }

    /// `base_url` without a trailing `/v1`: where llama-server's `/props` is.
    public var serverRoot: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        return base
    }

    /// The timeout of a call of `count` messages: `requestTimeout`, plus a tenth of it for each
    /// message past the first (60 s for one, 204 s for 25).
    public func timeout(forMessages count: Int) -> Duration {
        requestTimeout + requestTimeout * (Double(max(0, count - 1)) / 10)
    }
}

/// A key that never shows: printing, dumping or interpolating it gives `[REDACTED]`.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "[REDACTED]" }
    public var debugDescription: String { "[REDACTED]" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
