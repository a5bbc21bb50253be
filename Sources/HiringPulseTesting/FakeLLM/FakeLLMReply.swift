import Extraction
import JSONSchema

/// What the fake LLM answers to one request.
public indirect enum FakeLLMReply: Sendable {
    /// Each message of the request classified by the rule extractor: a well-behaved model.
    case rules
    /// Content computed from the request (`FakeLLMReply.results(_:)` builds the usual envelope).
    case answer(@Sendable (FakeLLMRequest) -> String)
    /// This content, verbatim.
    case content(String)
    /// The answer cut off at the token limit: `finish_reason: length`, half a JSON object.
    case truncated
    /// A structured-outputs refusal: `message.refusal` set, content null.
    case refusal(String)
    /// `choices: []`.
    case emptyChoices
    /// An HTTP error: 429 with Retry-After, 500, 503, 401…
    case status(Int, body: String = #"{"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}}"#, headers: [String: String] = [:])
    /// Waits, then answers with `then`: long enough, a timeout.
    case slow(Duration, then: FakeLLMReply)

    public static func rateLimited(retryAfter seconds: Double) -> FakeLLMReply {
        .status(
            429, body: #"{"error": {"message": "Rate limit reached for requests", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}"#,
            headers: ["Retry-After": seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)])
    }

    /// The answer envelope for `results` by message id, every key present as strict mode gives it.
    public static func envelope(_ results: [(id: String, result: ExtractionResult)]) -> String {
        JSONValue.object([
            ("results", .array(results.map { entry in
                guard case .object(let members) = entry.result.jsonValue else { return .null }
                return .object([("id", .string(entry.id))] + members)
            }))
        ]).serialized
    }

    /// Answers every message of the request with `result`.
    public static func every(_ result: ExtractionResult) -> FakeLLMReply {
        .answer { request in envelope(request.items.map { ($0.id, result) }) }
    }
}
