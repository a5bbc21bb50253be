import ArgumentParser
import Bot
import Domain
import Extraction
import Foundation
import JSON

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure an extractor against a labelled set of messages.",
        discussion: """
            Each line of the dataset is {"id", "content", "label": {"kind", "spam", "updates", "posting"}},
            the label in the extraction contract's shape (its fields may also sit beside "content").
            Prints precision, recall and F1 of (company, stage) pairs, kind accuracy, spam precision
            and recall, posting-field accuracy, and calls and tokens per message. Nothing is written
            to the database. Compare prompts, models and the rule extractor with it:

              hiringpulse eval --dataset labelled.jsonl --extractor rules
              HIRINGPULSE_LLM_MODEL=gpt-4o hiringpulse eval --dataset labelled.jsonl --extractor llm --json

            The model named is the one the server says it runs. With --prompt given more than
            once, each prompt file is measured on the same set in turn, and the figures are
            printed side by side, one column per prompt version:

              hiringpulse eval --dataset labelled.jsonl --extractor llm --prompt prompts/extract.v1.md --prompt prompts/extract.v2.md

            When any message failed, the figures are printed and the command exits with status 1.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The labelled messages (JSON Lines).", valueName: "file"))
    var dataset: String

    @Option(help: "Which extractor to measure: rules or llm (default: extraction.extractor).")
    var extractor: ExtractorKind?

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Flag(help: "List the messages whose (company, stage) pairs differ from the label.")
    var misses = false

    @Option(
        name: .customLong("prompt"),
        help: ArgumentHelp(
            "A system prompt to measure instead of llm.prompt_file; given more than once, the prompts are compared side by side.",
            valueName: "file"))
    var prompts: [String] = []

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let kind = self.extractor ?? config.extractor
        if !prompts.isEmpty && kind != .llm {
            throw fail("eval: --prompt measures the llm extractor; add --extractor llm")
        }
        let catalog = try AppContext.loadCatalog(config)
        let messages = try Self.load(dataset)
        var reports: [EvaluationReport] = []
        for promptFile in prompts.isEmpty ? [nil] : prompts.map(Optional.some) {
            var config = config
            if let promptFile { config[.llmPromptFile] = promptFile }
            let extractor = try AppContext.extractor(kind, config: config, catalog: catalog)
            reports.append(await evaluate(extractor, on: messages, batchSize: config.extractionBatchSize, catalog: catalog))
        }
        if reports.count == 1 {
            print(json ? reports[0].json.serialized : reports[0].text(listingMisses: misses))
        } else {
            let comparison = EvaluationComparison(reports: reports)
            print(json ? comparison.json.serialized : comparison.text(listingMisses: misses))
        }
        if let failed = reports.first(where: { !$0.failures.isEmpty }) {
            let which = reports.count > 1 ? " with \(failed.extractor.promptVersion ?? "a prompt")" : ""
            throw fail("eval: \(failed.failures.count) of \(messages.count) messages failed\(which); the first: \(failed.failures[0])")
        }
    }

    /// Runs `extractor` over the set in batches of `extraction.batch_size`, as the bot would.
    private func evaluate(
        _ extractor: any Extractor, on messages: [LabelledMessage], batchSize: Int, catalog: CompanyCatalog
    ) async -> EvaluationReport {
        var evaluation = ExtractionEvaluation(catalog: catalog)
        var failures: [String] = []
        let size = max(1, batchSize)
        for start in stride(from: 0, to: messages.count, by: size) {
            let batch = messages[start..<min(start + size, messages.count)]
            let outcomes = await extractor.extract(batch.map { ExtractionInput(id: $0.id, content: $0.content) })
            for (message, outcome) in zip(batch, outcomes) {
                switch outcome.result {
                case .success(let answer):
                    evaluation.add(id: message.id, label: message.label, answer: answer)
                case .failure(let failure):
                    evaluation.add(id: message.id, label: message.label, answer: nil)
                    failures.append("\(message.id): \(failure.reason)")
                }
            }
        }
        let usage = await (extractor as? LLMExtractor)?.totals() ?? LLMUsageTotals()
        var info = extractor.info
        if let llm = extractor as? LLMExtractor, let served = await llm.servedModel() { info.model = served }
        return EvaluationReport(dataset: dataset, extractor: info, evaluation: evaluation, usage: usage, failures: failures)
    }

    static func load(_ path: String) throws -> [LabelledMessage] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw fail("eval: cannot read the dataset \(path)")
        }
        var messages: [LabelledMessage] = []
        var ids: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                let message = try LabelledMessage.parse(String(line), number: index + 1)
                guard ids.insert(message.id).inserted else { throw fail("eval: \(path):\(index + 1): id \(message.id) appears twice") }
                messages.append(message)
            } catch let error as LabelledMessage.LineError {
                throw fail("eval: \(path): \(error.description)")
            }
        }
        guard !messages.isEmpty else { throw fail("eval: \(path) holds no labelled messages") }
        return messages
    }
}
