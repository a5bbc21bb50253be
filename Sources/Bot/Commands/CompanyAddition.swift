public import Domain
import Extraction
import Foundation
public import Store

/// Adds a name that members use to the catalog in one step, as a company of its own or as an alias
/// of a known one: what `companies add` and `/alias suggest`'s buttons do. Past messages keep what
/// they were extracted as until they are reclassified; the answer says how many that concerns.
public enum CompanyAddition {
    public struct Added: Sendable, Hashable {
        /// "Quokka is now a company." or "\"JPMC Inc\" now means JPMorgan Chase."
        public var summary: String
        /// Stored messages that reported a stage under the name and count only once reclassified.
        public var pastMessages: Int
        /// Stage updates stored under a discovered company of that name that now count for it.
        public var moved: Int
    }

    /// Adds `name` (as a company, or as an alias of `company`) to the store; the caller reloads its
    /// live catalog. A name the catalog already knows, or an unknown target, is a clear refusal.
    public static func add(_ name: String, aliasOf company: String? = nil, store: Store, catalog: CompanyCatalog) async throws -> Added {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !CompanyCatalog.key(name).isEmpty, name.count <= 100 else {
            throw CommandError("A company name needs letters or digits, at most 100 characters.")
        }
        switch catalog.resolve(name) {
        case .known(let existing):
            throw CommandError("\"\(name)\" already means \(existing).")
        case .ambiguous(let names):
            throw CommandError("\"\(name)\" already names \(names.joined(separator: " and ")).")
        case .unknown:
            break
        }
        let summary: String
        let moved: Int
        if let company {
            guard case .known(let target) = catalog.resolve(company) else {
                throw CommandError("No company \"\(company)\" in the catalog to make \"\(name)\" an alias of.")
            }
            moved = try await store.companies.addAlias(name, company: target)
            summary = "\"\(name)\" now means \(target)."
        } else {
            let before = try await store.companies.company(named: name)
            guard try await store.companies.add(name) else {
                throw CommandError("\(name) is already a company.")
            }
            moved = 0
            summary = before == nil ? "\(name) is now a company." : "\(name) is now a company; what was stored under it counts for it."
        }
        return Added(
            summary: summary, pastMessages: try await store.companies.unknownMessageCount(key: CompanyCatalog.key(name)), moved: moved)
    }
}
