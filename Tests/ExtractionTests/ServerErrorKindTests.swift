import Domain
import Testing

@testable import Extraction

/// The error answers of real servers, word for word, and what each means for the call.
@Suite struct ServerErrorKindTests {
    @Test(arguments: [
        // llama-server, when the model's output breaks the grammar built from the schema (a 500).
        (500, "The model produced output that does not match the expected peg-native format"),
        // llama-server, a schema its converter cannot read.
        (400, "JSON schema conversion failed:\nUnrecognized schema: {\"not\": {}}"),
        (500, "Failed to parse grammar"),
        // vLLM.
        (400, "The provided JSON schema contains features not supported by xgrammar."),
        (400, "Grammar error: Unknown format: uri"),
        // OpenAI.
        (400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."),
        (400, "Invalid schema for response_format 'extraction': In context=(), 'required' is required to be supplied"),
    ])
    func aFormatSchemaOrGrammarErrorFallsBackWhateverItsStatus(status: Int, message: String) {
        #expect(ServerErrorKind.classify(status: status, message: message) == .responseFormat)
        let error: LLMCallError =
            status >= 500
            ? .serverError(status: status, message: message) : .refused(status: status, message: message, param: nil)
        #expect(error.refusesResponseFormat)
        #expect(!error.isOutage)
    }

    @Test(
        arguments: [
            (500, "Context size has been exceeded.", nil),
            (400, "the request exceeds the available context size, try increasing it", nil),
            (400, "request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it", 4096),
            (
                400,
                "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (808 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
                8192
            ),
            (
                400,
                "'max_tokens' or 'max_completion_tokens' is too large: 8192. This model's maximum context length is 2048 tokens and your request has 700 input tokens (8192 > 2048 - 700).",
                2048
            ),
            (400, "the input length exceeds the context length", nil),
            (400, "input length exceeds maximum context length", nil),
        ] as [(Int, String, Int?)])
    func aContextErrorIsToldApartAndItsLimitRead(status: Int, message: String, limit: Int?) {
        #expect(ServerErrorKind.classify(status: status, message: message) == .contextExceeded(limit: limit))
        let error: LLMCallError =
            status >= 500
            ? .serverError(status: status, message: message) : .refused(status: status, message: message, param: nil)
        #expect(error.exceedsContext)
        #expect(!error.refusesResponseFormat)
        #expect(!error.isOutage)
    }

    @Test func anOutageStaysAnOutage() {
        let busy = LLMCallError.serverError(status: 503, message: "Loading model")
        #expect(ServerErrorKind.classify(status: 503, message: "Loading model") == .other)
        #expect(busy.isOutage)
        #expect(LLMCallError.serverError(status: 500, message: "The server had an error while processing your request.").isOutage)
        #expect(LLMCallError.refused(status: 401, message: "Incorrect API key provided", param: nil).isOutage)
        #expect(!LLMCallError.refused(status: 400, message: "'messages' is a required property", param: "messages").refusesResponseFormat)
        #expect(LLMCallError.refused(status: 400, message: "bad value", param: "response_format").refusesResponseFormat)
    }
}
