/// A chart as data: what it shows and the words that describe it, with no geometry. The renderers lay it out, so the
/// same description becomes an inline SVG for the dashboard and a PNG for Discord.
public struct Chart: Sendable, Hashable {
    /// Names the chart on a page: the SVG's `<title>` and `<desc>` ids derive from it, so two charts on one page need two ids.
    public var id: String
    /// Shown at the top and as the SVG's `<title>`.
    public var title: String
    /// The text alternative: a sentence or two with the key numbers, as `<desc>` (what a screen reader reads).
    public var summary: String
    public var xLabel: String?
    public var yLabel: String?
    public var body: ChartBody

    public init(id: String, title: String, summary: String, xLabel: String? = nil, yLabel: String? = nil, body: ChartBody) {
        self.id = id
        self.title = title
        self.summary = summary
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.body = body
    }
}
