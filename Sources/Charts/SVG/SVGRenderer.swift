/// Writes a chart as SVG text: deterministic (the same chart gives the same bytes), accessible (a title, a description,
/// every mark's value in a tooltip), and without inline styles (the dashboard's Content-Security-Policy forbids them):
/// text and axes are `currentColor`, so a page's CSS colours them, and a theme colours a standalone image.
public struct SVGRenderer: Sendable {
    public var size: ChartSize
    /// Nil for a page that colours the chart; a theme for a standalone SVG, such as one turned into a PNG.
    public var theme: ChartTheme?

    public init(size: ChartSize = .web, theme: ChartTheme? = nil) {
        self.size = size
        self.theme = theme
    }

    /// The canvas the chart takes: the size's width, and a height that grows with a ranking's, heatmap's or timeline's rows.
    public func dimensions(of chart: Chart) -> (width: Int, height: Int) {
        (size.width, Int(Layout(chart: chart, size: size).height))
    }

    public func render(_ chart: Chart) -> String {
        var drawing = Drawing(layout: Layout(chart: chart, size: size))
        let (width, height) = (Double(size.width).svg, drawing.height.svg)
        let id = Self.identifier(chart.id)
        let root: KeyValuePairs<String, String> = [
            "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
            "viewBox": "0 0 \(width) \(height)", "width": width, "height": height, "class": "chart chart-\(chart.body.kind)",
            "font-family": "DejaVu Sans, Verdana, Arial, sans-serif", "font-size": size.fontSize.svg,
        ]
        let color = theme.map { [("color", $0.foreground)] } ?? []
        drawing.svg.open("svg", root.map { ($0.key, $0.value) } + color)
        drawing.svg.element("title", ["id": "\(id)-title"], content: chart.title)
        drawing.svg.element("desc", ["id": "\(id)-desc"], content: chart.summary)
        if let theme {
            drawing.svg.empty(
                "rect", ["class": "background", "x": "0", "y": "0", "width": width, "height": height, "fill": theme.background])
        }
        drawing.drawTitle()
        switch chart.body {
        case .bars(let bars): drawing.drawBars(bars)
        case .ranking(let ranking): drawing.drawRanking(ranking)
        case .lines(let lines): drawing.drawLines(lines)
        case .heatmap(let heatmap): drawing.drawHeatmap(heatmap)
        case .boxes(let boxes): drawing.drawBoxes(boxes)
        case .timeline(let timeline): drawing.drawTimeline(timeline)
        }
        drawing.svg.close("svg")
        return drawing.svg.text
    }

    /// The chart's id as an XML id: lower-case letters, digits and hyphens, starting with a letter.
    static func identifier(_ id: String) -> String {
        var result = ""
        for character in id.lowercased().unicodeScalars {
            switch character {
            case "a"..."z", "0"..."9": result.unicodeScalars.append(character)
            default: if !result.isEmpty && !result.hasSuffix("-") { result += "-" }
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        guard let first = result.unicodeScalars.first else { return "chart" }
        guard ("a"..."z").contains(first) else { return "chart-" + result }
        return result
    }
}
