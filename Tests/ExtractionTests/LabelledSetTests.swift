import Extraction
import HiringPulseTesting
import Foundation
import JSONSchema
import Testing

/// The rule extractor measured on two hand-labelled sets of recruiting-chat messages:
/// `labelled-messages.jsonl`, the set it was developed against, and `holdout-messages.jsonl`,
/// written separately without sight of the extractor, which says more about unseen chat. The
/// figures are those of `hiringpulse eval`, from the same `ExtractionEvaluation`.
@Suite struct LabelledSetTests {
    static func load(_ name: String = "labelled-messages.jsonl") throws -> [LabelledMessage] {
        let text = try String(contentsOf: try Fixtures.resource(name), encoding: .utf8)
        return try text.split(separator: "\n").enumerated().filter { !$0.element.allSatisfy(\.isWhitespace) }.map { index, line in
            try LabelledMessage.parse(String(line), number: index + 1)
        }
    }

    @Test(arguments: ["labelled-messages.jsonl", "holdout-messages.jsonl"])
    func theSetIsLargeAndVaried(name: String) throws {
        let messages = try Self.load(name)
        #expect(messages.count >= 120)
        #expect(Set(messages.map(\.id)).count == messages.count, "ids are unique")
        #expect(messages.filter { Set($0.label.updates.map(\.company)).count >= 2 }.count >= 10, "several companies in one message")
        #expect(messages.filter(\.label.spam).count >= 10)
        #expect(messages.filter { $0.label.kind == .jobPosting }.count >= 10)
        #expect(messages.filter { $0.label.kind == .other && !$0.label.spam }.count >= 25)
    }

    @Test(arguments: ["labelled-messages.jsonl", "holdout-messages.jsonl"])
    func ruleExtractorReachesTheF1Floor(name: String) throws {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        let extractor = RuleExtractor(catalog: catalog)
        var evaluation = ExtractionEvaluation(catalog: catalog)
        let messages = try Self.load(name)
        for message in messages {
            evaluation.add(id: message.id, label: message.label, answer: extractor.classify(message.content))
        }
        let contents = Dictionary(uniqueKeysWithValues: messages.map { ($0.id, $0.content) })
        let misses = evaluation.misses.map { "\($0.id): expected \($0.expected), got \($0.got): \(contents[$0.id] ?? "")" }
        print(String(
            format: "rule extractor on %@ (%d messages): (company, stage) precision %.3f recall %.3f F1 %.3f; "
                + "spam F1 %.3f; kind accuracy %.3f",
            name, messages.count, evaluation.pairs.precision, evaluation.pairs.recall, evaluation.pairs.f1, evaluation.spam.f1,
            evaluation.kindAccuracy))
        #expect(evaluation.pairs.f1 >= 0.85, "\(misses.joined(separator: "\n"))")
        #expect(evaluation.spam.f1 >= 0.8)
        #expect(evaluation.kindAccuracy >= 0.85)
    }
}
