extension Drawing {
    mutating func drawBoxes(_ plot: BoxPlot) {
        guard !plot.boxes.isEmpty else { return drawEmpty() }
        let format = plot.valueFormat
        let scale = NiceScale(dataMaximum: plot.boxes.map { $0.ordered[4] }.max() ?? 0, format: format, maximumTicks: size.maximumTicks)
        let area = valuePlotArea(legendBottom: layout.titleBottom, scale: scale, format: format, tickRows: 2)
        drawValueAxis(area, scale: scale, format: format)
        drawCategoryAxis(area, labels: plot.boxes.map(\.label), secondLine: plot.boxes.map { "n=\($0.count)" })
        drawAxisLabels(area)

        let band = area.width / Double(plot.boxes.count)
        let color = ChartPalette.color(plot.colorIndex ?? 1)
        let stroke = (size.lineWidth * 0.75).svg
        svg.open("g", ["class": "marks"])
        for (index, box) in plot.boxes.enumerated() {
            let numbers = box.ordered
            let y = numbers.map { area.y($0, maximum: scale.maximum) }
            let centre = area.left + band * (Double(index) + 0.5)
            let half = min(band * 0.3, font * 3)
            // Whiskers: minimum to lower quartile, upper quartile to maximum, each with a cap.
            for (from, to) in [(y[0], y[1]), (y[3], y[4])] {
                svg.empty(
                    "line",
                    [
                        "class": "whisker", "x1": centre.svg, "y1": from.svg, "x2": centre.svg, "y2": to.svg, "stroke": color,
                        "stroke-width": stroke,
                    ])
            }
            for cap in [y[0], y[4]] {
                svg.empty(
                    "line",
                    [
                        "class": "whisker", "x1": (centre - half / 2).svg, "y1": cap.svg, "x2": (centre + half / 2).svg, "y2": cap.svg,
                        "stroke": color, "stroke-width": stroke,
                    ])
            }
            let text = [
                "\(box.label): median \(format.text(numbers[2]))", "quartiles \(format.text(numbers[1]))–\(format.text(numbers[3]))",
                "range \(format.text(numbers[0]))–\(format.text(numbers[4]))", "n=\(box.count)",
            ].joined(separator: ", ")
            svg.mark(
                "rect",
                [
                    "class": "mark box", "x": (centre - half).svg, "y": y[3].svg, "width": (half * 2).svg,
                    "height": max(y[1] - y[3], 1).svg,
                    "fill": color, "fill-opacity": "0.35", "stroke": color, "stroke-width": stroke,
                ], title: text)
            svg.empty(
                "line",
                [
                    "class": "median", "x1": (centre - half).svg, "y1": y[2].svg, "x2": (centre + half).svg, "y2": y[2].svg,
                    "stroke": "currentColor", "stroke-width": size.lineWidth.svg,
                ])
        }
        svg.close("g")
    }
}
