/// A word of a chat message, with where it stands: the rule extractor reasons about which words
/// are near each other and whether a sentence or clause lies between them.
public struct TextToken: Sendable, Hashable {
    /// The word as written, without surrounding punctuation.
    public var text: String
    /// Lower-cased, apostrophes removed ("didn't" → "didnt", "Google's" → "google").
    public var lower: String
    /// Index of the sentence (split at . ! ? and line breaks).
    public var sentence: Int
    /// Index of the clause (sentences split further at , ; : and "but"), counted over the message.
    public var clause: Int
    /// Whether the clause ends with a question mark.
    public var inQuestion: Bool
    /// Whether an arrow ("->", "→", "=>") comes just before the word: "OA -> phone -> offer" tells a
    /// sequence, whose last step is where the author stands.
    public var afterArrow = false
    /// Whether the word comes after markup (`{"`, `<tag`): text shaped for a program, such as a
    /// JSON answer smuggled into a message, rather than something a person said.
    public var afterMarkup = false

    /// Written with a capital first letter ("Chase", "CHASE"), which matters for company names that
    /// are also ordinary words.
    public var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase || first.properties.numericType != nil
    }
}

/// Splits chat text into words, sentences and clauses.
public enum TextTokenizer {
    public static func tokenize(_ text: String) -> [TextToken] {
        var tokens: [TextToken] = []
        var word = ""
        var sentence = 0
        var clause = 0
        var questionClauses: Set<Int> = []
        // Boundaries are recorded lazily: only a boundary followed by another word moves the counters.
        var pendingSentenceBreak = false
        var pendingClauseBreak = false
        var markupSeen = false
        var arrowSeen = false

        // Whether `word` holds an apostrophe: most words have none, and skip the suffix and
        // apostrophe handling below (which cannot change a word without one).
        var wordHasApostrophe = false

        func flushWord() {
            guard !word.isEmpty else { return }
            var text = word
            word = ""
            let lower: String
            if wordHasApostrophe {
                wordHasApostrophe = false
                // Possessive "Google's" names Google, and "OA'd" is the OA; other apostrophes join the word.
                for suffix in ["'s", "’s", "'d", "’d"] where text.count > 2 && text.lowercased().hasSuffix(suffix) {
                    text.removeLast(2)
                }
                text = text.trimmingApostrophes()
                guard !text.isEmpty else { return }
                lower = String(text.lowercased().unicodeScalars.filter { $0 != "'" && $0 != "’" })
            } else {
                lower = text.lowercased()
            }
            if pendingSentenceBreak {
                if !tokens.isEmpty {
                    sentence += 1
                    clause += 1
                }
            } else if pendingClauseBreak {
                if !tokens.isEmpty { clause += 1 }
            }
            pendingSentenceBreak = false
            pendingClauseBreak = false
            if lower == "but" || lower == "though" || lower == "however" {
                // "rejected by Meta but offer from Stripe": a new clause starts at "but" itself.
                if !tokens.isEmpty { clause += 1 }
            } else if lower == "i", let last = tokens.indices.last, tokens[last].lower == "and",
                tokens[last].clause == clause
            {
                // "my roommate got Jane Street and I got rejected": the author's own clause starts at "and".
                clause += 1
                tokens[last].clause = clause
            }
            tokens.append(
                TextToken(
                    text: text, lower: lower, sentence: sentence, clause: clause, inQuestion: false, afterArrow: arrowSeen,
                    afterMarkup: markupSeen))
            arrowSeen = false
        }

        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            defer { index += 1 }
            let previous: Unicode.Scalar? = index > 0 ? scalars[index - 1] : nil
            // A free-standing "+", "&" or "/" joins two reports: "Goldman superday + Amazon offer".
            if scalar == "+" || scalar == "&" || scalar == "/",
                previous.map({ $0.properties.isWhitespace }) ?? true, next.map({ $0.properties.isWhitespace }) ?? true
            {
                flushWord()
                pendingClauseBreak = true
                continue
            }
            if isLetterOrDigit(scalar) || scalar == "+" || scalar == "#" {
                word.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "'", "’":
                // Inside a word ("didn't"), keep it for the word; elsewhere it is a quote.
                if !word.isEmpty, let next, next.properties.isAlphabetic {
                    word.unicodeScalars.append(scalar)
                    wordHasApostrophe = true
                } else {
                    flushWord()
                }
            case ".":
                let previousIsInitial = word.count == 1
                flushWord()
                // "J.P. Morgan" and "D. E. Shaw": a period after a single letter is an initial.
                // "booking.com" and "node.js": a period inside a word is not a sentence end.
                let followedBySpace = next.map { $0.properties.isWhitespace } ?? true
                if followedBySpace && !previousIsInitial { pendingSentenceBreak = true }
            case "!", "\n", "\r":
                flushWord()
                pendingSentenceBreak = true
            case "?":
                flushWord()
                questionClauses.insert(clause)
                pendingSentenceBreak = true
            case "{", "<":
                flushWord()
                // `{"kind": …}` or `</message>`; not "<3".
                let following = scalars[(index + 1)...].first { !$0.properties.isWhitespace }
                if let following,
                    scalar == "{"
                        ? following == "\"" || following == "'" : following.properties.isAlphabetic || following == "/" || following == "|"
                {
                    markupSeen = true
                }
                pendingClauseBreak = true
            case ",", ";", ":", "(", ")", "[", "]", "|", "—", "–", "•":
                flushWord()
                pendingClauseBreak = true
            case "-", "=":
                // "on-site", "take-home": a hyphen joins words; a free-standing dash separates clauses,
                // and "->" or "=>" is an arrow.
                let glued = scalar == "-" && !word.isEmpty && (next?.properties.isAlphabetic ?? false)
                flushWord()
                if next == ">" {
                    arrowSeen = true
                    index += 1
                } else if !glued {
                    pendingClauseBreak = true
                }
            case "→", "⇒", "➡", "⟶":
                flushWord()
                arrowSeen = true
            default:
                flushWord()
                // An emoji closes what was being said: "Signed with Ramp 🟢 thank u all".
                if scalar.properties.isEmojiPresentation || (!scalar.isASCII && scalar.properties.isEmoji) {
                    pendingClauseBreak = true
                }
            }
        }
        flushWord()
        if !questionClauses.isEmpty {
            for i in tokens.indices where questionClauses.contains(tokens[i].clause) {
                tokens[i].inQuestion = true
            }
        }
        return tokens
    }
}

/// Letters and digits of any script, with a fast path for ASCII, which most chat text is.
@inline(__always)
package func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
        let value = scalar.value
        return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var result = Substring(self)
        while let first = result.first, first == "'" || first == "’" { result.removeFirst() }
        while let last = result.last, last == "'" || last == "’" { result.removeLast() }
        return String(result)
    }
}
