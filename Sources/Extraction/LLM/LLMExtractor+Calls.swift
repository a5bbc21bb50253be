import Domain
import Logging
import Support
import Transport

/// One call to the server, with what may be retried within it: a refused response format falls
/// back to the next mode, 429s are waited out (briefly), and 5xx, timeouts and silence are tried
/// again a few times. Anything longer is left to the message's own retry schedule.
extension LLMExtractor {
    /// How a call ended.
    enum CallReply: Sendable {
        case answered(ChatCompletionResponse)
        /// The server refused or failed; `error` says how. `maxTokens` is what the call asked for.
        case failed(LLMCallError, maxTokens: Int)
        /// Not now: throttled, paused by the circuit breaker, or interrupted. No attempt is spent.
        case deferred(reason: String, for: Duration)
    }

    /// Sends the system prompt, the fenced batch and any `extra` messages (a repair), and adds the
    /// call's tokens and time to `ledger`.
    func call(_ items: [ExtractionInput], extra: [ChatCompletionRequest.Message] = [], ledger: inout CallLedger) async -> CallReply {
        var failures = 0
        var throttles = 0
        while true {
            let permission = await state.permission()
            if case .wait(let until) = permission {
                return .deferred(reason: "calls to the model are paused after repeated failures", for: state.clock.now.duration(to: until))
            }
            let mode = await state.mode
            let messages: [ChatCompletionRequest.Message] =
                [
                    .init(role: "system", content: prompt.systemMessage(for: mode)),
                    .init(role: "user", content: prompt.userMessage(for: items)),
                ]
                + extra
            let promptTokens = messages.reduce(0) { $0 + CallBudget.estimate($1.content) + 8 }
            let maxTokens = await state.budget(fixedPromptTokens: 0).maxTokens(promptTokens: promptTokens, messages: items.count)
            let request = ChatCompletionRequest(
                model: settings.model, messages: messages, mode: mode, schema: CallSchema.make(prompt.serverSchema, ids: items.map(\.id)),
                maxOutputTokens: maxTokens,
                temperature: settings.temperature)
            let started = ContinuousClock.now
            let outcome: Result<ChatCompletionResponse, LLMCallError>
            do throws(LLMCallError) {
                outcome = .success(try await client.send(request, timeout: settings.timeout(forMessages: items.count)))
            } catch {
                outcome = .failure(error)
            }
            ledger.spent(ContinuousClock.now - started, on: items.map(\.id))
            await state.count { $0.calls += 1 }
            if Task.isCancelled {
                await state.probeEnded()
                return .deferred(reason: "extraction was interrupted by shutdown", for: .zero)
            }

            switch outcome {
            case .success(let response):
                await state.serverAnswered()
                await state.answered(by: response.model)
                await state.promptCounted(response.usage.prompt, estimated: promptTokens)
                ledger.used(response.usage, by: items.map(\.id))
                await state.count { $0.tokens += response.usage }
                LLMMetrics.call(outcome: "answered")
                LLMMetrics.tokens(response.usage)
                return .answered(response)

            case .failure(let error) where error.refusesResponseFormat:
                await state.serverAnswered()
                LLMMetrics.call(outcome: "format_refused")
                // Nothing left to fall back to: the model's output itself is bad, an answer to split or fail.
                guard let next = await state.fallBack(from: mode) else { return .failed(error, maxTokens: maxTokens) }
                if next != mode {
                    logger.warning(
                        "the model server failed with response_format \(mode.rawValue); using \(next.rawValue) from now on: \(error)")
                }

            case .failure(let error) where error.exceedsContext:
                await state.serverAnswered()
                LLMMetrics.call(outcome: "context_exceeded")
                await state.count { $0.failedCalls += 1 }
                return .failed(error, maxTokens: maxTokens)

            case .failure(.timeout(let timeout)) where items.count > 1:
                // A slow model, not a dead server: smaller calls, and the breaker is left alone.
                LLMMetrics.call(outcome: "timeout")
                await state.count { $0.failedCalls += 1 }
                await state.callTooSlow(count: items.count)
                logger.warning(
                    "no answer from the model within \(timeout.shortText) for \(items.count) messages; asking with fewer at a time")
                return .failed(.timeout(timeout), maxTokens: maxTokens)

            case .failure(.rateLimited(let retryAfter)):
                await state.serverAnswered()
                LLMMetrics.call(outcome: "rate_limited")
                throttles += 1
                let wait = retryAfter ?? backoff(throttles)
                guard throttles <= settings.rateLimitRetries, wait <= settings.longestRetryAfterWait else {
                    return .deferred(reason: "the model server is rate limiting (429)", for: max(wait, settings.retryBaseDelay))
                }
                logger.info("the model server asked to slow down (429); waiting \(wait.shortText)")
                guard await pause(wait) else { return .deferred(reason: "extraction was interrupted by shutdown", for: .zero) }

            case .failure(let error) where error.isOutage:
                LLMMetrics.call(outcome: "failed")
                await state.count { $0.failedCalls += 1 }
                failures += 1
                let paused = await state.serverFailed()
                if paused { logger.warning("calls to the model are paused after repeated failures: \(error)") }
                guard failures < settings.attemptsPerCall, !paused else { return .failed(error, maxTokens: maxTokens) }
                logger.info("the model server failed (\(error)); trying again")
                guard await pause(backoff(failures)) else { return .deferred(reason: "extraction was interrupted by shutdown", for: .zero) }

            case .failure(let error):
                await state.serverAnswered()
                LLMMetrics.call(outcome: "refused")
                await state.count { $0.failedCalls += 1 }
                return .failed(error, maxTokens: maxTokens)
            }
        }
    }

    /// 0.5 s, 1 s, 2 s, … with up to a quarter of jitter, so parallel calls do not retry in step.
    func backoff(_ attempt: Int) -> Duration {
        let base = settings.retryBaseDelay * (1 << min(max(0, attempt - 1), 6))
        return base + base * Double.random(in: 0..<0.25)
    }

    /// Sleeps on the extractor's clock; false when the task was cancelled meanwhile.
    private func pause(_ duration: Duration) async -> Bool {
        (try? await state.clock.sleep(for: duration)) != nil
    }
}

/// The tokens and time each message of a batch cost, over every call it took part in: a call's
/// usage is shared evenly between its messages, so the rows add up to what the server counted.
struct CallLedger: Sendable {
    private(set) var tokens: [String: TokenUsage] = [:]
    private(set) var time: [String: Duration] = [:]

    mutating func used(_ usage: TokenUsage, by ids: [String]) {
        guard !ids.isEmpty else { return }
        for (index, id) in ids.enumerated() {
            tokens[id, default: TokenUsage()] += TokenUsage(
                prompt: Self.share(usage.prompt, index, ids.count), completion: Self.share(usage.completion, index, ids.count),
                cached: Self.share(usage.cached, index, ids.count))
        }
    }

    mutating func spent(_ duration: Duration, on ids: [String]) {
        for id in ids { time[id, default: .zero] += duration }
    }

    /// `total` split in `count` whole parts that add up to it: the first ones take the remainder.
    private static func share(_ total: Int, _ index: Int, _ count: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }
}
