extension Drawing {
    /// The plot area of a chart with a value axis on the left and `tickRows` lines of labels under it.
    func valuePlotArea(legendBottom: Double, scale: NiceScale, format: ValueFormat, tickRows: Int) -> PlotArea {
        let widestTick = scale.ticks.map { layout.textWidth(format.text($0)) }.max() ?? 0
        let left = font * 0.6 + layout.yLabelRoom + widestTick + font * 0.5
        let top = legendBottom + font * 0.5
        let bottom = height - font * 0.4 - layout.xLabelRoom - Double(tickRows) * font * 1.3
        return PlotArea(left: left, top: top, width: width - font * 1.5 - left, height: max(bottom - top, font))
    }

    /// Gridlines at the scale's ticks, the zero line stronger, each labelled on the left.
    mutating func drawValueAxis(_ area: PlotArea, scale: NiceScale, format: ValueFormat) {
        svg.open("g", ["class": "axis y"])
        for tick in scale.ticks {
            let y = area.y(tick, maximum: scale.maximum)
            svg.empty(
                "line",
                [
                    "class": tick == 0 ? "axis" : "grid", "x1": area.left.svg, "y1": y.svg, "x2": area.right.svg, "y2": y.svg,
                    "stroke": "currentColor", "stroke-opacity": tick == 0 ? "0.6" : "0.15",
                ])
            text(format.text(tick), x: area.left - font * 0.4, y: y + font * 0.35, className: "tick", anchor: "end")
        }
        svg.close("g")
    }

    /// One label under each category's band, cut to the band's width.
    mutating func drawCategoryAxis(_ area: PlotArea, labels: [String], secondLine: [String]? = nil) {
        guard !labels.isEmpty else { return }
        let band = area.width / Double(labels.count)
        // Where bands are too narrow for eight characters, every second (third…) band is labelled; each mark's tooltip
        // still names its category.
        let every = max(1, Int((layout.characterWidth * 8 / band).rounded(.up)))
        let limit = layout.characters(fitting: band * Double(every) - font * 0.8)
        svg.open("g", ["class": "axis x"])
        for (index, category) in labels.enumerated() where index.isMultiple(of: every) {
            let x = area.left + band * (Double(index) + 0.5)
            label(category, limit: limit, x: x, y: area.bottom + font * 1.2, className: "tick", anchor: "middle")
            if let secondLine {
                label(secondLine[index], limit: limit, x: x, y: area.bottom + font * 2.5, className: "tick", anchor: "middle")
            }
        }
        svg.close("g")
    }

    /// Dates under the plot, at round steps (whole weeks from Mondays, four-week months), as many as fit.
    mutating func drawDateAxis(_ area: PlotArea, days: DayRange) {
        let span = days.last - days.first
        let labelWidth = layout.characterWidth * 7 + font
        let fitting = min(size.maximumTicks + 1, max(2, Int(area.width / labelWidth)))
        let steps: [Int64] = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1456, 3640, 7280, 36400]
        let step = steps.first { span / $0 + 1 <= Int64(fitting) } ?? span
        // Weekly steps fall on Mondays; day 4 (1970-01-05) was one.
        let anchor: Int64 = step >= 7 ? 4 : 0
        var day = anchor + ceilingDivision(days.first - anchor, step) * step
        svg.open("g", ["class": "axis x"])
        while day <= days.last {
            let x = days.x(day, in: area)
            svg.empty(
                "line",
                [
                    "class": "grid", "x1": x.svg, "y1": area.top.svg, "x2": x.svg, "y2": area.bottom.svg, "stroke": "currentColor",
                    "stroke-opacity": "0.1",
                ])
            let date = CivilDate(days: day)
            let name = span > 300 ? date.monthYear : date.monthDay
            // Kept inside the canvas: the first and last ticks can sit at the plot's edges.
            let half = layout.textWidth(name) / 2
            let centre = min(max(x, half + font * 0.2), width - half - font * 0.2)
            text(name, x: centre, y: area.bottom + font * 1.2, className: "tick", anchor: "middle")
            day += step
        }
        svg.close("g")
    }

    private func ceilingDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor > 0 ? quotient + 1 : quotient
    }
}

/// The days an x axis spans; a single day is widened by one on each side so that it sits in the middle.
struct DayRange {
    let first: Int64
    let last: Int64

    init(_ days: [Int64]) {
        let low = days.min() ?? 0
        let high = days.max() ?? 0
        (first, last) = low == high ? (low - 1, high + 1) : (low, high)
    }

    func x(_ day: Int64, in area: PlotArea) -> Double {
        area.left + area.width * Double(day - first) / Double(last - first)
    }
}
