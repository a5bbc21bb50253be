/// One box and whiskers per category, such as days from application to offer per company.
public struct BoxPlot: Sendable, Hashable {
    /// Five numbers and the count they summarize.
    public struct Box: Sendable, Hashable {
        public var label: String
        public var minimum: Double
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var maximum: Double
        public var count: Int

        public init(
            label: String, minimum: Double, lowerQuartile: Double, median: Double, upperQuartile: Double, maximum: Double, count: Int
        ) {
            self.label = label
            self.minimum = minimum
            self.lowerQuartile = lowerQuartile
            self.median = median
            self.upperQuartile = upperQuartile
            self.maximum = maximum
            self.count = count
        }

        /// The five numbers in order and drawable, so a box never turns inside out.
        var ordered: [Double] { [minimum, lowerQuartile, median, upperQuartile, maximum].map(\.drawable).sorted() }
    }

    public var boxes: [Box]
    public var valueFormat: ValueFormat
    /// The boxes' palette colour; nil is the palette's sky blue, which reads on light and dark backgrounds.
    public var colorIndex: Int?

    public init(boxes: [Box], valueFormat: ValueFormat = .days, colorIndex: Int? = nil) {
        self.boxes = boxes
        self.valueFormat = valueFormat
        self.colorIndex = colorIndex
    }
}
