extension Drawing {
    /// Heatmap row labels are cut at this many characters.
    static let heatmapLabelLimit = 20

    mutating func drawHeatmap(_ heatmap: Heatmap) {
        guard !heatmap.isEmpty else { return drawEmpty() }
        let left = font * 0.6 + layout.yLabelRoom + layout.labelColumn(heatmap.rows, limit: Self.heatmapLabelLimit)
        let area = PlotArea(
            left: left, top: layout.titleBottom + layout.heatmapHeaderHeight, width: max(width - left - font, font),
            height: Double(heatmap.rows.count) * layout.rowHeight)
        let cellWidth = area.width / Double(heatmap.columns.count)
        let cellLimit = layout.characters(fitting: cellWidth - font * 0.3, scale: 0.85)

        svg.open("g", ["class": "axis x"])
        for (column, name) in heatmap.columns.enumerated() {
            let x = area.left + cellWidth * (Double(column) + 0.5)
            label(name, limit: cellLimit, x: x, y: area.top - font * 0.6, className: "tick", anchor: "middle", scale: 0.85)
        }
        svg.close("g")
        svg.open("g", ["class": "marks"])
        for (row, rowName) in heatmap.rows.enumerated() {
            let top = area.top + layout.rowHeight * Double(row)
            let middle = top + layout.rowHeight / 2
            label(
                rowName, limit: Self.heatmapLabelLimit, x: area.left - font * 0.4, y: middle + font * 0.35, className: "tick",
                anchor: "end")
            for (column, columnName) in heatmap.columns.enumerated() {
                let x = area.left + cellWidth * Double(column)
                let centre = x + cellWidth / 2
                guard let cell = heatmap.cell(row: row, column: column) else {
                    svg.mark(
                        "rect",
                        [
                            "class": "no-data", "x": (x + 1).svg, "y": (top + 1).svg, "width": (cellWidth - 2).svg,
                            "height": (layout.rowHeight - 2).svg, "fill": "currentColor", "fill-opacity": "0.08",
                        ], title: "\(rowName), \(columnName): no data")
                    text("–", x: centre, y: middle + font * 0.3, className: "value", anchor: "middle", scale: 0.85)
                    continue
                }
                svg.mark(
                    "rect",
                    [
                        "class": "mark cell", "x": (x + 1).svg, "y": (top + 1).svg, "width": (cellWidth - 2).svg,
                        "height": (layout.rowHeight - 2).svg, "fill": HeatmapScale.fill(cell.value),
                    ], title: "\(rowName), \(columnName): \(cell.label)")
                let shown = XMLText.fitted(cell.label, limit: cellLimit)
                svg.element(
                    "text",
                    [
                        "class": "value", "x": centre.svg, "y": (middle + font * 0.3).svg, "text-anchor": "middle",
                        "font-size": (font * 0.85).svg, "fill": HeatmapScale.textColor(cell.value),
                    ], content: shown)
            }
        }
        svg.close("g")
        drawAxisLabels(area)
    }
}
