/// Horizontal bars, one per labelled row in the caller's order (the most active companies first), each value printed at its
/// bar's end.
public struct RankingChart: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var rows: [Row]
    public var valueFormat: ValueFormat
    /// The bars' palette colour; nil is the palette's first.
    public var colorIndex: Int?

    public init(rows: [Row], valueFormat: ValueFormat = .integer, colorIndex: Int? = nil) {
        self.rows = rows
        self.valueFormat = valueFormat
        self.colorIndex = colorIndex
    }
}
