import Domain
import Foundation

/// A pay range, annualized.
public struct SalaryRange: Sendable, Hashable {
    public var min: Int
    public var max: Int
    public var currency: String

    public init(min: Int, max: Int, currency: String) {
        self.min = min
        self.max = max
        self.currency = currency
    }
}

/// Reads pay ranges as people write them — `$150k–$180k`, `120-140k CAD`, `€90k-€120k`,
/// `80-100/hr`, `$12k/month` — and annualizes them (hourly × 2080, monthly × 12).
public enum SalaryParser {
    /// Annual amounts outside this range are typos or jokes, not salaries.
    static let plausibleAnnual = 10_000...5_000_000

    public static func parse(_ text: String) -> SalaryRange? {
        var scanner = SalaryScanner(text.lowercased())
        while let candidate = scanner.nextCandidate() {
            if let range = build(
                first: candidate.first, firstK: candidate.firstK, second: candidate.second,
                secondK: candidate.secondK, symbols: candidate.symbols, code: candidate.code, period: candidate.period)
            {
                return range
            }
        }
        return nil
    }

    static func build(
        first: String, firstK: Bool, second: String?, secondK: Bool, symbols: [String], code: String?, period: String?
    ) -> SalaryRange? {
        // Without a currency, a "k" or a period, "5-10" is years of experience, not pay.
        guard !symbols.isEmpty || code != nil || firstK || secondK || period != nil else { return nil }
        guard var low = amount(first), var high = second.flatMap(amount) ?? amount(first) else { return nil }
        // "150-180k": the k of the upper bound applies to both.
        if secondK || (second == nil && firstK) { high *= 1000 }
        if firstK || (secondK && low < 1000) { low *= 1000 }
        let multiplier: Double
        switch period ?? "" {
        case let p where p.contains("h"): multiplier = p.contains("month") ? 12 : 2080
        case let p where p.contains("mo"): multiplier = 12
        default: multiplier = 1
        }
        low *= multiplier
        high *= multiplier
        guard low <= high, plausibleAnnual.contains(Int(low)), plausibleAnnual.contains(Int(high)) else { return nil }
        return SalaryRange(min: Int(low.rounded()), max: Int(high.rounded()), currency: currency(symbols: symbols, code: code))
    }

    private static func amount(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: ",", with: ""))
    }

    private static func currency(symbols: [String], code: String?) -> String {
        if let code { return code.uppercased() }
        switch symbols.first {
        case "€", "eur": return "EUR"
        case "£", "gbp": return "GBP"
        case "cad": return "CAD"
        default: return "USD"
        }
    }
}
