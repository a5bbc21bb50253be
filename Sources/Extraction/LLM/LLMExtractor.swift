public import AsyncHTTPClient
public import Domain
public import Logging
import Support
public import Transport

/// Classifies messages with any OpenAI-compatible chat-completions server, several messages per
/// call. Every answer is validated against the schema, and a company is kept only when the
/// message names it. What no model is needed for (chatter, text aimed at a model, repeats) is
/// answered without a call. Calls are in `LLMExtractor+Calls`, answers in `LLMExtractor+Answers`.
public struct LLMExtractor: Extractor {
    public let settings: LLMSettings
    public let prompt: ExtractionPrompt
    /// The alias map in force, read at each batch: an alias an admin adds counts from then on.
    let currentCatalog: @Sendable () -> CompanyCatalog
    private(set) var prefilter: Prefilter
    private(set) var grounding: CompanyGrounding
    let client: ChatCompletionClient
    let probe: ServerProbe
    let state: LLMExtractorState
    let logger: Logger

    public init(
        settings: LLMSettings, prompt: ExtractionPrompt, catalog: CompanyCatalog, httpClient: HTTPClient = .failFast,
        logger: Logger, clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.init(settings: settings, prompt: prompt, currentCatalog: { catalog }, httpClient: httpClient, logger: logger, clock: clock)
    }

    public init(
        settings: LLMSettings, prompt: ExtractionPrompt, currentCatalog: @escaping @Sendable () -> CompanyCatalog,
        httpClient: HTTPClient = .failFast, logger: Logger, clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.settings = settings
        self.prompt = prompt
        self.logger = logger
        self.currentCatalog = currentCatalog
        let catalog = currentCatalog()
        prefilter = Prefilter(rules: RuleExtractor(catalog: catalog))
        grounding = CompanyGrounding(catalog: catalog)
        client = ChatCompletionClient(
            url: settings.completionsURL, apiKey: settings.apiKey?.value, timeout: settings.requestTimeout, httpClient: httpClient)
        probe = ServerProbe(settings: settings, httpClient: httpClient)
        state = LLMExtractorState(settings: settings, clock: AnyClock(clock))
    }

    public var info: ExtractorInfo {
        ExtractorInfo(name: "llm", model: settings.model, promptVersion: prompt.version)
    }

    /// The model the server says it runs (its one listed model, or the one its answers name);
    /// nil before the server answered.
    public func servedModel() async -> String? {
        await state.servedModel
    }

    /// What the server said about itself (context length, model, version); nil before it answered.
    public func serverFacts() async -> ServerFacts? {
        await state.facts
    }

    /// What this extractor has done so far.
    public func totals() async -> LLMUsageTotals {
        await state.totals
    }

    public func extract(_ inputs: [ExtractionInput]) async -> [ExtractionOutcome] {
        var current = self
        let catalog = currentCatalog()
        current.prefilter = Prefilter(rules: RuleExtractor(catalog: catalog))
        current.grounding = CompanyGrounding(catalog: catalog)
        return await current.extractWithCurrentCatalog(inputs)
    }

    private func extractWithCurrentCatalog(_ inputs: [ExtractionInput]) async -> [ExtractionOutcome] {
        var outcomes: [String: ExtractionOutcome] = [:]
        var toAsk: [ExtractionInput] = []
        // Repeats within this batch wait for the first message with the same text.
        var repeats: [(id: String, of: String)] = []
        var firstWithKey: [String: String] = [:]
        for input in inputs {
            switch settings.prefilter ? prefilter.verdict(input.content) : nil {
            case .chatter?:
                outcomes[input.id] = ExtractionOutcome(id: input.id, result: .success(.other))
                await skipped(reason: "chatter")
                continue
            case .injection(let result)?:
                logger.notice("message \(input.id) addresses a model; read by the rules instead")
                outcomes[input.id] = ExtractionOutcome(id: input.id, result: .success(result))
                await skipped(reason: "injection")
                continue
            case nil:
                break
            }
            let key = ResultCache.key(input.content)
            if let result = await state.cached(key) {
                outcomes[input.id] = ExtractionOutcome(id: input.id, result: .success(result))
                await skipped(reason: "repeat")
            } else if settings.cacheCapacity > 0, let first = firstWithKey[key] {
                repeats.append((input.id, first))
            } else {
                firstWithKey[key] = input.id
                toAsk.append(input)
            }
        }

        // The model sees short ids of our own ("0", "1", …): any id a caller uses is safe (the
        // schema allows letters, digits and a few marks), and a snowflake costs more tokens.
        let asked = toAsk.enumerated().map { ExtractionInput(id: String($0.offset), content: $0.element.content) }
        if !asked.isEmpty, await state.facts == nil, let facts = await probe.facts() {
            await state.learned(facts)
            if let context = facts.contextTokens { logger.info("the model server has a context of \(context) tokens") }
        }
        for (shortID, outcome) in await askInBatches(asked) {
            guard let index = Int(shortID), toAsk.indices.contains(index) else { continue }
            var outcome = outcome
            outcome.id = toAsk[index].id
            outcomes[outcome.id] = outcome
        }
        for input in toAsk {
            if case .success(let result) = outcomes[input.id]?.result {
                await state.remember(result, for: ResultCache.key(input.content))
            }
        }
        for (id, first) in repeats {
            if let outcome = outcomes[first] {
                outcomes[id] = ExtractionOutcome(id: id, result: outcome.result)
                if case .success = outcome.result { await skipped(reason: "repeat") }
            }
        }
        return inputs.map { input in
            outcomes[input.id]
                ?? ExtractionOutcome(
                    id: input.id, result: .failure(ExtractionError("the model gave no answer for this message", retryable: true)))
        }
    }

    /// Splits the messages into calls that fit the server's context and the batch size, with as
    /// many in flight as the state allows (`maxConcurrentRequests`, fewer as the server shows its
    /// limits). Each call is cut when it is sent, so a batch size lowered by a slow call counts
    /// for every later one.
    private func askInBatches(_ inputs: [ExtractionInput]) async -> [String: ExtractionOutcome] {
        let fixed = CallBudget.estimate(prompt.systemMessage(for: await state.mode)) + 64
        await state.fitCallsInFlight(fixedPromptTokens: fixed)
        var rest = inputs[...]
        var outcomes: [String: ExtractionOutcome] = [:]
        await withTaskGroup(of: [String: ExtractionOutcome].self) { group in
            var inFlight = 0
            while true {
                while !rest.isEmpty, inFlight < (await state.concurrency) {
                    let count = await state.budget(fixedPromptTokens: fixed).firstBatchCount(rest)
                    let batch = Array(rest.prefix(count))
                    rest = rest.dropFirst(count)
                    group.addTask { await self.ask(batch) }
                    inFlight += 1
                }
                guard let answered = await group.next() else { break }
                inFlight -= 1
                outcomes.merge(answered) { first, _ in first }
            }
        }
        return outcomes
    }

    private func skipped(reason: String) async {
        LLMMetrics.skipped(reason: reason)
        await state.count { totals in
            if reason == "repeat" { totals.cacheHits += 1 } else { totals.prefiltered += 1 }
        }
    }
}
