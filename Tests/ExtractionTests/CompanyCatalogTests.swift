import Domain
import Extraction
import HiringPulseTesting
import Testing

@Suite struct CompanyCatalogTests {
    static let catalog = try! CompanyCatalog([
        CompanyDefinition(name: "JPMorgan Chase", category: "finance", aliases: ["JPMC", "JP Morgan", "J.P. Morgan"], strict: ["Chase"]),
        CompanyDefinition(name: "Microsoft", category: "tech", aliases: ["MSFT", "MS"]),
        CompanyDefinition(name: "Morgan Stanley", category: "finance", aliases: ["MS"]),
        CompanyDefinition(name: "D. E. Shaw", category: "quant", aliases: ["DE Shaw", "DESCO"]),
        CompanyDefinition(name: "Meta", category: "tech", aliases: ["FB", "Facebook"], strict: ["Meta"]),
    ])

    @Test(arguments: [
        ("JPMC", "JPMorgan Chase"), ("jp morgan", "JPMorgan Chase"), ("J.P. Morgan", "JPMorgan Chase"),
        ("j.p.morgan", "JPMorgan Chase"), ("Chase", "JPMorgan Chase"), ("msft", "Microsoft"),
        ("DE Shaw", "D. E. Shaw"), ("d.e. shaw", "D. E. Shaw"), ("DESCO", "D. E. Shaw"), ("facebook", "Meta"),
        ("  Meta ", "Meta"),
    ])
    func aliasesResolveIgnoringCaseAndPunctuation(alias: String, canonical: String) {
        #expect(Self.catalog.resolve(alias) == .known(canonical))
    }

    @Test func anAmbiguousAliasIsNotGuessed() {
        #expect(Self.catalog.resolve("MS") == .ambiguous(["Microsoft", "Morgan Stanley"]))
    }

    @Test func anUnknownNameIsKeptAsWrittenTrimmed() {
        #expect(Self.catalog.resolve("  Acme Robotics ") == .unknown("Acme Robotics"))
    }

    @Test func duplicateCanonicalNamesAreRejected() {
        #expect(throws: CompanyCatalogError.self) {
            try CompanyCatalog([CompanyDefinition(name: "Google"), CompanyDefinition(name: "google")])
        }
    }

    @Test func invalidYAMLIsAOneLineError() {
        #expect {
            try CompanyCatalog.load(yaml: "companies:\n  - name: [oops\n")
        } throws: { error in
            "\(error)".hasPrefix("invalid company alias map") && !"\(error)".contains("\n")
        }
    }

    @Test func mentionsFindMultiWordAliasesAndRespectStrictCase() {
        func mentioned(_ text: String) -> [CompanyResolution] {
            Self.catalog.mentions(in: TextTokenizer.tokenize(text)).map(\.resolution)
        }
        #expect(mentioned("got the OA from J.P. Morgan and DE Shaw") == [.known("JPMorgan Chase"), .known("D. E. Shaw")])
        #expect(mentioned("Chase superday tomorrow") == [.known("JPMorgan Chase")])
        // Lower-case common words are not companies.
        #expect(mentioned("i'll chase the recruiter, that's so meta") == [])
    }

    @Test func theShippedAliasMapLoadsAndCoversTheIssueExamples() throws {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        #expect(catalog.definitions.count >= 150)
        let examples = [
            "JPMC": "JPMorgan Chase", "JP Morgan": "JPMorgan Chase", "J.P. Morgan": "JPMorgan Chase",
            "Chase": "JPMorgan Chase", "GS": "Goldman Sachs", "Goldman": "Goldman Sachs", "FB": "Meta",
            "Facebook": "Meta", "HRT": "Hudson River Trading", "Cap One": "Capital One", "C1": "Capital One",
            "BofA": "Bank of America", "MSFT": "Microsoft", "DE Shaw": "D. E. Shaw", "DESCO": "D. E. Shaw",
        ]
        for (alias, canonical) in examples {
            #expect(catalog.resolve(alias) == .known(canonical), "\(alias)")
        }
        #expect(catalog.resolve("ms") == .ambiguous(["Microsoft", "Morgan Stanley"]))
        for category in ["tech", "quant", "finance"] {
            #expect(catalog.definitions.filter { $0.category == category }.count >= 20, "\(category)")
        }
    }
}
