extension Drawing {
    /// Lane labels are cut at this many characters.
    static let laneLabelLimit = 20

    mutating func drawTimeline(_ timeline: Timeline) {
        guard !timeline.isEmpty else { return drawEmpty() }
        let entries = timeline.legendEntries
        drawLegend(entries)
        let left = font * 0.6 + layout.yLabelRoom + layout.labelColumn(timeline.lanes.map(\.label), limit: Self.laneLabelLimit)
        let area = PlotArea(
            left: left + font, top: layout.legend(entries).bottom, width: max(width - left - font * 3, font),
            height: Double(timeline.lanes.count) * layout.rowHeight)
        let days = DayRange(timeline.lanes.flatMap { $0.events.map(\.day) })
        drawDateAxis(area, days: days)
        drawAxisLabels(area)

        svg.open("g", ["class": "marks"])
        for (index, lane) in timeline.lanes.enumerated() {
            let middle = area.top + layout.rowHeight * (Double(index) + 0.5)
            label(lane.label, limit: Self.laneLabelLimit, x: left - font * 0.4, y: middle + font * 0.35, className: "tick", anchor: "end")
            svg.empty(
                "line",
                [
                    "class": "grid", "x1": area.left.svg, "y1": middle.svg, "x2": area.right.svg, "y2": middle.svg,
                    "stroke": "currentColor",
                    "stroke-opacity": "0.15",
                ])
            for event in lane.events.sorted(by: { ($0.day, $0.category) < ($1.day, $1.category) }) {
                let name = timeline.categories.indices.contains(event.category) ? timeline.categories[event.category].name : "event"
                svg.mark(
                    "circle",
                    [
                        "class": "mark event", "cx": days.x(event.day, in: area).svg, "cy": middle.svg, "r": (font * 0.4).svg,
                        "fill": timeline.color(of: event.category), "stroke": "currentColor", "stroke-opacity": "0.5",
                    ], title: "\(lane.label): \(name), \(CivilDate(days: event.day).full)")
            }
        }
        svg.close("g")
    }
}
