extension Drawing {
    mutating func drawLines(_ lines: LineChart) {
        let points = lines.series.flatMap(\.points)
        guard !points.isEmpty else { return drawEmpty() }
        let format = lines.valueFormat
        let entries = lines.series.enumerated().map {
            LegendEntry(name: $1.name, color: ChartPalette.color($1.colorIndex ?? $0), dashed: $1.style == .overlay)
        }
        drawLegend(entries)
        let scale = NiceScale(dataMaximum: points.map(\.value.drawable).max() ?? 0, format: format, maximumTicks: size.maximumTicks)
        let area = valuePlotArea(legendBottom: layout.legend(entries).bottom, scale: scale, format: format, tickRows: 1)
        let days = DayRange(points.map(\.day))
        drawValueAxis(area, scale: scale, format: format)
        drawDateAxis(area, days: days)
        drawAxisLabels(area)

        svg.open("g", ["class": "marks"])
        for (index, series) in lines.series.enumerated() where !series.points.isEmpty {
            let color = ChartPalette.color(series.colorIndex ?? index)
            // Stable: points on the same day keep the caller's order.
            let sorted = series.points.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
            let coordinates = sorted.map { (x: days.x($0.day, in: area), y: area.y($0.value.drawable, maximum: scale.maximum)) }
            var path = coordinates.enumerated().map { "\($0 == 0 ? "M" : "L")\($1.x.svg) \($1.y.svg)" }.joined(separator: " ")
            // A lone point is a segment of no length, which a round cap draws as a dot.
            if let only = coordinates.first, coordinates.count == 1 { path += " L\(only.x.svg) \(only.y.svg)" }
            let last = sorted[sorted.count - 1]
            let title = "\(series.name): \(sorted.count) points, \(CivilDate(days: last.day).full): \(format.text(last.value.drawable))"
            if series.style == .overlay {
                svg.mark(
                    "path",
                    [
                        "class": "mark line overlay", "d": path, "fill": "none", "stroke": color, "stroke-width": size.lineWidth.svg,
                        "stroke-linejoin": "round", "stroke-linecap": "round", "stroke-dasharray": dashes,
                    ], title: title)
            } else {
                svg.mark(
                    "path",
                    [
                        "class": "mark line", "d": path, "fill": "none", "stroke": color, "stroke-width": size.lineWidth.svg,
                        "stroke-linejoin": "round", "stroke-linecap": "round",
                    ], title: title)
            }
            // A lone point of a plain line or overlay is a dot too, or it would be a speck.
            guard series.style == .points || sorted.count == 1 else { continue }
            for (point, coordinate) in zip(sorted, coordinates) {
                svg.mark(
                    "circle",
                    [
                        "class": "mark point", "cx": coordinate.x.svg, "cy": coordinate.y.svg, "r": (size.lineWidth * 1.6).svg,
                        "fill": color,
                    ],
                    title: "\(series.name), \(CivilDate(days: point.day).full): \(format.text(point.value.drawable))")
            }
        }
        svg.close("g")
    }
}
