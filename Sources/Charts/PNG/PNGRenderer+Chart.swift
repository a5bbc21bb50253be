extension PNGRenderer {
    /// A chart as Discord shows it: an SVG at the image size on a themed card, then rasterized.
    public static func render(
        _ chart: Chart, size: ChartSize = .image, theme: ChartTheme = .discord, scale: Double = 1
    ) throws(ChartRenderingError) -> PNGImage {
        try render(svg: SVGRenderer(size: size, theme: theme).render(chart), scale: scale)
    }
}
