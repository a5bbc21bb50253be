import Bot
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import Store
import Support
import Testing

/// The LLM extractor in the extraction pipeline, over a real SQLite file: whatever the model
/// server does, every message ends `done` or `failed` with a reason, and retries are bounded.
@Suite struct LLMPipelineTests {
    let directory: TemporaryDirectory
    let store: Store
    let catalog: CompanyCatalog
    static let start: Int64 = 1_800_000_000_000

    init() async throws {
        directory = try TemporaryDirectory(prefix: "llm-pipeline")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
        catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        try await store.companies.sync(catalog)
    }

    func ingest(_ contents: [String]) async throws {
        try await store.messages.ingest(
            contents.enumerated().map { index, content in
                IncomingMessage(
                    id: Int64(index + 1), guildID: 1, channelID: 2, authorHash: "author\(index)", content: content,
                    createdAt: Self.start + Int64(index) * 1000, source: .gateway)
            }, now: Self.start)
    }

    /// With a test `clock`, retries within a call wait no backoff: only the breaker's cooldown needs the clock moved.
    func pipeline(
        _ llm: FakeLLM, maxAttempts: Int = 3, cooldown: Duration = .milliseconds(300), clock: TestClock? = nil
    ) throws -> ExtractionPipeline {
        let prompt = try ExtractionPrompt.load(
            promptFile: RepositoryFile.path("prompts/extract.v1.md"), schemaFile: RepositoryFile.path("prompts/extract.schema.json"))
        let settings = LLMSettings(
            baseURL: llm.baseURL, model: "fake-model", batchSize: 4, requestTimeout: .seconds(20),
            retryBaseDelay: clock == nil ? .milliseconds(10) : .zero,
            breaker: .init(failureThreshold: 3, cooldown: cooldown, longestCooldown: cooldown * 3))
        let extractor = LLMExtractor(
            settings: settings, prompt: prompt, catalog: catalog, httpClient: llm.httpClient,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, clock: clock.map { AnyClock($0) } ?? .continuous)
        return ExtractionPipeline(
            store: store, extractor: extractor, batchSize: 10, retry: .init(maxAttempts: maxAttempts, baseDelayMilliseconds: 1000))
    }

    /// Runs batches, moving the clock past each retry delay, until nothing is pending; returns how many ran.
    func drain(_ pipeline: ExtractionPipeline, from start: Int64 = start, limit: Int = 20) async throws -> Int {
        var now = start
        for round in 1...limit {
            let summary = try await pipeline.processBatch(now: now)
            if summary.done + summary.failed + summary.retrying + summary.deferred == 0 {
                if try await store.messages.counts()[.pending, default: 0] == 0 { return round }
            }
            now += 3_600_000
        }
        return limit
    }

    @Test func everyMessageEndsDoneOrFailedWithAReasonWhateverTheServerDoes() async throws {
        defer { directory.remove() }
        try await ingest([
            "got the OA from JPMC", "Citadel superday friday", "offer from Databricks!!", "bad: Stripe final round",
            "rejected by Two Sigma", "bad: HRT onsite", "phone screen with Ramp",
        ])
        // A model that keeps answering a wrong stage for some messages, behind a server that first
        // fails, throttles and cuts an answer off.
        let rules = RuleExtractor(catalog: catalog)
        let misbehaves = FakeLLMReply.answer { request in
            FakeLLMReply.envelope(
                request.items.map { item in
                    var result = rules.classify(item.text)
                    if item.text.hasPrefix("bad:") {
                        result = ExtractionResult(kind: .stageUpdate, updates: [StageUpdate(company: "Stripe", stage: .onsite)])
                    }
                    return (item.id, result)
                }
            ).replacingOccurrences(of: #"{"company":"Stripe","stage":"onsite""#, with: #"{"company":"Stripe","stage":"final""#)
        }
        try await FakeLLM.withRunning(catalog: catalog, defaultReply: misbehaves) { llm in
            await llm.server.enqueue(.status(500), .rateLimited(retryAfter: 0.1), .truncated)
            let rounds = try await drain(try pipeline(llm))
            #expect(rounds <= 3)
            var states: [MessageExtractionState] = []
            for id in Int64(1)...7 { states.append(try #require(try await store.extractions.state(messageID: id))) }
            #expect(states.map(\.status) == [.done, .done, .done, .failed, .done, .failed, .done])
            for failed in [states[3], states[5]] {
                #expect(
                    failed.lastError?.contains(#"/updates/0/stage: "final" is not one of applied, oa, phone, onsite, offer, rejected"#)
                        == true)
            }
            #expect(try await store.extractions.stageUpdateCount() == 5)
            // Bounded: the failing messages had one repair each, never a retry storm.
            #expect(await llm.server.requestCount <= 12)
            let done = try #require(states.first?.history.last)
            #expect(done.extractor == "llm" && done.model == "fake-model" && done.promptVersion?.hasPrefix("extract.v1@") == true)
            #expect((done.promptTokens ?? 0) > 0 && (done.completionTokens ?? 0) > 0)
        }
    }

    @Test func anOutagePausesExtractionWithoutSpendingAttempts() async throws {
        defer { directory.remove() }
        try await ingest(["got the OA from JPMC", "Citadel superday friday"])
        try await FakeLLM.withRunning(catalog: catalog, defaultReply: .status(503)) { llm in
            // The cooldown runs on a test clock: the second batch comes within it on any machine.
            let clock = TestClock()
            let pipeline = try pipeline(llm, cooldown: .seconds(3), clock: clock)
            let first = try await pipeline.processBatch(now: Self.start)
            #expect(first.retrying == 2)
            #expect(await llm.server.requestCount == 3)
            // The circuit is open: due again, but no call is made and no attempt is spent.
            let paused = try await pipeline.processBatch(now: Self.start + 3_600_000)
            #expect(paused.deferred == 2)
            #expect(await llm.server.requestCount == 3)
            #expect(try await store.extractions.state(messageID: 1)?.attempts == 1)
            #expect(try await store.extractions.state(messageID: 1)?.lastError?.contains("paused") == true)
            // The server comes back; after the cooldown a probe goes through and everything is done.
            await llm.server.setDefault(.rules)
            clock.advance(by: .seconds(3))
            #expect(try await drain(pipeline, from: Self.start + 2 * 3_600_000) <= 2)
            #expect(try await store.messages.counts()[.done] == 2)
        }
    }

    @Test func aServerThatNeverRecoversFailsMessagesAfterTheirAttempts() async throws {
        defer { directory.remove() }
        try await ingest(["got the OA from JPMC"])
        try await FakeLLM.withRunning(catalog: catalog, defaultReply: .status(500)) { llm in
            let clock = TestClock()
            let pipeline = try pipeline(llm, maxAttempts: 2, clock: clock)
            var now = Self.start
            for _ in 0..<12 where try await store.messages.counts()[.pending, default: 0] > 0 {
                _ = try await pipeline.processBatch(now: now)
                now += 3_600_000
                clock.advance(by: .milliseconds(120))
            }
            let state = try #require(try await store.extractions.state(messageID: 1))
            #expect(state.status == .failed)
            #expect(state.attempts == 2)
            #expect(state.lastError?.contains("server error 500") == true)
            // Two attempts of at most three tries each, and probes in between: bounded.
            #expect(await llm.server.requestCount <= 6)
        }
    }
}
