import Domain
import Extraction
import HiringPulseTesting
import Logging

/// A fake LLM and an extractor pointed at it, with short timeouts and cooldowns so that failure
/// modes play out in well under a second.
enum LLMTestSupport {
    static let catalog: CompanyCatalog = {
        do {
            return try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        } catch {
            fatalError("config/companies.yaml: \(error)")
        }
    }()

    static let prompt: ExtractionPrompt = {
        do {
            return try ExtractionPrompt.load(
                promptFile: RepositoryFile.path("prompts/extract.v1.md"), schemaFile: RepositoryFile.path("prompts/extract.schema.json"))
        } catch {
            fatalError("\(error)")
        }
    }()

    static func settings(baseURL: String, _ adjust: (inout LLMSettings) -> Void = { _ in }) -> LLMSettings {
        var settings = LLMSettings(
            baseURL: baseURL, model: "fake-model", apiKey: "sk-test-key", batchSize: 25, requestTimeout: .seconds(20),
            retryBaseDelay: .milliseconds(20),
            breaker: .init(failureThreshold: 3, cooldown: .milliseconds(300), longestCooldown: .seconds(1)))
        adjust(&settings)
        return settings
    }

    /// Runs `body` with a fake LLM (answering with the rule extractor unless scripted) and an
    /// extractor using it, whose waits (backoff, 429s, the breaker's cooldown) run on `clock`.
    static func withExtractor(
        defaultReply: FakeLLMReply = .rules, settings adjust: @escaping @Sendable (inout LLMSettings) -> Void = { _ in },
        clock: some Clock<Duration> = ContinuousClock(), _ body: @Sendable (FakeLLM, LLMExtractor) async throws -> Void
    ) async throws {
        try await FakeLLM.withRunning(catalog: catalog, defaultReply: defaultReply) { llm in
            let extractor = LLMExtractor(
                settings: settings(baseURL: llm.baseURL, adjust), prompt: prompt, catalog: catalog, httpClient: llm.httpClient,
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, clock: clock)
            try await body(llm, extractor)
        }
    }

    static func inputs(_ contents: [String]) -> [ExtractionInput] {
        contents.enumerated().map { ExtractionInput(id: String(1000 + $0.offset), content: $0.element) }
    }
}

extension ExtractionOutcome {
    var value: ExtractionResult? {
        if case .success(let result) = result { result } else { nil }
    }

    var failure: ExtractionError? {
        if case .failure(let failure) = result { failure } else { nil }
    }

    var pairs: [String] {
        (value?.updates ?? []).map { "\($0.company) / \($0.stage.rawValue)" }
    }
}
