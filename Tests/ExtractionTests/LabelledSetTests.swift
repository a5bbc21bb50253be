import Extraction
import HiringPulseTesting
import Foundation
import JSONSchema
import Testing

/// The rule extractor measured on two hand-labelled sets of recruiting-chat messages:
/// `labelled-messages.jsonl`, the set it was developed against, and `holdout-messages.jsonl`,
/// written separately without sight of the extractor, which says more about unseen chat.
@Suite struct LabelledSetTests {
    struct Labelled {
        var id: String
        var content: String
        var kind: String
        var spam: Bool
        var pairs: Set<String>
    }

    static func load(_ name: String = "labelled-messages.jsonl") throws -> [Labelled] {
        let text = try String(contentsOf: try Fixtures.resource(name), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            let value = try JSONParser.parse(String(line))
            let updates: [JSONValue]
            if case .array(let list) = value["updates"] { updates = list } else { updates = [] }
            return Labelled(
                id: value["id"]?.stringValue ?? "?",
                content: value["content"]?.stringValue ?? "",
                kind: value["kind"]?.stringValue ?? "?",
                spam: value["spam"] == .bool(true),
                pairs: Set(updates.map { "\($0["company"]?.stringValue ?? "?") / \($0["stage"]?.stringValue ?? "?")" }))
        }
    }

    struct Score {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    @Test(arguments: ["labelled-messages.jsonl", "holdout-messages.jsonl"])
    func theSetIsLargeAndVaried(name: String) throws {
        let messages = try Self.load(name)
        #expect(messages.count >= 120)
        #expect(Set(messages.map(\.id)).count == messages.count, "ids are unique")
        #expect(messages.filter { $0.pairs.count >= 2 }.count >= 10, "several companies in one message")
        #expect(messages.filter(\.spam).count >= 10)
        #expect(messages.filter { $0.kind == "job_posting" }.count >= 10)
        #expect(messages.filter { $0.kind == "other" && !$0.spam }.count >= 25)
    }

    @Test(arguments: ["labelled-messages.jsonl", "holdout-messages.jsonl"])
    func ruleExtractorReachesTheF1Floor(name: String) throws {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        let extractor = RuleExtractor(catalog: catalog)
        var pairs = Score()
        var spam = Score()
        var kindsRight = 0
        var misses: [String] = []
        let messages = try Self.load(name)
        for message in messages {
            let result = extractor.classify(message.content)
            let predicted = Set(result.updates.map { "\($0.company) / \($0.stage.rawValue)" })
            pairs.truePositives += predicted.intersection(message.pairs).count
            pairs.falsePositives += predicted.subtracting(message.pairs).count
            pairs.falseNegatives += message.pairs.subtracting(predicted).count
            if predicted != message.pairs {
                misses.append("\(message.id): expected \(message.pairs.sorted()), got \(predicted.sorted()): \(message.content)")
            }
            switch (result.spam, message.spam) {
            case (true, true): spam.truePositives += 1
            case (true, false): spam.falsePositives += 1
            case (false, true): spam.falseNegatives += 1
            case (false, false): break
            }
            if result.kind.rawValue == message.kind { kindsRight += 1 }
        }
        let kindAccuracy = Double(kindsRight) / Double(messages.count)
        print(String(
            format: "rule extractor on %@ (%d messages): (company, stage) precision %.3f recall %.3f F1 %.3f; "
                + "spam F1 %.3f; kind accuracy %.3f",
            name, messages.count, pairs.precision, pairs.recall, pairs.f1, spam.f1, kindAccuracy))
        #expect(pairs.f1 >= 0.85, "\(misses.joined(separator: "\n"))")
        #expect(spam.f1 >= 0.8)
        #expect(kindAccuracy >= 0.85)
    }
}
