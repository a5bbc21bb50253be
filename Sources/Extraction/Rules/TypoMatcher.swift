import Domain

/// Matches a word against a short list of long words, allowing one typo: a letter missing, added,
/// changed, or two neighbours swapped (optimal string alignment distance 1). The first letter must
/// be right; people rarely mistype it, and requiring it keeps the check cheap.
struct TypoMatcher<Value: Sendable>: Sendable {
    static var minimumLength: Int { 7 }

    private let entries: [(word: [UInt8], value: Value)]

    init(_ words: [(String, Value)]) {
        entries = words.map { (Array($0.0.utf8), $0.1) }
    }

    func value(near word: String) -> Value? {
        let bytes = Array(word.utf8)
        for entry in entries
        where abs(entry.word.count - bytes.count) <= 1 && entry.word.first == bytes.first && entry.word != bytes {
            if Self.isOneEditApart(bytes, entry.word) { return entry.value }
        }
        return nil
    }

    static func isOneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // Skip the common prefix and suffix; what is left must be one edit.
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start && endB > start && a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        let restA = endA - start
        let restB = endB - start
        switch (restA, restB) {
        case (0, 1), (1, 0), (1, 1): return true
        case (2, 2): return a[start] == b[start + 1] && a[start + 1] == b[start]
        default: return false
        }
    }
}
