import Domain
import Foundation

/// What a server's error answer means for the call, read from its wording rather than its status:
/// llama-server answers a grammar failure with a 500 and a context overflow with a 400 or a 500, so
/// the status alone would call both an outage. Pure, so the real wordings are unit-tested.
enum ServerErrorKind: Sendable, Equatable {
    /// The response format, its schema or the grammar built from it: the next format is tried.
    case responseFormat
    /// Prompt and max_tokens do not fit the server's context: a smaller batch and max_tokens are.
    /// `limit` is the context length when the answer names it.
    case contextExceeded(limit: Int?)
    /// Anything else: the status decides (5xx an outage, 4xx a refusal).
    case other

    static func classify(status: Int, message: String, param: String? = nil) -> ServerErrorKind {
        let lower = message.lowercased()
        if contextPhrases.contains(where: lower.contains) { return .contextExceeded(limit: contextLimit(in: lower)) }
        if param == "response_format" || formatPhrases.contains(where: lower.contains) { return .responseFormat }
        return .other
    }

    /// llama-server: "Context size has been exceeded." (500), "the request exceeds the available
    /// context size, try increasing it" and "request (4476 tokens) exceeds the available context
    /// size (4096 tokens)" (400); OpenAI and vLLM: "This model's maximum context length is 4096
    /// tokens…", code `context_length_exceeded`; Ollama: "the input length exceeds the context
    /// length", "input length exceeds maximum context length".
    private static let contextPhrases = [
        "context size has been exceeded", "exceeds the available context size", "maximum context length",
        "context_length_exceeded", "exceeds the context length", "exceeds maximum context length", "context window",
        "max_tokens' or 'max_completion_tokens' is too large",
    ]

    /// llama-server: "The model produced output that does not match the expected peg-native format"
    /// (500), "JSON schema conversion failed", "Unrecognized schema", "Failed to parse grammar";
    /// vLLM: "The provided JSON schema contains features not supported by xgrammar", "Grammar
    /// error: …", guided decoding; Ollama: "invalid JSON schema in format"; OpenAI: "Invalid schema
    /// for response_format", "'response_format' of type 'json_schema' is not supported".
    private static let formatPhrases = [
        "response_format", "response format", "json_schema", "json schema", "grammar", "does not match the expected",
        "unrecognized schema", "guided_decoding", "guided decoding", "structured output", "xgrammar", "invalid format",
        "format must be",
    ]

    /// The number after "context size (" / "context length is " / "context length of ", if any.
    private static func contextLimit(in lower: String) -> Int? {
        for marker in ["available context size (", "maximum context length is ", "context length of ", "n_ctx = ", "n_ctx: "] {
            guard let range = lower.range(of: marker) else { continue }
            let digits = lower[range.upperBound...].prefix { $0.isNumber }
            if let value = Int(digits), value > 0 { return value }
        }
        return nil
    }
}
