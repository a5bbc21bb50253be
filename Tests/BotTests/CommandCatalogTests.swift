import Bot
import Daemon
import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Testing

@Suite struct CommandCatalogTests {
    /// The shipped `Commands/` pass Discord's documented rules.
    @Test func theShippedCommandsAreValid() throws {
        let catalog = try CommandCatalog.load(directory: RepositoryFile.path("Commands"))
        #expect(
            catalog.commands.map(\.name) == [
                "alerts", "alias", "correct", "forget-me", "help", "jobs", "me", "reclassify", "stats", "top", "trends",
            ])
        for command in catalog.commands {
            #expect(ApplicationCommandValidator.problems(in: command.json).isEmpty)
        }
        #expect(catalog.command(named: "stats")?.usage == ["/stats [company]"])
    }

    @Test func aBrokenDeclarationFailsTheLoadNamingTheFile() throws {
        let directory = try TemporaryDirectory(prefix: "commands")
        defer { directory.remove() }
        try Data(#"{"name": "Stats", "description": "x"}"#.utf8).write(to: URL(fileURLWithPath: directory.file("stats.json")))
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: directory.file("top.json")))
        #expect {
            try CommandCatalog.load(directory: directory.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("stats.json: name: \"Stats\" must be lowercase") && text.contains("top.json: not valid JSON")
        }
    }

    @Test func theFingerprintFollowsTheDeclarations() throws {
        let stats = ApplicationCommand(json: .object([("name", .string("stats")), ("description", .string("Statistics"))]))
        let other = ApplicationCommand(json: .object([("name", .string("stats")), ("description", .string("Numbers"))]))
        #expect(CommandCatalog(commands: [stats]).fingerprint == CommandCatalog(commands: [stats]).fingerprint)
        #expect(CommandCatalog(commands: [stats]).fingerprint != CommandCatalog(commands: [other]).fingerprint)
    }
}

@Suite struct CompanyLookupTests {
    let lookup: CompanyLookup

    init() throws {
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        lookup = CompanyLookup(catalog: catalog, storedNames: catalog.definitions.map(\.name) + ["Acme Robotics"])
    }

    @Test func aliasesAndStoredNamesResolve() throws {
        #expect(try lookup.resolve("jpmc") == "JPMorgan Chase")
        #expect(try lookup.resolve("acme robotics") == "Acme Robotics")
    }

    @Test func anUnknownNameSuggestsTheClosestKnownOnes() {
        #expect(throws: CommandError.self) { try lookup.resolve("Citadell") }
        #expect(lookup.closestNames(to: "Citadell").first == "Citadel")
        #expect(lookup.closestNames(to: "Databrick") == ["Databricks"])
        #expect(lookup.closestNames(to: "zzzzzzzz").isEmpty)
    }

    @Test func anAmbiguousAliasNamesTheCandidates() {
        #expect {
            try lookup.resolve("MS")
        } throws: { error in
            "\(error)".contains("Microsoft") && "\(error)".contains("Morgan Stanley")
        }
    }

    @Test func suggestionsPutPrefixesFirst() {
        let names = lookup.suggestions(for: "cit")
        #expect(names.prefix(2) == ["Citadel", "Citadel Securities"])
        #expect(names.count <= 25)
    }
}
