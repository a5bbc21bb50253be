/// What a chart draws: one case per kind of chart.
public enum ChartBody: Sendable, Hashable {
    /// Vertical bars: categories along x, one or more series, stacked or side by side.
    case bars(BarChart)
    /// Horizontal bars, one per labelled row, each value printed at its bar's end.
    case ranking(RankingChart)
    /// Series of values over UTC days.
    case lines(LineChart)
    /// Rows by columns, each cell a share 0...1 or no data.
    case heatmap(Heatmap)
    /// One box and whiskers per category.
    case boxes(BoxPlot)
    /// Lanes of events at UTC days, each event coloured by its category.
    case timeline(Timeline)

    /// The kind's name in the SVG's class (`chart-bars`), for a page's CSS and for tests.
    var kind: String {
        switch self {
        case .bars: "bars"
        case .ranking: "ranking"
        case .lines: "lines"
        case .heatmap: "heatmap"
        case .boxes: "boxes"
        case .timeline: "timeline"
        }
    }
}
