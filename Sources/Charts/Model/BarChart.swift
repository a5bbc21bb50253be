/// Vertical bars: categories along x, each series one bar per category, stacked or side by side.
public struct BarChart: Sendable, Hashable {
    public var categories: [String]
    public var series: [ChartSeries]
    public var stacked: Bool
    public var valueFormat: ValueFormat

    public init(categories: [String], series: [ChartSeries], stacked: Bool = false, valueFormat: ValueFormat = .integer) {
        self.categories = categories
        self.series = series
        self.stacked = stacked
        self.valueFormat = valueFormat
    }
}
