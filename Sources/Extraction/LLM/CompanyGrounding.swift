import Domain

/// Checks that a company named by the model appears in the message, as written or through one of
/// its aliases: a model that invents a company (or is talked into one) records nothing.
struct CompanyGrounding: Sendable {
    let catalog: CompanyCatalog
    /// A name spread over more words than this is not looked for.
    static let longestName = 8

    /// The name to store when `written` is grounded in the message; nil when it is not.
    func groundedName(_ written: String, tokens: [TextToken]) -> String? {
        let key = CompanyCatalog.key(written)
        guard !key.isEmpty else { return nil }
        switch catalog.resolve(written) {
        case .known(let canonical):
            let mentioned = catalog.mentions(in: tokens).contains { mention in
                switch mention.resolution {
                case .known(let name): name == canonical
                // "MS offer": the model may tell which of the companies it was from the context.
                case .ambiguous(let names): names.contains(canonical)
                case .unknown: false
                }
            }
            return mentioned || Self.contains(key, in: tokens) ? canonical : nil
        case .unknown(let name):
            return Self.contains(key, in: tokens) ? name : nil
        case .ambiguous:
            // The model wrote an alias of several companies: which one is a guess.
            return nil
        }
    }

    /// Whether consecutive words of the message spell `key` ("Jane Street", "janestreet" and
    /// "Jane-Street" all do), whole words only: "X" is not found inside "Xbox".
    static func contains(_ key: String, in tokens: [TextToken]) -> Bool {
        let keys = tokens.map { CompanyCatalog.key($0.lower) }
        for start in keys.indices where key.hasPrefix(keys[start]) && !keys[start].isEmpty {
            var spelled = ""
            for end in start..<min(keys.count, start + longestName) {
                spelled += keys[end]
                if spelled == key { return true }
                if !key.hasPrefix(spelled) { break }
            }
        }
        return false
    }
}
