extension Drawing {
    mutating func drawBars(_ bars: BarChart) {
        let categories = bars.categories.indices
        let totals = categories.map { category in
            let values = bars.series.map { $0.value(at: category) }
            return bars.stacked ? values.reduce(0, +) : values.max() ?? 0
        }
        guard totals.contains(where: { $0 > 0 }) else { return drawEmpty() }
        let entries = bars.series.enumerated().map { LegendEntry(name: $1.name, color: color(of: $1, at: $0), dashed: false) }
        drawLegend(entries)
        let scale = NiceScale(dataMaximum: totals.max() ?? 0, format: bars.valueFormat, maximumTicks: size.maximumTicks)
        let area = valuePlotArea(legendBottom: layout.legend(entries).bottom, scale: scale, format: bars.valueFormat, tickRows: 1)
        drawValueAxis(area, scale: scale, format: bars.valueFormat)
        drawCategoryAxis(area, labels: bars.categories)
        drawAxisLabels(area)

        let band = area.width / Double(bars.categories.count)
        let oneSeries = bars.series.count == 1
        svg.open("g", ["class": "marks"])
        for (category, name) in bars.categories.enumerated() {
            let bandLeft = area.left + band * Double(category)
            var base = 0.0
            for (index, series) in bars.series.enumerated() {
                let value = series.value(at: category)
                guard value > 0 else { continue }
                let (x, barWidth, low): (Double, Double, Double)
                if bars.stacked {
                    (x, barWidth, low) = (bandLeft + band * 0.15, band * 0.7, base)
                } else {
                    let slot = band * 0.8 / Double(bars.series.count)
                    (x, barWidth, low) = (bandLeft + band * 0.1 + slot * Double(index), slot, 0)
                }
                let top = area.y(low + value, maximum: scale.maximum)
                let bottom = area.y(low, maximum: scale.maximum)
                let title =
                    oneSeries ? "\(name): \(bars.valueFormat.text(value))" : "\(name), \(series.name): \(bars.valueFormat.text(value))"
                svg.mark(
                    "rect",
                    [
                        "class": "mark bar", "x": x.svg, "y": top.svg, "width": max(barWidth - 1, 1).svg, "height": (bottom - top).svg,
                        "fill": color(of: series, at: index),
                    ], title: title)
                base += value
            }
        }
        svg.close("g")
        drawBarTotals(bars, totals: totals, area: area, scale: scale)
    }

    /// Each column's value over it, where one number per column is what a reader wants: one series, or stacked totals.
    private mutating func drawBarTotals(_ bars: BarChart, totals: [Double], area: PlotArea, scale: NiceScale) {
        guard bars.stacked || bars.series.count == 1 else { return }
        let band = area.width / Double(bars.categories.count)
        // Printed only where every number fits over its column.
        let widest = totals.map { layout.textWidth(bars.valueFormat.text($0), scale: 0.85) }.max() ?? 0
        guard widest < band else { return }
        svg.open("g", ["class": "values"])
        for (category, total) in totals.enumerated() where total > 0 {
            let x = area.left + band * (Double(category) + 0.5)
            let y = area.y(total, maximum: scale.maximum) - font * 0.3
            text(bars.valueFormat.text(total), x: x, y: y, className: "value", anchor: "middle", scale: 0.85)
        }
        svg.close("g")
    }

    func color(of series: ChartSeries, at index: Int) -> String {
        ChartPalette.color(series.colorIndex ?? index)
    }
}
