import Domain
import Extraction
import HiringPulseTesting
import JSON
import Logging
import Testing

/// The answers real servers gave the extractor (llama-server, vLLM, a small model on a slow CPU),
/// played by the fake: each must end with every message answered, not with the breaker open.
@Suite struct LLMRealServerAnswerTests {
    static let messages = [
        "Citadel superday friday", "got the OA from JPMC", "offer from Databricks", "rejected by Stripe after the onsite",
    ]

    @Test func aGrammarFailureWithA500FallsBackToJSONModeAndOpensNoBreaker() async throws {
        try await LLMTestSupport.withExtractor { llm, extractor in
            // Three in a row would open the breaker were they counted as an outage.
            await llm.server.enqueue(.grammarFailure)
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason))")
            #expect(outcomes[0].pairs == ["Citadel / onsite"])
            let requests = await llm.server.requests
            #expect(requests.map(\.responseFormat) == ["json_schema", "json_object"])
            // From now on, JSON mode.
            _ = await extractor.extract(LLMTestSupport.inputs(["Point72 offer"]))
            #expect(await llm.server.requests.last?.responseFormat == "json_object")
        }
    }

    @Test func aGrammarFailureInPlainModeIsABadAnswerSplitNotAnOutage() async throws {
        try await LLMTestSupport.withExtractor(settings: { $0.responseFormat = .plain }) { llm, extractor in
            await llm.server.enqueue(.grammarFailure, .grammarFailure, .grammarFailure)
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            // The batch of 4 failed, then its first half, then that half's first message.
            let failed = outcomes.compactMap(\.failure)
            #expect(failed.count == 1)
            #expect(failed.first?.reason.contains("peg-native format") == true)
            #expect(failed.first?.retryable == false)
            #expect(outcomes.filter { $0.value != nil }.count == 3)
            // The breaker stayed closed: the next call is made at once.
            let later = await extractor.extract(LLMTestSupport.inputs(["Point72 offer"]))
            #expect(later[0].pairs == ["Point72 / offer"])
        }
    }

    @Test func llamaServersContextIsReadAtPropsAndEveryCallFitsIt() async throws {
        // The shipped defaults (25 messages a call, max_tokens 8192) against a server with a
        // context of 8,192 tokens: the first run's "Context size has been exceeded.".
        try await LLMTestSupport.withExtractor(settings: { $0.maxOutputTokens = 8192 }) { llm, extractor in
            await llm.server.actAsLlamaServer(contextSize: 8192, model: "SmolLM2-135M-Instruct-Q8_0.gguf", build: "b6423-5f3ea4e6")
            let many = (0..<40).map { Self.messages[$0 % 4] + " (\($0))" }
            let outcomes = await extractor.extract(LLMTestSupport.inputs(many))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason).prefix(3))")
            let requests = await llm.server.requests
            #expect(requests.count <= 3)
            #expect(requests.allSatisfy { ($0.maxTokens ?? 0) > 1000 && $0.maxTokens! < 8192 - 3000 })
            #expect(await extractor.servedModel() == "SmolLM2-135M-Instruct-Q8_0.gguf")
            #expect(
                await extractor.serverFacts()
                    == ServerFacts(contextTokens: 8192, model: "SmolLM2-135M-Instruct-Q8_0.gguf", version: "b6423-5f3ea4e6", slots: 1))
            #expect(await extractor.totals().failedCalls == 0)
        }
    }

    @Test func llamaServersSlotsShareOneContextAndTheCallsInFlightFitItTogether() async throws {
        // llama-server's defaults: 4 slots on one unified KV cache. Two calls in flight, each
        // sized for the whole context, overflowed it and both failed on the real server.
        // Each answer takes a second, so the two calls overlap however loaded the machine is.
        try await LLMTestSupport.withExtractor(defaultReply: .slow(.seconds(1), then: .rules)) { llm, extractor in
            await llm.server.actAsLlamaServer(contextSize: 16_384, slots: 4)
            let many = (0..<48).map { Self.messages[$0 % 4] + " (\($0))" }
            let outcomes = await extractor.extract(LLMTestSupport.inputs(many))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason).prefix(3))")
            #expect(await llm.server.contextErrors == 0)
            #expect(await llm.server.mostInFlight == 2)
            #expect(await extractor.serverFacts()?.slots == 4)
        }
    }

    @Test func aSharedContextTooSmallForTwoCallsGetsOneAtATime() async throws {
        // The same server with 8,192 tokens: half of it would leave little beside the system prompt.
        try await LLMTestSupport.withExtractor(defaultReply: .slow(.milliseconds(100), then: .rules), settings: { $0.batchSize = 4 }) {
            llm, extractor in
            await llm.server.actAsLlamaServer(contextSize: 8192, slots: 4)
            let many = (0..<16).map { Self.messages[$0 % 4] + " (\($0))" }
            let outcomes = await extractor.extract(LLMTestSupport.inputs(many))
            #expect(outcomes.allSatisfy { $0.value != nil })
            #expect(await llm.server.contextErrors == 0)
            #expect(await llm.server.mostInFlight == 1)
        }
    }

    @Test func aServerWithOneSlotGetsOneCallAtATime() async throws {
        // A second call would only wait in its queue, on our timeout.
        try await LLMTestSupport.withExtractor(defaultReply: .slow(.milliseconds(100), then: .rules), settings: { $0.batchSize = 2 }) {
            llm, extractor in
            await llm.server.actAsLlamaServer(contextSize: 8192, slots: 1)
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages + Self.messages.map { $0 + "!" }))
            #expect(outcomes.allSatisfy { $0.value != nil })
            #expect(await llm.server.requestCount == 4)
            #expect(await llm.server.mostInFlight == 1)
        }
    }

    @Test func aContextErrorSendsLaterCallsOneAtATime() async throws {
        try await LLMTestSupport.withExtractor(defaultReply: .slow(.milliseconds(100), then: .rules), settings: { $0.batchSize = 2 }) {
            llm, extractor in
            await llm.server.enqueue(.contextSizeExceeded)
            let outcomes = await extractor.extract(LLMTestSupport.inputs([Self.messages[0]]))
            #expect(outcomes.allSatisfy { $0.value != nil })
            let before = await llm.server.mostInFlight
            let later = await extractor.extract(LLMTestSupport.inputs(Self.messages + Self.messages.map { $0 + "!" }))
            #expect(later.allSatisfy { $0.value != nil })
            let after = await llm.server.mostInFlight
            #expect(before == 1 && after == 1)
        }
    }

    @Test func aRepairThatOverrunsTheContextIsAskedAgainSmaller() async throws {
        try await LLMTestSupport.withExtractor { llm, extractor in
            // An invalid answer, then the repair round's "Context size has been exceeded.".
            await llm.server.enqueue(.content(#"{"results": [{"id": "0", "kind": "stage_update"}]}"#), .contextSizeExceeded)
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason))")
            #expect(
                outcomes.map(\.pairs) == [["Citadel / onsite"], ["JPMorgan Chase / oa"], ["Databricks / offer"], ["Stripe / rejected"]])
        }
    }

    @Test func theServersOwnTokenCountsResizeLaterCalls() async throws {
        // A tokenizer that counts twice what the estimate says: the second batch is smaller.
        try await LLMTestSupport.withExtractor(settings: {
            $0.contextTokens = 12_000
            $0.prefilter = false
        }) { llm, extractor in
            await llm.server.setDefault(
                .answer { request in
                    FakeLLMReply.envelope(request.items.map { ($0.id, ExtractionResult.other) })
                })
            await llm.server.countTokens(perCharacters: 1.5)
            let long = (0..<60).map { String(repeating: "we talked about the weather today (\($0)) ", count: 3) }
            _ = await extractor.extract(LLMTestSupport.inputs(Array(long.prefix(30))))
            let first = await llm.server.requests.map(\.items.count)
            _ = await extractor.extract(LLMTestSupport.inputs(Array(long.suffix(30))))
            let second = await llm.server.requests.dropFirst(first.count).map(\.items.count)
            #expect(second.max()! < first.max()!, "\(first) then \(second)")
        }
    }

    @Test func eachCallsSchemaAsksForExactlyItsMessages() async throws {
        // SmolLM2 on llama-server answered {"results": []} to a schema that allowed it.
        try await LLMTestSupport.withExtractor { llm, extractor in
            _ = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            let schema = try #require(await llm.server.requests.first?.body["response_format"]?["json_schema"]?["schema"])
            #expect(schema["properties"]?["results"]?["minItems"] == .integer(4))
            #expect(schema["properties"]?["results"]?["maxItems"] == .integer(4))
            #expect(schema["$defs"]?["result"]?["properties"]?["id"]?["enum"] == .array(["0", "1", "2", "3"].map(JSONValue.string)))
            // The rest is the grammar-safe schema.
            #expect(schema["$defs"]?["posting"] == LLMTestSupport.prompt.serverSchema["$defs"]?["posting"])
        }
    }

    @Test func aServerThatDoesNotSayItsContextAndAnswersContextSizeExceededGetsSmallerCalls() async throws {
        try await LLMTestSupport.withExtractor { llm, extractor in
            // As llama-server behind a proxy that hides /props: the 500 it gave on the first run.
            await llm.server.enqueue(.contextSizeExceeded)
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(outcomes.allSatisfy { $0.value != nil })
            let requests = await llm.server.requests
            try #require(requests.count == 3)
            #expect(requests[0].items.count == 4 && requests[1].items.count == 2)
            #expect((requests[1].maxTokens ?? 0) <= (requests[0].maxTokens ?? 0) / 2)
            #expect(await extractor.totals().failedCalls == 1)
            // Later calls keep the lower max_tokens and the smaller batch.
            _ = await extractor.extract(LLMTestSupport.inputs(Self.messages.map { $0 + "!" }))
            let after = await llm.server.requests.dropFirst(3)
            #expect(after.allSatisfy { $0.items.count <= 2 && ($0.maxTokens ?? 0) <= (requests[0].maxTokens ?? 0) / 2 })
        }
    }

    @Test func vLLMsMaximumContextLengthIsReadAndHeeded() async throws {
        try await LLMTestSupport.withExtractor { llm, extractor in
            await llm.server.enqueue(.maximumContextLength(2048))
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(outcomes.allSatisfy { $0.value != nil })
            let requests = await llm.server.requests
            #expect(requests.dropFirst().allSatisfy { ($0.maxTokens ?? 0) < 2048 })
        }
    }

    @Test func aSlowFirstCallHalvesTheBatchInsteadOfOpeningTheBreaker() async throws {
        // One message may take 2 s, four 2.6 s: the first call (a model loading) takes 6 s.
        try await LLMTestSupport.withExtractor(settings: { $0.requestTimeout = .seconds(2) }) { llm, extractor in
            await llm.server.enqueue(.slow(.seconds(6), then: .rules))
            let started = ContinuousClock.now
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(ContinuousClock.now - started >= .seconds(2.5))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason))")
            let requests = await llm.server.requests
            #expect(requests.prefix(2).map(\.items.count) == [4, 2])
            // The next batches are two at a time at most: the server showed it is slow.
            let before = requests.count
            _ = await extractor.extract(LLMTestSupport.inputs(Self.messages.map { $0 + "?" }))
            #expect(await llm.server.requests.dropFirst(before).allSatisfy { $0.items.count <= 2 })
        }
    }

    @Test func aSlowCallShrinksTheCallsAlreadyPlannedInTheSameBatch() async throws {
        // eval hands 200 messages at once: on the real server the second call of 23 timed out too.
        try await LLMTestSupport.withExtractor(settings: {
            $0.requestTimeout = .seconds(2)
            $0.batchSize = 4
            $0.maxConcurrentRequests = 1
        }) { llm, extractor in
            await llm.server.enqueue(.slow(.seconds(6), then: .rules))
            let eight = Self.messages + Self.messages.map { $0 + "!" }
            let outcomes = await extractor.extract(LLMTestSupport.inputs(eight))
            #expect(outcomes.allSatisfy { $0.value != nil }, "\(outcomes.compactMap(\.failure?.reason))")
            #expect(await llm.server.requests.map(\.items.count) == [4, 2, 2, 2, 2])
        }
    }

    @Test func aProseWrappedAnswerInPlainModeIsRead() async throws {
        try await LLMTestSupport.withExtractor(defaultReply: .proseWrapped, settings: { $0.responseFormat = .plain }) { llm, extractor in
            let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
            #expect(
                outcomes.map(\.pairs) == [["Citadel / onsite"], ["JPMorgan Chase / oa"], ["Databricks / offer"], ["Stripe / rejected"]])
            #expect(await llm.server.requestCount == 1)
        }
    }

    @Test func aStoppedServerFailsFastNamingItsHostAndPort() async throws {
        let baseURL = try await FakeLLM.withRunning(catalog: LLMTestSupport.catalog) { $0.baseURL }
        let port = baseURL.split(separator: ":").last!
        let extractor = LLMExtractor(
            settings: LLMTestSupport.settings(baseURL: baseURL), prompt: LLMTestSupport.prompt, catalog: LLMTestSupport.catalog,
            logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let started = ContinuousClock.now
        let outcomes = await extractor.extract(LLMTestSupport.inputs(Self.messages))
        #expect(ContinuousClock.now - started < .seconds(10))
        let reason = try #require(outcomes[0].failure?.reason)
        #expect(reason.contains("connection refused by 127.0.0.1:\(port)"), "\(reason)")
        #expect(outcomes[0].failure?.retryable == true)
    }
}
