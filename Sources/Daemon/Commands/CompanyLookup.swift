public import Bot
import Discord
public import Domain
import Extraction

/// Turns what a member typed into a company: canonical names and aliases through the alias map,
/// other stored names as they are, and, for a name nobody knows, the closest known names.
public struct CompanyLookup: Sendable {
    let catalog: CompanyCatalog
    /// Every company name in the store (the alias map's and those extraction found), by key.
    let storedNames: [String: String]

    public init(catalog: CompanyCatalog, storedNames: some Sequence<String>) {
        self.catalog = catalog
        var names: [String: String] = [:]
        for name in storedNames { names[CompanyCatalog.key(name)] = name }
        self.storedNames = names
    }

    /// The company meant by `text`, or an error saying what was meant instead.
    public func resolve(_ text: String) throws(CommandError) -> String {
        switch catalog.resolve(text) {
        case .known(let name): return name
        case .ambiguous(let names):
            throw CommandError("\"\(text)\" could mean \(names.joined(separator: " or ")); pick one from the list.")
        case .unknown(let written):
            guard !written.isEmpty else { throw CommandError("Give a company name.") }
            if let stored = storedNames[CompanyCatalog.key(written)] { return stored }
            let closest = closestNames(to: written)
            let hint = closest.isEmpty ? "" : " Did you mean \(closest.joined(separator: ", "))?"
            throw CommandError("No reports mention \"\(Embed.cut(written, to: 100))\" yet.\(hint)")
        }
    }

    /// Up to `limit` names for autocomplete: names starting with the text first, then names
    /// containing it, then companies whose alias starts with it.
    public func suggestions(for text: String, limit: Int = 25) -> [String] {
        let key = CompanyCatalog.key(text)
        guard !key.isEmpty else { return Array(storedNames.values.sorted().prefix(limit)) }
        var ranked: [(rank: Int, name: String)] = []
        for (nameKey, name) in storedNames {
            if nameKey.hasPrefix(key) {
                ranked.append((0, name))
            } else if nameKey.contains(key) {
                ranked.append((1, name))
            }
        }
        let named = Set(ranked.map(\.name))
        for definition in catalog.definitions where !named.contains(definition.name) {
            if definition.aliases.contains(where: { CompanyCatalog.key($0).hasPrefix(key) }) { ranked.append((2, definition.name)) }
        }
        return ranked.sorted { ($0.rank, $0.name) < ($1.rank, $1.name) }.prefix(limit).map(\.name)
    }

    /// The three known names nearest to `text` by edit distance on their normalized keys, aliases
    /// included, within a distance that still looks like a typo.
    public func closestNames(to text: String, count: Int = 3) -> [String] {
        let key = Array(CompanyCatalog.key(text))
        guard !key.isEmpty else { return [] }
        var best: [String: Int] = [:]
        func consider(_ candidate: String, as name: String) {
            let distance = Self.editDistance(key, Array(CompanyCatalog.key(candidate)))
            if distance <= max(2, key.count / 3) { best[name] = min(best[name] ?? .max, distance) }
        }
        for definition in catalog.definitions {
            consider(definition.name, as: definition.name)
            for alias in definition.aliases { consider(alias, as: definition.name) }
        }
        for name in storedNames.values { consider(name, as: name) }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(count).map(\.key)
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
