import Domain

/// Finds multi-word phrases in a token list, longest first, without overlaps. Phrases are given as
/// lower-case words ("virtual onsite"); a match stays within one clause.
struct PhraseMatcher<Value: Sendable>: Sendable {
    struct Match {
        var start: Int
        var end: Int
        var value: Value
        /// A word near a phrase rather than the phrase itself: a typo guessed at.
        var guessed = false
    }

    /// First word → phrases that start with it, longest first.
    private let byFirstWord: [String: [(words: [String], value: Value)]]

    init(_ phrases: [(String, Value)]) {
        var byFirstWord: [String: [(words: [String], value: Value)]] = [:]
        for (phrase, value) in phrases {
            let words = phrase.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append((words, value))
        }
        for key in byFirstWord.keys {
            byFirstWord[key]!.sort { $0.words.count > $1.words.count }
        }
        self.byFirstWord = byFirstWord
    }

    func matches(in tokens: [TextToken]) -> [Match] {
        var result: [Match] = []
        var index = 0
        while index < tokens.count {
            var advanced = false
            if let candidates = byFirstWord[tokens[index].lower] {
                for candidate in candidates where matches(candidate.words, at: index, in: tokens) {
                    result.append(Match(start: index, end: index + candidate.words.count, value: candidate.value))
                    index += candidate.words.count
                    advanced = true
                    break
                }
            }
            if !advanced { index += 1 }
        }
        return result
    }

    func contains(in tokens: some Collection<TextToken>) -> Bool {
        let array = Array(tokens)
        return !matches(in: array).isEmpty
    }

    private func matches(_ words: [String], at index: Int, in tokens: [TextToken]) -> Bool {
        guard index + words.count <= tokens.count else { return false }
        let clause = tokens[index].clause
        for (offset, word) in words.enumerated() {
            let token = tokens[index + offset]
            if token.lower != word || token.clause != clause { return false }
        }
        return true
    }
}
