import ArgumentParser
import Bot
import Domain
import Extraction
import JSON
import Store

struct CompaniesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "companies",
        abstract: "Companies members name that the catalog does not know: suggest them, add them.",
        subcommands: [Suggest.self, Add.self]
    )

    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unknown names that members report stages at, most members first, with examples.",
            discussion: """
                A name outside the company catalog in a stage report ("final round at Quokka tmrw")
                counts in no statistic; it is recorded apart and listed here once enough distinct
                members used it (companies.suggest_min_members). Add one with `companies add`.

                Example:
                  hiringpulse companies suggest --min-members 2
                """
        )

        @OptionGroup var options: ConfigOptions

        @Option(help: "Only names reported by at least N distinct members (default: companies.suggest_min_members).")
        var minMembers: Int?

        @Flag(help: "Print one JSON object per name.")
        var json = false

        func validate() throws {
            if let minMembers, minMembers < 1 { throw ValidationError("--min-members must be at least 1") }
        }

        func run() async throws {
            let context = try await AppContext.open(options)
            let threshold = minMembers ?? context.config.suggestMinMembers
            let suggestions = try await context.store.companies.unknownSuggestions(minMembers: threshold, limit: 100) { name in
                if case .unknown = context.catalog.resolve(name) { return false }
                return true
            }
            for suggestion in suggestions {
                if json {
                    print(
                        JSONValue.object([
                            ("name", .string(suggestion.name)), ("members", .integer(Int64(suggestion.members))),
                            ("messages", .integer(Int64(suggestion.mentions))),
                            ("examples", .array(suggestion.examples.map(JSONValue.string))),
                        ]).serialized)
                } else {
                    let messages = suggestion.mentions == 1 ? "1 message" : "\(suggestion.mentions) messages"
                    print("\(suggestion.name)  \(suggestion.members) members, \(messages)")
                    for example in suggestion.examples { print("    \"\(example)\"") }
                }
            }
            if !json {
                if suggestions.isEmpty {
                    print("No unknown company reported by \(threshold) or more members.")
                } else {
                    print("Add one with: hiringpulse companies add NAME (or --alias-of COMPANY)")
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a name a company of its own, or an alias of a known company.",
            discussion: """
                New messages count for it at once (a running daemon after its restart, or at once
                through /alias suggest). Messages stored before keep what they were extracted as: the
                command says how many reported a stage under the name, and how to count them.

                Examples:
                  hiringpulse companies add Quokka
                  hiringpulse companies add "JPMC Inc" --alias-of "JPMorgan Chase"
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The name, as members write it.")
        var name: String

        @Option(help: "Make the name an alias of this company instead of a company of its own.")
        var aliasOf: String?

        func run() async throws {
            let context = try await AppContext.open(options)
            let added: CompanyAddition.Added
            do {
                added = try await CompanyAddition.add(name, aliasOf: aliasOf, store: context.store, catalog: context.catalog)
            } catch let error as CommandError {
                throw fail("companies add: \(error.description)")
            }
            try await context.store.audit(
                AuditEntry(
                    at: Timestamp.now(), actorHash: nil, action: aliasOf == nil ? "company-add" : "alias-add", target: name,
                    details: aliasOf.map { JSONValue.object([("company", .string($0))]).serialized }))
            print(added.summary)
            if added.moved > 0 { print("\(added.moved) stage updates stored under it moved over.") }
            print(Self.hint(pastMessages: added.pastMessages))
        }

        static func hint(pastMessages: Int) -> String {
            guard pastMessages > 0 else { return "No stored message waits for it; new messages count for it." }
            let messages =
                pastMessages == 1
                ? "1 stored message reports a stage there and counts" : "\(pastMessages) stored messages report a stage there and count"
            return "\(messages) for it once reclassified: hiringpulse reclassify --scope all"
        }
    }
}
