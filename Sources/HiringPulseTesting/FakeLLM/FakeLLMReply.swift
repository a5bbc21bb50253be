public import Domain
import Extraction
import JSON

/// What the fake LLM answers to one request.
public indirect enum FakeLLMReply: Sendable {
    /// Each message of the request classified by the rule extractor: a well-behaved model.
    case rules
    /// As `rules`, except for the messages `override` answers for (by their text): a model that
    /// says something of its own about some messages.
    case rulesExcept(@Sendable (String) -> ExtractionResult?)
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
    case status(
        Int,
        body: String =
            #"{"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}}"#,
        headers: [String: String] = [:])
    /// Waits, then answers with `then`: long enough, a timeout.
    case slow(Duration, then: FakeLLMReply)
    /// `inner`'s answer (`.rules`, `.answer` or `.content`) with text before and after it.
    case wrapped(before: String, FakeLLMReply, after: String)

    /// The rules' answer as small models give it in plain mode: prose, then a ```json fence.
    public static let proseWrapped = FakeLLMReply.wrapped(
        before: "Sure! Here is the classification of the {messages} you sent:\n\n```json\n", .rules,
        after: "\n```\n\nLet me know if you need anything else.")

    /// llama-server (b6xxx) when the model's output breaks the grammar built from the schema.
    public static let grammarFailure = FakeLLMReply.status(
        500,
        body:
            #"{"error": {"code": 500, "message": "The model produced output that does not match the expected peg-native format", "type": "server_error"}}"#
    )

    /// llama-server when prompt and output overrun the context (no context shift).
    public static let contextSizeExceeded = FakeLLMReply.status(
        500, body: #"{"error": {"code": 500, "message": "Context size has been exceeded.", "type": "server_error"}}"#)

    /// vLLM (and OpenAI) when prompt and max_tokens overrun the model's length.
    public static func maximumContextLength(_ tokens: Int) -> FakeLLMReply {
        .status(
            400,
            body:
                #"{"object": "error", "message": "This model's maximum context length is \#(tokens) tokens. However, you requested 9000 tokens (800 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.", "type": "BadRequestError", "param": null, "code": 400}"#
        )
    }

    public static func rateLimited(retryAfter seconds: Double) -> FakeLLMReply {
        .status(
            429,
            body:
                #"{"error": {"message": "Rate limit reached for requests", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}"#,
            headers: ["Retry-After": seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)])
    }

    /// The answer envelope for `results` by message id, every key present as strict mode gives it.
    public static func envelope(_ results: [(id: String, result: ExtractionResult)]) -> String {
        JSONValue.object([
            (
                "results",
                .array(
                    results.map { entry in
                        guard case .object(let members) = entry.result.jsonValue else { return .null }
                        return .object([("id", .string(entry.id))] + members)
                    })
            )
        ]).serialized
    }

    /// Answers every message of the request with `result`.
    public static func every(_ result: ExtractionResult) -> FakeLLMReply {
        .answer { request in envelope(request.items.map { ($0.id, result) }) }
    }
}
