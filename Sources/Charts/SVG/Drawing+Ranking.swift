extension Drawing {
    /// Ranking labels are cut at this many characters.
    static let rankingLabelLimit = 24

    mutating func drawRanking(_ ranking: RankingChart) {
        guard !ranking.isEmpty else { return drawEmpty() }
        let format = ranking.valueFormat
        let labelColumn = layout.labelColumn(ranking.rows.map(\.label), limit: Self.rankingLabelLimit)
        let widestValue = ranking.rows.map { layout.textWidth(format.text($0.value.drawable), scale: 0.9) }.max() ?? 0
        let left = font * 0.6 + layout.yLabelRoom + labelColumn
        let area = PlotArea(
            left: left, top: layout.titleBottom, width: max(width - left - widestValue - font * 1.2, font),
            height: Double(ranking.rows.count) * layout.rowHeight)
        let maximum = ranking.rows.map(\.value.drawable).max() ?? 1
        let color = ChartPalette.color(ranking.colorIndex ?? 0)

        svg.open("g", ["class": "marks"])
        for (index, row) in ranking.rows.enumerated() {
            let value = row.value.drawable
            let top = area.top + layout.rowHeight * Double(index)
            let middle = top + layout.rowHeight / 2
            label(
                row.label, limit: Self.rankingLabelLimit, x: area.left - font * 0.4, y: middle + font * 0.35, className: "tick",
                anchor: "end")
            let length = area.width * value / maximum
            if value > 0 {
                svg.mark(
                    "rect",
                    [
                        "class": "mark bar", "x": area.left.svg, "y": (top + layout.rowHeight * 0.15).svg, "width": length.svg,
                        "height": (layout.rowHeight * 0.7).svg, "fill": color,
                    ], title: "\(row.label): \(format.text(value))")
            }
            text(format.text(value), x: area.left + length + font * 0.3, y: middle + font * 0.3, className: "value", scale: 0.9)
        }
        svg.close("g")
        drawAxisLabels(area)
    }
}
