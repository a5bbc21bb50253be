import Domain

/// Sizes calls so that prompt and answer fit the server's context: how many messages one call
/// carries and the `max_tokens` it asks for. Token counts are estimates (3.5 bytes a token, where
/// tokenizers give about 4 for English prose), scaled up once the server has counted more, with
/// a margin for the chat template.
struct CallBudget: Sendable, Equatable {
    /// The server's context, as it says or as configured.
    var contextTokens: Int
    /// `llm.max_output_tokens`, lowered after a context error; 0 leaves it to the server.
    var maxOutputTokens: Int
    /// Messages per call: `llm.batch_size`, lowered after a timeout or a context error.
    var batchSize: Int
    /// Tokens of the system prompt and the request's fixed text.
    var fixedPromptTokens: Int
    /// `llm.max_output_tokens_per_message`: the answer a call may ask for per message it carries,
    /// so that a model that rambles is cut off early; 0 leaves `maxOutputTokens` alone.
    var outputTokensPerMessage = 0
    /// Calls in flight that share `contextTokens`: llama-server's slots draw on one KV cache.
    var sharedBy = 1
    /// Tokens the server counted per estimated token, at least 1 (a tokenizer that splits finer
    /// than the estimate).
    var tokenScale = 1.0

    /// What one message's result takes at most in the answer, about: ids, kind, a few updates.
    static let answerTokensPerMessage = 160
    /// The chat template's tokens and the estimate's error.
    static let margin = 256
    /// Below this `max_tokens` no answer fits; the call is not worth making.
    static let leastOutputTokens = 128
    /// The answer's envelope (`{"results": [...]}`) beside the per-message allowance.
    static let answerEnvelopeTokens = 64

    static func estimate(_ text: String) -> Int {
        (text.utf8.count * 2 + 6) / 7
    }

    /// The context one call may use: all of it, or its share when calls in flight share it.
    var callContextTokens: Int {
        contextTokens / max(1, sharedBy)
    }

    /// How much of a call's context the fixed prompt and the margin take.
    var fixedShare: Double {
        Double(scaled(fixedPromptTokens) + Self.margin) / Double(max(1, callContextTokens))
    }

    private func scaled(_ tokens: Int) -> Int {
        Int((Double(tokens) * tokenScale).rounded(.up))
    }

    /// How many of `inputs`, from the first, the next call carries: at most `batchSize`, and as
    /// many as fit beside the fixed prompt and their answers. A message too long to share a call
    /// goes alone (the server then says if it fits at all). At least one.
    func firstBatchCount(_ inputs: ArraySlice<ExtractionInput>) -> Int {
        let room = callContextTokens
        var used = scaled(fixedPromptTokens) + Self.margin
        var count = 0
        for input in inputs {
            let cost = scaled(Self.estimate(input.content) + 16) + Self.answerTokensPerMessage
            if count > 0 && (count >= batchSize || used + cost > room) { break }
            used += cost
            count += 1
        }
        return count
    }

    /// `max_tokens` for a call of `messages` whose prompt is about `promptTokens` (estimated):
    /// the configured cap and the per-message allowance, lowered to what the call's share of the
    /// context leaves. 0 (leave it to the server) stays 0 when the rest is ample and nothing caps it.
    func maxTokens(promptTokens: Int, messages: Int) -> Int {
        let room = callContextTokens
        let left = max(Self.leastOutputTokens, room - scaled(promptTokens) - Self.margin)
        var cap = maxOutputTokens
        if outputTokensPerMessage > 0 {
            let allowance = outputTokensPerMessage * max(1, messages) + Self.answerEnvelopeTokens
            cap = cap == 0 ? allowance : min(cap, allowance)
        }
        if cap == 0 { return left >= room / 2 ? 0 : left }
        return min(cap, left)
    }
}
