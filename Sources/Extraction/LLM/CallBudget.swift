/// Sizes calls so that prompt and answer fit the server's context: how many messages one call
/// carries and the `max_tokens` it asks for. Token counts are estimates (3.5 bytes a token, where
/// tokenizers give about 4 for English prose), with a margin for the chat template.
struct CallBudget: Sendable, Equatable {
    /// The server's context, as it says or as configured.
    var contextTokens: Int
    /// `llm.max_output_tokens`, lowered after a context error; 0 leaves it to the server.
    var maxOutputTokens: Int
    /// Messages per call: `llm.batch_size`, lowered after a timeout or a context error.
    var batchSize: Int
    /// Tokens of the system prompt and the request's fixed text.
    var fixedPromptTokens: Int

    /// What one message's result takes at most in the answer, about: ids, kind, a few updates.
    static let answerTokensPerMessage = 160
    /// The chat template's tokens and the estimate's error.
    static let margin = 256
    /// Below this `max_tokens` no answer fits; the call is not worth making.
    static let leastOutputTokens = 128

    static func estimate(_ text: String) -> Int {
        (text.utf8.count * 2 + 6) / 7
    }

    /// Splits `inputs` in order into calls of at most `batchSize` whose prompt and answer fit.
    /// A message too long to share a call goes alone (the server then says if it fits at all).
    func batches(_ inputs: [ExtractionInput]) -> [[ExtractionInput]] {
        var batches: [[ExtractionInput]] = []
        var current: [ExtractionInput] = []
        var used = fixedPromptTokens + Self.margin
        for input in inputs {
            let cost = Self.estimate(input.content) + 16 + Self.answerTokensPerMessage
            if !current.isEmpty && (current.count >= batchSize || used + cost > contextTokens) {
                batches.append(current)
                current = []
                used = fixedPromptTokens + Self.margin
            }
            current.append(input)
            used += cost
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// `max_tokens` for a call whose prompt is about `promptTokens`: the configured cap, lowered
    /// to what the context leaves. 0 (leave it to the server) stays 0 when the rest is ample.
    func maxTokens(promptTokens: Int) -> Int {
        let left = max(Self.leastOutputTokens, contextTokens - promptTokens - Self.margin)
        if maxOutputTokens == 0 { return left >= contextTokens / 2 ? 0 : left }
        return min(maxOutputTokens, left)
    }
}
