import ArgumentParser
import Bot
import Extraction
import Foundation
import JSONSchema

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

            The model named is the one the server says it runs. When any message failed, the
            figures are printed and the command exits with status 1.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The labelled messages (JSON Lines).", valueName: "file"))
    var dataset: String

    @Option(help: "Which extractor to measure: rules or llm (default: extraction.extractor).")
    var extractor: ExtractorChoice?

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Flag(help: "List the messages whose (company, stage) pairs differ from the label.")
    var misses = false

    func run() async throws {
        let config = try await AppContext.loadConfig(options)
        let catalog = try AppContext.loadCatalog(config)
        let messages = try Self.load(dataset)
        let extractor = try AppContext.extractor(self.extractor?.rawValue ?? config.extractor, config: config, catalog: catalog)

        var evaluation = ExtractionEvaluation(catalog: catalog)
        var failures: [String] = []
        let batchSize = max(1, config.extractionBatchSize)
        for start in stride(from: 0, to: messages.count, by: batchSize) {
            let batch = messages[start..<min(start + batchSize, messages.count)]
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
        let report = EvaluationReport(
            dataset: dataset, extractor: info, evaluation: evaluation, usage: usage, failures: failures)
        print(json ? report.json.serialized : report.text(listingMisses: misses))
        if !failures.isEmpty {
            throw fail("eval: \(failures.count) of \(messages.count) messages failed; the first: \(failures[0])")
        }
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

/// The figures of one evaluation, as text or JSON.
struct EvaluationReport {
    var dataset: String
    var extractor: ExtractorInfo
    var evaluation: ExtractionEvaluation
    var usage: LLMUsageTotals
    var failures: [String]

    private var perMessage: Double { Double(max(1, evaluation.messages)) }

    func text(listingMisses: Bool) -> String {
        let e = evaluation
        let name = [extractor.name, extractor.model, extractor.promptVersion].compactMap { $0 }.joined(separator: ", ")
        var lines = [
            "\(e.messages) messages from \(dataset), extractor \(name)",
            "(company, stage) pairs  precision \(f(e.pairs.precision))  recall \(f(e.pairs.recall))  F1 \(f(e.pairs.f1))"
                + "  (\(e.pairs.truePositives) right, \(e.pairs.falsePositives) wrong, \(e.pairs.falseNegatives) missed)",
            "kind accuracy          \(f(e.kindAccuracy))",
            "spam                   precision \(f(e.spam.precision))  recall \(f(e.spam.recall))  F1 \(f(e.spam.f1))",
            "posting fields         \(f(e.postingFieldAccuracy))  (\(e.postingFieldsRight) of \(e.postingFields) right)",
            "posting companies      \(f(e.postingCompanyAccuracy))  (\(e.postingCompaniesRight) of \(e.postingCompanies) right)",
            "failed messages        \(failures.count)",
            "calls                  \(usage.calls)  (\(f(Double(usage.calls) / perMessage)) per message, \(usage.repairCalls) repairs)",
            "tokens                 \(usage.tokens.prompt + usage.tokens.completion)  (\(f1(Double(usage.tokens.prompt + usage.tokens.completion) / perMessage)) per message: "
                + "\(usage.tokens.prompt) prompt of which \(usage.tokens.cached) cached, \(usage.tokens.completion) completion)",
            "no call needed         \(usage.prefiltered + usage.cacheHits)  (\(usage.prefiltered) chatter or injection, \(usage.cacheHits) repeats)",
        ]
        if usage.ungroundedCompanies > 0 { lines.append("companies dropped, not in the message: \(usage.ungroundedCompanies)") }
        if listingMisses {
            lines += failures.map { "failed \($0)" }
            lines += e.misses.map { "miss \($0.id): expected \($0.expected), got \($0.got)" }
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        let e = evaluation
        func counts(_ c: ExtractionEvaluation.Counts) -> JSONValue {
            .object([
                ("precision", .number(r(c.precision))), ("recall", .number(r(c.recall))), ("f1", .number(r(c.f1))),
                ("true_positives", .integer(Int64(c.truePositives))), ("false_positives", .integer(Int64(c.falsePositives))),
                ("false_negatives", .integer(Int64(c.falseNegatives))),
            ])
        }
        let total = usage.tokens.prompt + usage.tokens.completion
        return .object([
            ("dataset", .string(dataset)), ("extractor", .string(extractor.name)), ("model", JSONValue(extractor.model)),
            ("prompt_version", JSONValue(extractor.promptVersion)), ("messages", .integer(Int64(e.messages))),
            ("pairs", counts(e.pairs)), ("kind_accuracy", .number(r(e.kindAccuracy))), ("spam", counts(e.spam)),
            ("posting_field_accuracy", .number(r(e.postingFieldAccuracy))),
            ("posting_fields", .integer(Int64(e.postingFields))),
            ("posting_company_accuracy", .number(r(e.postingCompanyAccuracy))), ("posting_companies", .integer(Int64(e.postingCompanies))), ("failures", .integer(Int64(failures.count))),
            ("calls", .integer(Int64(usage.calls))), ("calls_per_message", .number(r(Double(usage.calls) / perMessage))),
            ("repair_calls", .integer(Int64(usage.repairCalls))),
            ("tokens", .object([
                ("prompt", .integer(Int64(usage.tokens.prompt))), ("completion", .integer(Int64(usage.tokens.completion))),
                ("cached", .integer(Int64(usage.tokens.cached))), ("total", .integer(Int64(total))),
                ("per_message", .number(r(Double(total) / perMessage))),
            ])),
            ("answered_without_call", .integer(Int64(usage.prefiltered + usage.cacheHits))),
            ("ungrounded_companies", .integer(Int64(usage.ungroundedCompanies))),
        ])
    }

    private func f(_ value: Double) -> String { String(format: "%.3f", value) }
    private func f1(_ value: Double) -> String { String(format: "%.1f", value) }
    private func r(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
