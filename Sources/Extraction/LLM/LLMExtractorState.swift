import Domain
import Support

/// What the calls of one extractor share: the circuit breaker, the response-format mode (lowered
/// once a server refuses one), the result cache, and the running totals.
actor LLMExtractorState {
    private var breaker: CircuitBreaker
    /// The breaker's cooldowns run on it.
    let clock: AnyClock
    private(set) var mode: ResponseFormatMode
    private var cache: ResultCache
    private(set) var totals = LLMUsageTotals()
    /// What the server said about itself; nil until it answered the probe.
    private(set) var facts: ServerFacts?
    /// The model a completion named, when the server lists none or many.
    private(set) var answeringModel: String?
    /// Messages per call and `max_tokens`, lowered as the server shows its limits.
    private var batchSize: Int
    private var maxOutputTokens: Int
    private let maxOutputTokensPerMessage: Int
    private var contextTokens: Int
    /// Calls in flight at once: `llm.max_concurrent_requests`, at most the server's slots (more
    /// would only queue there, on our timeout), and 1 once calls in flight overflowed its context.
    private(set) var concurrency: Int
    /// Whether the calls in flight share `contextTokens`: llama-server's slots may draw on one
    /// KV cache, and an overflow there fails every call in flight.
    private var contextShared = false
    /// Prompt tokens the server counted per estimated token; see `CallBudget.tokenScale`.
    private var tokenScale = 1.0

    init(settings: LLMSettings, clock: AnyClock) {
        self.clock = clock
        breaker = CircuitBreaker(policy: settings.breaker)
        mode = settings.responseFormat
        cache = ResultCache(capacity: settings.cacheCapacity)
        batchSize = settings.batchSize
        maxOutputTokens = settings.maxOutputTokens
        maxOutputTokensPerMessage = settings.maxOutputTokensPerMessage
        contextTokens = settings.contextTokens
        concurrency = settings.maxConcurrentRequests
    }

    // MARK: The server's limits

    func learned(_ facts: ServerFacts) {
        self.facts = facts
        if let context = facts.contextTokens { contextTokens = context }
        if let slots = facts.slots {
            concurrency = min(concurrency, slots)
            contextShared = true
        }
    }

    /// The server counted `counted` prompt tokens where `estimated` were expected: later calls
    /// are sized with the larger ratio (never below 1, at most 3).
    func promptCounted(_ counted: Int, estimated: Int) {
        guard counted > 0, estimated > 0 else { return }
        tokenScale = min(3, max(tokenScale, Double(counted) / Double(estimated)))
    }

    func answered(by model: String?) {
        if answeringModel == nil, let model, !model.isEmpty { answeringModel = model }
    }

    /// The model the server runs, as it says: its one listed model, else what a completion named.
    var servedModel: String? { facts?.model ?? answeringModel }

    /// Fewer calls in flight while each one's share of a shared context would leave less than
    /// half of it for the messages and their answers (a long system prompt on an 8k server).
    func fitCallsInFlight(fixedPromptTokens: Int) {
        guard contextShared else { return }
        while concurrency > 1, budget(fixedPromptTokens: fixedPromptTokens).fixedShare > 0.5 {
            concurrency -= 1
        }
    }

    func budget(fixedPromptTokens: Int) -> CallBudget {
        CallBudget(
            contextTokens: contextTokens, maxOutputTokens: maxOutputTokens, batchSize: batchSize, fixedPromptTokens: fixedPromptTokens,
            outputTokensPerMessage: maxOutputTokensPerMessage, sharedBy: contextShared ? concurrency : 1, tokenScale: tokenScale)
    }

    /// A call of `count` messages took too long: later calls carry at most half as many.
    func callTooSlow(count: Int) {
        batchSize = max(1, min(batchSize, count / 2))
    }

    /// A call asking for `maxTokens` did not fit the context (`limit` when the server named it):
    /// later calls ask for half, carry at most half as many messages, and go one at a time (the
    /// calls in flight may have overflowed a context they share). False when nothing is left to
    /// lower.
    func contextExceeded(count: Int, maxTokens: Int, limit: Int?) -> Bool {
        if let limit, limit > 0 { contextTokens = min(contextTokens, limit) }
        let wasShared = contextShared && concurrency > 1
        concurrency = 1
        batchSize = max(1, min(batchSize, count / 2))
        let floor = CallBudget.leastOutputTokens * 2
        let used = maxTokens > 0 ? maxTokens : contextTokens
        guard used > floor else { return wasShared }
        maxOutputTokens = max(floor, used / 2)
        return true
    }

    // MARK: Circuit breaker

    func permission() -> CircuitBreaker.Permission {
        breaker.permission(now: clock.now)
    }

    /// The server answered (even a 4xx or a 429 shows it is up).
    func serverAnswered() {
        let wasOpen = breaker.isOpen
        breaker.recordSuccess()
        if wasOpen { LLMMetrics.circuitChanged(open: false) }
    }

    /// The server failed; returns whether calls are now paused.
    func serverFailed() -> Bool {
        breaker.recordFailure(now: clock.now)
        if breaker.isOpen { LLMMetrics.circuitChanged(open: true) }
        return breaker.isOpen
    }

    func probeEnded() {
        breaker.releaseProbe()
    }

    // MARK: Response format

    /// Falls back from `refused` to the next mode, once for all calls; nil when none is left.
    func fallBack(from refused: ResponseFormatMode) -> ResponseFormatMode? {
        guard mode == refused else { return mode }
        guard let next = refused.fallback else { return nil }
        mode = next
        return next
    }

    // MARK: Cache

    func cached(_ key: String) -> ExtractionResult? {
        cache.result(for: key)
    }

    func remember(_ result: ExtractionResult, for key: String) {
        cache.store(result, for: key)
    }

    // MARK: Totals

    func count(_ update: (inout LLMUsageTotals) -> Void) {
        update(&totals)
    }
}

/// What an extractor has done since it started: for `eval`, the benchmark and the logs.
public struct LLMUsageTotals: Sendable, Hashable {
    /// Chat-completions requests sent, repairs and retries included.
    public var calls = 0
    public var failedCalls = 0
    public var repairCalls = 0
    public var tokens = TokenUsage()
    /// Messages answered without a call: chatter, text aimed at a model, repeats.
    public var prefiltered = 0
    public var cacheHits = 0
    /// Companies the model named that the message does not contain.
    public var ungroundedCompanies = 0

    public init() {}
}
