import Domain
import JSON
import Testing

@testable import Extraction

@Suite struct CallBudgetTests {
    static func inputs(_ count: Int, length: Int = 60) -> [ExtractionInput] {
        (0..<count).map { ExtractionInput(id: String($0), content: String(repeating: "a", count: length)) }
    }

    @Test func batchesStopAtTheBatchSizeAndAtTheContext() {
        let roomy = CallBudget(contextTokens: 128_000, maxOutputTokens: 8192, batchSize: 25, fixedPromptTokens: 2000)
        #expect(roomy.batches(Self.inputs(60)).map(\.count) == [25, 25, 10])
        // 2,000 fixed + 256 margin leave 1,840 of 4,096; each message costs 18 + 16 + 160.
        let small = CallBudget(contextTokens: 4096, maxOutputTokens: 8192, batchSize: 25, fixedPromptTokens: 2000)
        let batches = small.batches(Self.inputs(30))
        #expect(batches.map(\.count) == [9, 9, 9, 3])
        #expect(batches.flatMap { $0 }.map(\.id) == (0..<30).map(String.init))
        // A message longer than the context goes alone.
        #expect(small.batches(Self.inputs(3, length: 20_000)).map(\.count) == [1, 1, 1])
    }

    @Test func maxTokensIsWhatTheContextLeaves() {
        let budget = CallBudget(contextTokens: 8192, maxOutputTokens: 8192, batchSize: 25, fixedPromptTokens: 0)
        #expect(budget.maxTokens(promptTokens: 3000, messages: 25) == 8192 - 3000 - 256)
        #expect(
            CallBudget(contextTokens: 128_000, maxOutputTokens: 4096, batchSize: 25, fixedPromptTokens: 0).maxTokens(
                promptTokens: 3000, messages: 25) == 4096)
        #expect(budget.maxTokens(promptTokens: 9000, messages: 25) == CallBudget.leastOutputTokens)
        var unset = budget
        unset.maxOutputTokens = 0
        #expect(unset.maxTokens(promptTokens: 1000, messages: 25) == 0)
        #expect(unset.maxTokens(promptTokens: 6000, messages: 25) == 8192 - 6000 - 256)
    }

    @Test func maxTokensAllowsEachMessageOfTheCallItsShare() {
        // A rambling model is cut off after about 384 tokens a message, not at 8,192.
        let budget = CallBudget(
            contextTokens: 128_000, maxOutputTokens: 8192, batchSize: 25, fixedPromptTokens: 0, outputTokensPerMessage: 384)
        #expect(budget.maxTokens(promptTokens: 3000, messages: 1) == 384 + 64)
        #expect(budget.maxTokens(promptTokens: 3000, messages: 5) == 5 * 384 + 64)
        #expect(budget.maxTokens(promptTokens: 3000, messages: 25) == 8192)
        var unset = budget
        unset.maxOutputTokens = 0
        #expect(unset.maxTokens(promptTokens: 3000, messages: 2) == 2 * 384 + 64)
    }

    @Test func callsThatShareTheContextAreEachSizedForTheirShare() {
        // llama-server's 4 slots on one unified KV cache of 8,192, two calls in flight.
        let shared = CallBudget(contextTokens: 8192, maxOutputTokens: 8192, batchSize: 25, fixedPromptTokens: 2000, sharedBy: 2)
        #expect(shared.callContextTokens == 4096)
        #expect(shared.maxTokens(promptTokens: 3000, messages: 25) == 4096 - 3000 - 256)
        // 2,000 fixed + 256 margin leave 1,840 of 4,096: 9 messages of 194 tokens each.
        #expect(shared.batches(Self.inputs(10)).map(\.count) == [9, 1])
        // A tokenizer counting half as many again as the estimate: fewer messages fit.
        var finer = shared
        finer.tokenScale = 1.5
        #expect(finer.batches(Self.inputs(10)).first!.count < 9)
        #expect(finer.maxTokens(promptTokens: 2000, messages: 25) == 4096 - 3000 - 256)
    }

    @Test func aServerSaysItsContextAtPropsOrModels() throws {
        var facts = ServerFacts()
        facts.read(
            props: try JSONParser.parse(
                #"{"default_generation_settings": {"id": 0, "n_ctx": 4096, "params": {"n_predict": -1}}, "total_slots": 1, "model_path": "/m/SmolLM2.gguf", "build_info": "b6423-5f3ea4e6"}"#
            ))
        facts.read(
            models: try JSONParser.parse(
                #"{"object": "list", "data": [{"id": "SmolLM2.gguf", "object": "model", "owned_by": "llamacpp", "meta": {"n_ctx_train": 8192}}]}"#
            ))
        #expect(facts == ServerFacts(contextTokens: 4096, model: "SmolLM2.gguf", version: "b6423-5f3ea4e6", slots: 1))
        var vllm = ServerFacts()
        vllm.read(
            models: try JSONParser.parse(
                #"{"object": "list", "data": [{"id": "Qwen/Qwen2.5-1.5B-Instruct", "object": "model", "max_model_len": 32768}]}"#))
        #expect(vllm == ServerFacts(contextTokens: 32768, model: "Qwen/Qwen2.5-1.5B-Instruct"))
        var openAI = ServerFacts()
        openAI.read(models: try JSONParser.parse(#"{"object": "list", "data": [{"id": "gpt-4o-mini"}, {"id": "gpt-4o"}]}"#))
        #expect(openAI == ServerFacts())
    }

    @Test func anAnswerInProseOrAFenceIsUnwrapped() {
        let json = #"{"results": []}"#
        #expect(ModelAnswer.jsonText(in: json) == json)
        #expect(ModelAnswer.jsonText(in: "```json\n\(json)\n```") == json)
        #expect(ModelAnswer.jsonText(in: "Here is the {classification} you asked for:\n```JSON\n\(json)\n```\nHope it helps {:}") == json)
        #expect(ModelAnswer.jsonText(in: "Sure! \(json) Done.") == json)
        #expect(ModelAnswer.jsonText(in: "```\n\(json)\n```") == json)
    }
}

extension CallBudget {
    /// `inputs` cut in order into the calls the extractor would send, one after another.
    fileprivate func batches(_ inputs: [ExtractionInput]) -> [[ExtractionInput]] {
        var batches: [[ExtractionInput]] = []
        var rest = inputs[...]
        while !rest.isEmpty {
            let count = firstBatchCount(rest)
            batches.append(Array(rest.prefix(count)))
            rest = rest.dropFirst(count)
        }
        return batches
    }
}
