import ArgumentParser
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Logging
import Support

struct LLMBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Tokens per message and calls per 1,000 messages of the LLM extractor, batched and one message per call.",
        discussion: """
            Generates --messages messages of typical recruiting chat (reports with aliases, questions,
            chatter, postings, spam), or reads the `content` of each line of --dataset, and classifies them with the LLM extractor against the fake
            OpenAI-compatible server, which answers from the rule extractor and counts about four
            characters a token, the system prompt cached from its second use as providers do. Runs
            three ways: `naive` (one message a call, no pre-filter, no repeat cache), `one_per_call`
            (one message a call, pre-filter and cache on) and `batched` (--batch messages a call, the
            default configuration). Prints the figures of each as JSON.

            Example: swift run -c release hiringpulse-bench llm --messages 1000
            """
    )

    @Option(help: "Messages to classify.")
    var messages = 1_000

    @Option(help: ArgumentHelp("Classify the `content` of these JSON Lines instead of generated chat.", valueName: "file"))
    var dataset: String?

    @Option(help: "Messages per call in the batched run (llm.batch_size).")
    var batch = 25

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    @Option(help: "The system prompt.")
    var prompt = "prompts/extract.v1.md"

    @Option(help: "The answer schema.")
    var schema = "prompts/extract.schema.json"

    func run() async throws {
        let catalog = try CompanyCatalog.load(contentsOf: companies)
        let prompt = try ExtractionPrompt.load(promptFile: self.prompt, schemaFile: schema)
        var generated: [ExtractionInput] = []
        if let dataset {
            let lines = try String(contentsOfFile: dataset, encoding: .utf8).split(separator: "\n")
            for (index, line) in lines.enumerated() {
                guard let content = try JSONParser.parse(String(line))["content"]?.stringValue else { continue }
                generated.append(ExtractionInput(id: String(index), content: content))
            }
        } else {
            try ChatExportGenerator().forEachMessage(count: messages * 2) { spec in
                guard generated.count < messages, !spec.isBot, spec.type == "Default", !spec.content.isEmpty else { return }
                generated.append(ExtractionInput(id: String(spec.id), content: spec.content))
            }
        }
        let inputs = generated
        let runs: [(name: String, batchSize: Int, savings: Bool)] = [
            ("naive", 1, false), ("one_per_call", 1, true), ("batched", batch, true),
        ]
        var figures: [(key: String, value: JSONValue)] = [("benchmark", .string("llm")), ("messages", .integer(Int64(inputs.count)))]
        var tokensPerMessage: [String: Double] = [:]
        for run in runs {
            let result = try await FakeLLM.withRunning(catalog: catalog) { llm in
                let settings = LLMSettings(
                    baseURL: llm.baseURL, model: "fake-model", batchSize: run.batchSize, maxConcurrentRequests: 4,
                    cacheCapacity: run.savings ? 10_000 : 0, prefilter: run.savings)
                let extractor = LLMExtractor(
                    settings: settings, prompt: prompt, catalog: catalog, httpClient: llm.httpClient,
                    logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
                let started = ContinuousClock.now
                var failed = 0
                // 200 at a time, as the daemon's extraction worker claims them.
                for start in stride(from: 0, to: inputs.count, by: 200) {
                    let outcomes = await extractor.extract(Array(inputs[start..<min(start + 200, inputs.count)]))
                    failed += outcomes.filter { if case .failure = $0.result { true } else { false } }.count
                }
                return (await extractor.totals(), ContinuousClock.now - started, failed)
            }
            let (totals, elapsed, failed) = result
            let count = Double(max(1, inputs.count))
            let total = Double(totals.tokens.prompt + totals.tokens.completion)
            tokensPerMessage[run.name] = total / count
            figures.append(
                (
                    run.name,
                    .object([
                        ("batch_size", .integer(Int64(run.batchSize))),
                        ("calls", .integer(Int64(totals.calls))),
                        ("calls_per_1000_messages", .number(round3(Double(totals.calls) / count * 1000))),
                        ("tokens_per_message", .number(round3(total / count))),
                        ("prompt_tokens_per_message", .number(round3(Double(totals.tokens.prompt) / count))),
                        ("cached_prompt_tokens_per_message", .number(round3(Double(totals.tokens.cached) / count))),
                        ("completion_tokens_per_message", .number(round3(Double(totals.tokens.completion) / count))),
                        ("answered_without_call", .integer(Int64(totals.prefiltered + totals.cacheHits))),
                        ("prefiltered", .integer(Int64(totals.prefiltered))),
                        ("repeats", .integer(Int64(totals.cacheHits))),
                        ("failed_messages", .integer(Int64(failed))),
                        ("seconds", .number(round3(elapsed.seconds))),
                    ])
                ))
        }
        if let batched = tokensPerMessage["batched"], let single = tokensPerMessage["one_per_call"], let naive = tokensPerMessage["naive"] {
            figures.append(("batched_tokens_vs_one_per_call", .number(round3(batched / max(1, single)))))
            figures.append(("batched_tokens_vs_naive", .number(round3(batched / max(1, naive)))))
        }
        print(JSONValue.object(figures).serialized)
    }
}
