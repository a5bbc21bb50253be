import Domain

/// Results of recent message texts, so that a repeated message ("offer from Stripe!!" posted in two
/// channels, or pasted again) costs no call. Keyed by the text normalized for case and spacing,
/// which changes neither the meaning nor which companies it names. Least recently used goes first.
struct ResultCache: Sendable {
    private var entries: [String: (result: ExtractionResult, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    static func key(_ content: String) -> String {
        content.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    mutating func result(for key: String) -> ExtractionResult? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.result, clock)
        return entry.result
    }

    mutating func store(_ result: ExtractionResult, for key: String) {
        guard capacity > 0 else { return }
        clock += 1
        entries[key] = (result, clock)
        if entries.count > capacity {
            // Evict the oldest tenth at once, so eviction is not a scan per insert.
            let cutoff = entries.values.map(\.used).sorted()[max(0, entries.count / 10)]
            entries = entries.filter { $0.value.used > cutoff }
        }
    }
}
