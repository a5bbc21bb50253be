/// Colours for a standalone SVG (the PNG), where no page's CSS sets the text colour: a background and the colour of text,
/// axes and gridlines.
public struct ChartTheme: Sendable, Hashable {
    public var background: String
    public var foreground: String

    public init(background: String, foreground: String) {
        self.background = background
        self.foreground = foreground
    }

    /// A dark card that reads in both of Discord's themes.
    public static let discord = ChartTheme(background: "#2B2D31", foreground: "#F2F3F5")
    public static let light = ChartTheme(background: "#FFFFFF", foreground: "#1F2328")
}
