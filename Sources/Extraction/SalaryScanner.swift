import Domain

/// Finds the amounts and ranges that `SalaryParser` interprets, one candidate at a time: an amount
/// or a range (`150`, `150k`, `$150,000 - $180,000`, `150 to 180k`), with an optional currency
/// before or after (`$`, `€`, `£`, `usd`, `cad`, …) and an optional period (`/hr`, `per year`,
/// `hourly`). A hand-written scanner rather than a regular expression: it runs on every message
/// that might be a posting, and the regex engine cost more than the rest of the extractor.
struct SalaryScanner {
    struct Candidate {
        var first: String
        var firstK = false
        var second: String?
        var secondK = false
        var symbols: [String] = []
        var code: String?
        var period: String?
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    /// `text` must be lower-cased.
    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func nextCandidate() -> Candidate? {
        while index < scalars.count {
            let start = index
            index += 1
            guard isDigit(start), start == 0 || !isWordOrNumber(start - 1) else { continue }
            var position = start
            guard let first = number(at: &position) else { continue }
            var candidate = Candidate(first: first)
            if let symbol = symbolBefore(start) { candidate.symbols.append(symbol) }
            candidate.firstK = kSuffix(at: &position)

            var rangeEnd = position
            skipSpace(&rangeEnd)
            if separator(at: &rangeEnd) {
                skipSpace(&rangeEnd)
                var symbol: String?
                if rangeEnd < scalars.count, Self.symbols.contains(scalars[rangeEnd]) {
                    symbol = String(scalars[rangeEnd])
                    rangeEnd += 1
                    skipSpace(&rangeEnd)
                }
                if let second = number(at: &rangeEnd) {
                    candidate.second = second
                    if let symbol { candidate.symbols.append(symbol) }
                    candidate.secondK = kSuffix(at: &rangeEnd)
                    position = rangeEnd
                }
            }

            var codeEnd = position
            skipSpace(&codeEnd)
            if let code = word(at: &codeEnd, from: Self.codes) {
                candidate.code = code
                position = codeEnd
            }
            var periodEnd = position
            skipSpace(&periodEnd)
            if let period = period(at: &periodEnd) {
                candidate.period = period
                position = periodEnd
            }
            index = max(index, position)
            return candidate
        }
        return nil
    }

    private static let symbols: Set<Unicode.Scalar> = ["$", "€", "£"]
    private static let codes = ["usd", "cad", "eur", "gbp", "aud", "sgd", "chf", "inr"]
    private static let symbolWords = ["usd", "cad", "eur", "gbp"]
    private static let slashPeriods = ["hour", "hr", "h", "year", "yr", "month", "mo"]
    private static let perPeriods = ["hour", "hr", "year", "yr", "month", "annum"]
    private static let wordPeriods = ["an hour", "hourly", "a year", "annually"]

    private func isDigit(_ i: Int) -> Bool {
        i < scalars.count && scalars[i].value >= 0x30 && scalars[i].value <= 0x39
    }

    private func isWordOrNumber(_ i: Int) -> Bool {
        isLetterOrDigit(scalars[i]) || scalars[i] == "." || scalars[i] == ","
    }

    private func skipSpace(_ position: inout Int) {
        if position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    /// `180`, `1.5`, `150,000`.
    private func number(at position: inout Int) -> String? {
        var end = position
        while isDigit(end) { end += 1 }
        guard end > position else { return nil }
        // Thousands groups: only after one to three leading digits, and only whole groups of three.
        if end - position <= 3 {
            var grouped = end
            while grouped < scalars.count, scalars[grouped] == ",", isDigit(grouped + 1), isDigit(grouped + 2),
                isDigit(grouped + 3), !isDigit(grouped + 4)
            {
                grouped += 4
            }
            if grouped > end {
                defer { position = grouped }
                return String(String.UnicodeScalarView(scalars[position..<grouped]))
            }
        }
        if end + 1 < scalars.count, scalars[end] == ".", isDigit(end + 1) {
            end += 1
            while isDigit(end) { end += 1 }
        }
        defer { position = end }
        return String(String.UnicodeScalarView(scalars[position..<end]))
    }

    /// `k` as a whole word right after an amount, with at most one space: "150k", "150 k".
    private func kSuffix(at position: inout Int) -> Bool {
        var at = position
        skipSpace(&at)
        guard at < scalars.count, scalars[at] == "k", at + 1 == scalars.count || !isLetterOrDigit(scalars[at + 1]) else {
            return false
        }
        position = at + 1
        return true
    }

    private func separator(at position: inout Int) -> Bool {
        guard position < scalars.count else { return false }
        switch scalars[position] {
        case "-", "–", "—":
            position += 1
            return true
        case "t" where matches("to", at: position) && !isLetterAt(position + 2):
            position += 2
            return true
        default:
            return false
        }
    }

    /// The currency written just before the amount at `start`: `$150`, `usd 150`, `€ 90`.
    private func symbolBefore(_ start: Int) -> String? {
        var at = start - 1
        if at >= 0, scalars[at].properties.isWhitespace { at -= 1 }
        guard at >= 0 else { return nil }
        if Self.symbols.contains(scalars[at]) { return String(scalars[at]) }
        for word in Self.symbolWords where at - 2 >= 0 && matches(word, at: at - 2) && !isLetterAt(at - 3) {
            return word
        }
        return nil
    }

    private func word(at position: inout Int, from words: [String]) -> String? {
        for word in words where matches(word, at: position) && !isLetterAt(position + word.unicodeScalars.count) {
            position += word.unicodeScalars.count
            return word
        }
        return nil
    }

    private func period(at position: inout Int) -> String? {
        let start = position
        if position < scalars.count, scalars[position] == "/" {
            var at = position + 1
            skipSpace(&at)
            if let unit = word(at: &at, from: Self.slashPeriods) {
                position = at
                return "/" + unit
            }
            return nil
        }
        if matches("per ", at: position) {
            var at = position + 4
            if let unit = word(at: &at, from: Self.perPeriods) {
                position = at
                return "per " + unit
            }
        }
        position = start
        return word(at: &position, from: Self.wordPeriods)
    }

    private func isLetterAt(_ i: Int) -> Bool {
        i >= 0 && i < scalars.count && scalars[i].properties.isAlphabetic
    }

    private func matches(_ word: String, at position: Int) -> Bool {
        var at = position
        for scalar in word.unicodeScalars {
            guard at < scalars.count, scalars[at] == scalar else { return false }
            at += 1
        }
        return true
    }
}
