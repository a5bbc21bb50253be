import Domain
import JSON
import Support
import Transport

/// One chat-completions request, as OpenAI's `POST /v1/chat/completions` takes it.
struct ChatCompletionRequest: Sendable {
    struct Message: Sendable {
        var role: String
        var content: String
    }

    var model: String
    var messages: [Message]
    var mode: ResponseFormatMode
    /// The answer schema, sent with `json_schema` mode.
    var schema: JSONValue
    var maxOutputTokens: Int
    var temperature: Double?

    var body: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("model", .string(model)),
            ("messages", .array(messages.map { .object([("role", .string($0.role)), ("content", .string($0.content))]) })),
        ]
        if let temperature { members.append(("temperature", .number(temperature))) }
        if maxOutputTokens > 0 { members.append(("max_tokens", .integer(Int64(maxOutputTokens)))) }
        switch mode {
        case .jsonSchema:
            members.append(
                (
                    "response_format",
                    .object([
                        ("type", .string("json_schema")),
                        ("json_schema", .object([("name", .string("extraction")), ("strict", .bool(true)), ("schema", schema)])),
                    ])
                ))
        case .jsonObject:
            members.append(("response_format", .object([("type", .string("json_object"))])))
        case .plain:
            break
        }
        return .object(members)
    }
}

/// Tokens a call used, as the server reports them.
public struct TokenUsage: Sendable, Hashable {
    public var prompt: Int
    public var completion: Int
    /// Prompt tokens the provider served from its prefix cache.
    public var cached: Int

    public init(prompt: Int = 0, completion: Int = 0, cached: Int = 0) {
        self.prompt = prompt
        self.completion = completion
        self.cached = cached
    }

    public static func += (lhs: inout TokenUsage, rhs: TokenUsage) {
        lhs.prompt += rhs.prompt
        lhs.completion += rhs.completion
        lhs.cached += rhs.cached
    }
}

/// The parts of a chat-completions answer the extractor reads: the first choice's text, refusal
/// and finish reason, and the usage.
struct ChatCompletionResponse: Sendable {
    /// nil when the server sent no choices at all.
    var content: String?
    var refusal: String?
    var finishReason: String?
    var hasChoices: Bool
    var usage: TokenUsage
    /// The model the server says answered (OpenAI names the snapshot; llama-server may echo ours).
    var model: String?

    init(json: JSONValue) throws(LLMCallError) {
        guard case .object = json else { throw .invalidResponse("the answer is not a JSON object") }
        let choices = json["choices"]?.arrayValue ?? []
        hasChoices = !choices.isEmpty
        let message = choices.first?["message"]
        content = message?["content"]?.stringValue
        refusal = message?["refusal"]?.stringValue
        finishReason = choices.first?["finish_reason"]?.stringValue
        model = json["model"]?.stringValue
        let usage = json["usage"]
        self.usage = TokenUsage(
            prompt: Int(usage?["prompt_tokens"]?.integerValue ?? 0),
            completion: Int(usage?["completion_tokens"]?.integerValue ?? 0),
            cached: Int(usage?["prompt_tokens_details"]?["cached_tokens"]?.integerValue ?? 0))
    }
}

/// Why a call got no usable answer.
enum LLMCallError: Error, Sendable, CustomStringConvertible {
    /// 429. `retryAfter` from the Retry-After header (or the body's hint) when given.
    case rateLimited(retryAfter: Duration?)
    /// A 4xx other than 429: our request was refused. `param` names the field the server objected to.
    case refused(status: Int, message: String, param: String?)
    /// A 5xx.
    case serverError(status: Int, message: String)
    /// No answer within the request's timeout.
    case timeout(Duration)
    /// No answer: connection refused or reset, the name not resolved, …, said with host and port.
    case transport(String)
    /// An answer that is not a chat completion.
    case invalidResponse(String)

    var description: String {
        switch self {
        case .rateLimited(let retryAfter):
            "rate limited (429)" + (retryAfter.map { ", retry after \($0.shortText)" } ?? "")
        case .refused(let status, let message, _): "the server refused the request (\(status)): \(message)"
        case .serverError(let status, let message): "server error \(status)" + (message.isEmpty ? "" : ": \(message)")
        case .timeout(let timeout): "no answer within \(timeout.shortText)"
        case .transport(let reason): reason
        case .invalidResponse(let reason): "not a chat completion: \(reason)"
        }
    }

    /// How the server's own words classify the error (nil for answers that are not an error body).
    var serverKind: ServerErrorKind? {
        switch self {
        case .refused(let status, let message, let param): ServerErrorKind.classify(status: status, message: message, param: param)
        case .serverError(let status, let message): ServerErrorKind.classify(status: status, message: message)
        default: nil
        }
    }

    /// The response format, its schema or its grammar failed, whatever the status (llama-server
    /// answers a grammar the model broke with a 500): the next mode is tried.
    var refusesResponseFormat: Bool {
        serverKind == .responseFormat
    }

    var isTimeout: Bool {
        if case .timeout = self { true } else { false }
    }

    /// Prompt and output do not fit the server's context: a smaller call may.
    var exceedsContext: Bool {
        if case .contextExceeded? = serverKind { true } else { false }
    }

    /// The server or the network is at fault, not the messages: counts against the circuit breaker.
    /// A format or context error is an answer about this request, not an outage.
    var isOutage: Bool {
        if let kind = serverKind, kind != .other { return false }
        switch self {
        case .serverError, .timeout, .transport, .invalidResponse: return true
        // A bad key or a model that does not exist fails every call the same way.
        case .refused(let status, _, _): return status == 401 || status == 403 || status == 404
        case .rateLimited: return false
        }
    }
}
