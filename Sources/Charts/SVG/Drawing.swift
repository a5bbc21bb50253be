/// One chart being written: the layout, and the SVG so far. Each kind of chart draws itself in an extension.
struct Drawing {
    var svg = SVGBuilder()
    let layout: Layout
    let height: Double

    init(layout: Layout) {
        self.layout = layout
        height = layout.height
    }

    var chart: Chart { layout.chart }
    var size: ChartSize { layout.size }
    var font: Double { layout.font }
    var width: Double { layout.width }

    /// A line of text in the foreground colour.
    mutating func text(
        _ content: String, x: Double, y: Double, className: String, anchor: String = "start", scale: Double = 1, tooltip: String? = nil
    ) {
        if scale == 1 {
            svg.element(
                "text", ["class": className, "x": x.svg, "y": y.svg, "text-anchor": anchor, "fill": "currentColor"], content: content,
                tooltip: tooltip)
        } else {
            svg.element(
                "text",
                [
                    "class": className, "x": x.svg, "y": y.svg, "text-anchor": anchor, "font-size": (font * scale).svg,
                    "fill": "currentColor",
                ], content: content, tooltip: tooltip)
        }
    }

    /// `text` cut to `limit` characters, with the whole text as its tooltip where it was cut.
    mutating func label(
        _ content: String, limit: Int, x: Double, y: Double, className: String, anchor: String = "start", scale: Double = 1
    ) {
        let shown = XMLText.fitted(content, limit: limit)
        let tooltip = shown == XMLText.sanitized(content) ? nil : content
        text(shown, x: x, y: y, className: className, anchor: anchor, scale: scale, tooltip: tooltip)
    }

    mutating func drawTitle() {
        svg.element(
            "text",
            [
                "class": "chart-title", "x": font.svg, "y": (font * 1.6).svg, "font-size": (font * 1.2).svg, "font-weight": "bold",
                "fill": "currentColor",
            ], content: XMLText.fitted(chart.title, limit: layout.characters(fitting: width - font * 2, scale: 1.2)))
    }

    /// What a chart without data shows instead of marks.
    mutating func drawEmpty() {
        text("No data yet", x: width / 2, y: height / 2 + font * 0.4, className: "empty", anchor: "middle", scale: 1.2)
    }

    /// The x label centred under the plot, the y label turned along its left side.
    mutating func drawAxisLabels(_ area: PlotArea) {
        if let xLabel = chart.xLabel {
            label(
                xLabel, limit: layout.characters(fitting: width - font * 2), x: area.left + area.width / 2, y: height - font * 0.5,
                className: "axis-label", anchor: "middle")
        }
        if let yLabel = chart.yLabel {
            let (x, y) = (font * 1.1, area.top + area.height / 2)
            svg.element(
                "text",
                [
                    "class": "axis-label", "x": x.svg, "y": y.svg, "text-anchor": "middle", "transform": "rotate(-90 \(x.svg) \(y.svg))",
                    "fill": "currentColor",
                ], content: XMLText.fitted(yLabel, limit: layout.characters(fitting: area.height)))
        }
    }
}
