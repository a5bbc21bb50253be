/// A chart's canvas and type: width and height in SVG user units (pixels in the PNG at scale 1), the font size, how many
/// value ticks at most, and the line width.
public struct ChartSize: Sendable, Hashable {
    public var width: Int
    /// The height of charts with axes; rankings, heatmaps and timelines take the height their rows need.
    public var height: Int
    public var fontSize: Double
    public var maximumTicks: Int
    public var lineWidth: Double

    public init(width: Int, height: Int, fontSize: Double, maximumTicks: Int, lineWidth: Double) {
        self.width = width
        self.height = height
        self.fontSize = fontSize
        self.maximumTicks = max(2, maximumTicks)
        self.lineWidth = lineWidth
    }

    /// Inline in the dashboard.
    public static let web = ChartSize(width: 720, height: 360, fontSize: 13, maximumTicks: 6, lineWidth: 2)
    /// A PNG in a Discord embed, which a phone shows about 350 pixels wide: large type, few ticks, thick lines.
    public static let image = ChartSize(width: 800, height: 450, fontSize: 24, maximumTicks: 5, lineWidth: 4)
}
