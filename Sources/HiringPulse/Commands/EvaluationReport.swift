import Domain
import Extraction
import Foundation
import JSON

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
            ("posting_company_accuracy", .number(r(e.postingCompanyAccuracy))), ("posting_companies", .integer(Int64(e.postingCompanies))),
            ("failures", .integer(Int64(failures.count))),
            ("calls", .integer(Int64(usage.calls))), ("calls_per_message", .number(r(Double(usage.calls) / perMessage))),
            ("repair_calls", .integer(Int64(usage.repairCalls))),
            (
                "tokens",
                .object([
                    ("prompt", .integer(Int64(usage.tokens.prompt))), ("completion", .integer(Int64(usage.tokens.completion))),
                    ("cached", .integer(Int64(usage.tokens.cached))), ("total", .integer(Int64(total))),
                    ("per_message", .number(r(Double(total) / perMessage))),
                ])
            ),
            ("answered_without_call", .integer(Int64(usage.prefiltered + usage.cacheHits))),
            ("ungrounded_companies", .integer(Int64(usage.ungroundedCompanies))),
        ])
    }

    private func f(_ value: Double) -> String { String(format: "%.3f", value) }
    private func f1(_ value: Double) -> String { String(format: "%.1f", value) }
    private func r(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

/// Several evaluations of the same set side by side, one column each: prompt versions compared.
struct EvaluationComparison {
    var reports: [EvaluationReport]

    /// One row: its label and a value per report.
    private var rows: [(String, [String])] {
        func row(_ label: String, _ value: (EvaluationReport) -> String) -> (String, [String]) {
            (label, reports.map(value))
        }
        return [
            row("prompt") { $0.extractor.promptVersion ?? $0.extractor.name },
            row("model") { $0.extractor.model ?? "" },
            row("pairs precision") { f($0.evaluation.pairs.precision) },
            row("pairs recall") { f($0.evaluation.pairs.recall) },
            row("pairs F1") { f($0.evaluation.pairs.f1) },
            row("kind accuracy") { f($0.evaluation.kindAccuracy) },
            row("spam F1") { f($0.evaluation.spam.f1) },
            row("posting fields") { f($0.evaluation.postingFieldAccuracy) },
            row("posting companies") { f($0.evaluation.postingCompanyAccuracy) },
            row("failed messages") { String($0.failures.count) },
            row("calls per message") { f(Double($0.usage.calls) / Double(max(1, $0.evaluation.messages))) },
            row("tokens per message") {
                String(format: "%.1f", Double($0.usage.tokens.prompt + $0.usage.tokens.completion) / Double(max(1, $0.evaluation.messages)))
            },
        ]
    }

    func text(listingMisses: Bool) -> String {
        let messages = reports.first?.evaluation.messages ?? 0
        let dataset = reports.first?.dataset ?? ""
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let widths = reports.indices.map { column in rows.map { $0.1[column].count }.max() ?? 0 }
        var lines = ["\(messages) messages from \(dataset), \(reports.count) prompts"]
        for (label, values) in rows {
            let cells = zip(values, widths).map { value, width in value.padding(toLength: width, withPad: " ", startingAt: 0) }
            lines.append(
                (label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "  "))
                    .trimmingCharacters(in: .whitespaces))
        }
        if listingMisses {
            for report in reports {
                let version = report.extractor.promptVersion ?? report.extractor.name
                lines += report.failures.map { "\(version) failed \($0)" }
                lines += report.evaluation.misses.map { "\(version) miss \($0.id): expected \($0.expected), got \($0.got)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("dataset", .string(reports.first?.dataset ?? "")), ("runs", .array(reports.map(\.json))),
        ])
    }

    private func f(_ value: Double) -> String { String(format: "%.3f", value) }
}
