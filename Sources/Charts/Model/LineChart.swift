/// Series of values over UTC days.
public struct LineChart: Sendable, Hashable {
    public var series: [LineSeries]
    public var valueFormat: ValueFormat

    public init(series: [LineSeries], valueFormat: ValueFormat = .integer) {
        self.series = series
        self.valueFormat = valueFormat
    }
}

/// One line of a line chart.
public struct LineSeries: Sendable, Hashable {
    /// How a series is drawn.
    public enum Style: Sendable, Hashable {
        /// A plain line.
        case line
        /// A line with a dot (and a tooltip) at every point.
        case points
        /// A dashed line over the others, such as a 7-day moving average.
        case overlay
    }

    public var name: String
    /// Drawn in day order, whatever order they come in.
    public var points: [DayValue]
    public var style: Style
    /// The palette colour (`ChartPalette`); nil takes the series' position.
    public var colorIndex: Int?

    public init(name: String, points: [DayValue], style: Style = .line, colorIndex: Int? = nil) {
        self.name = name
        self.points = points
        self.style = style
        self.colorIndex = colorIndex
    }
}

/// A value on a UTC day.
public struct DayValue: Sendable, Hashable {
    /// Days since 1970-01-01, UTC.
    public var day: Int64
    public var value: Double

    public init(day: Int64, value: Double) {
        self.day = day
        self.value = value
    }
}
