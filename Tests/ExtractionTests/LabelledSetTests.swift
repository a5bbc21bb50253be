import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Testing

/// The rule extractor measured on hand-labelled recruiting-chat messages. The three development
/// sets are the ones it was written and tuned against — `development-messages-2.jsonl` was meant
/// as a held-out set, but the rules were changed while looking at it, so it is one no more — and
/// `development-traps.jsonl` holds the traps of real chat: companies named by ordinary words in
/// lower case, idioms with those words, postings by companies outside the catalog and postings that
/// name technologies. `heldout-messages.jsonl` was written by someone who never saw the extractor,
/// and run once; its floor is under that first figure, and the extractor must not be tuned to it.
/// The figures are those of `hiringpulse eval`, from the same `ExtractionEvaluation`.
@Suite struct LabelledSetTests {
    static let developmentSets = ["development-messages.jsonl", "development-messages-2.jsonl", "development-traps.jsonl"]

    static func load(_ name: String = "development-messages.jsonl") throws -> [LabelledMessage] {
        let text = try String(contentsOf: try Fixtures.resource(name), encoding: .utf8)
        return try text.split(separator: "\n").enumerated().filter { !$0.element.allSatisfy(\.isWhitespace) }.map { index, line in
            try LabelledMessage.parse(String(line), number: index + 1)
        }
    }

    @Test(arguments: ["development-messages.jsonl", "development-messages-2.jsonl", "heldout-messages.jsonl"])
    func theSetIsLargeAndVaried(name: String) throws {
        let messages = try Self.load(name)
        #expect(messages.count >= 120)
        #expect(Set(messages.map(\.id)).count == messages.count, "ids are unique")
        #expect(messages.filter { Set($0.label.updates.map(\.company)).count >= 2 }.count >= 10, "several companies in one message")
        #expect(messages.filter(\.label.spam).count >= 10)
        #expect(messages.filter { $0.label.kind == .jobPosting }.count >= 10)
        #expect(messages.filter { $0.label.kind == .other && !$0.label.spam }.count >= 25)
    }

    /// The development sets together, with floors just under what they measure (F1 0.989,
    /// precision 0.996, kinds 0.986, posting companies 1.000, posting fields 0.908).
    @Test func ruleExtractorReachesItsDevelopmentFloors() throws {
        let evaluation = try Self.evaluate(Self.developmentSets)
        #expect(evaluation.pairs.f1 >= 0.98 && evaluation.pairs.precision >= 0.99, "\(Self.misses(evaluation, Self.developmentSets))")
        #expect(evaluation.spam.f1 >= 0.99)
        #expect(evaluation.kindAccuracy >= 0.98)
        #expect(evaluation.postingCompanyAccuracy >= 0.97)
        #expect(evaluation.postingFieldAccuracy >= 0.88)
    }

    /// The held-out set's first and only run (rules at c6831be): F1 0.888 (precision 0.958, recall
    /// 0.827), kinds 0.901, spam F1 0.471, posting companies 0.844, posting fields 0.815. The floors
    /// sit just under it, to catch a regression; the misses are not listed, so that nobody tunes
    /// the rules to them. The next improvement is measured on a newer held-out set.
    @Test func ruleExtractorHoldsItsHeldOutFigures() throws {
        let evaluation = try Self.evaluate(["heldout-messages.jsonl"])
        #expect(evaluation.pairs.f1 >= 0.88)
        #expect(evaluation.pairs.precision >= 0.95)
        #expect(evaluation.kindAccuracy >= 0.89)
        #expect(evaluation.spam.f1 >= 0.45)
        #expect(evaluation.postingCompanyAccuracy >= 0.84)
        #expect(evaluation.postingFieldAccuracy >= 0.80)
    }

    /// No posting's company is a technology: "Node.js + AWS backend engineer at Marlowe Labs" is
    /// Marlowe Labs', and "Azure + .NET developer at Contoso Health" is not Microsoft's.
    @Test func noPostingsCompanyIsATechnology() throws {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        let extractor = RuleExtractor(catalog: catalog)
        for name in Self.developmentSets {
            for message in try Self.load(name) where message.label.kind == .jobPosting {
                guard let company = extractor.classify(message.content).posting?.company, company != message.label.posting?.company
                else { continue }
                let technology = ["Amazon", "Microsoft", "Google", "Snowflake", "Confluent", "Databricks"].contains(company)
                #expect(!technology, "\(message.id): \(company) for \(message.content)")
            }
        }
    }

    static func misses(_ evaluation: ExtractionEvaluation, _ names: [String]) -> String {
        let contents = Dictionary(
            names.flatMap { (try? load($0)) ?? [] }.map { ($0.id, $0.content) }, uniquingKeysWith: { first, _ in first })
        return evaluation.misses.map { "\($0.id): expected \($0.expected), got \($0.got): \(contents[$0.id] ?? "")" }.joined(
            separator: "\n")
    }

    static func evaluate(_ names: [String]) throws -> ExtractionEvaluation {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        let extractor = RuleExtractor(catalog: catalog)
        var evaluation = ExtractionEvaluation(catalog: catalog)
        let messages = try names.flatMap { try Self.load($0) }
        let name = names.joined(separator: " + ")
        for message in messages {
            evaluation.add(id: message.id, label: message.label, answer: extractor.classify(message.content))
        }
        print(
            String(
                format: "rule extractor on %@ (%d messages): (company, stage) precision %.3f recall %.3f F1 %.3f; "
                    + "spam F1 %.3f; kind accuracy %.3f; posting company %.3f (%d of %d), posting fields %.3f",
                name, messages.count, evaluation.pairs.precision, evaluation.pairs.recall, evaluation.pairs.f1, evaluation.spam.f1,
                evaluation.kindAccuracy, evaluation.postingCompanyAccuracy, evaluation.postingCompaniesRight, evaluation.postingCompanies,
                evaluation.postingFieldAccuracy))
        return evaluation
    }
}
