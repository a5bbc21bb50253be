/// How a chart's values read, on its axis and in its labels; no locale, so the text is the same everywhere.
public enum ValueFormat: Sendable, Hashable {
    /// Counts: "42".
    case integer
    /// Up to two decimals: "4.25".
    case decimal
    /// A share 0...1 as a percentage: 0.42 is "42%"; the axis runs 0–100 %.
    case percent
    /// Durations in days: "3.5 d".
    case days

    public func text(_ value: Double) -> String {
        switch self {
        case .integer: NumberText.format(value, decimals: 0)
        case .decimal: NumberText.format(value, decimals: 2)
        case .percent: NumberText.format(value * 100, decimals: 1) + "%"
        case .days: NumberText.format(value, decimals: 1) + " d"
        }
    }
}
