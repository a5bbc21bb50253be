/// A series in the legend.
struct LegendEntry {
    var name: String
    var color: String
    /// An overlay's swatch is a dashed line, as its line is.
    var dashed: Bool
}

/// Where each legend entry goes: left to right under the title, wrapping to a new row where the width ends.
struct LegendPlacement {
    var positions: [(x: Double, y: Double)]
    var bottom: Double
}

extension Layout {
    /// Legend names are cut at this many characters.
    static let legendNameLimit = 24

    /// No legend for one series: the title names it.
    func legend(_ entries: [LegendEntry]) -> LegendPlacement {
        guard entries.count > 1 else { return LegendPlacement(positions: [], bottom: titleBottom) }
        var positions: [(x: Double, y: Double)] = []
        var x = font
        var y = titleBottom
        for entry in entries {
            let name = XMLText.fitted(entry.name, limit: Self.legendNameLimit)
            let entryWidth = font * 1.4 + textWidth(name) + font * 1.2
            if x > font && x + entryWidth > width - font {
                x = font
                y += font * 1.5
            }
            positions.append((x, y))
            x += entryWidth
        }
        return LegendPlacement(positions: positions, bottom: y + font * 1.8)
    }
}

extension Drawing {
    mutating func drawLegend(_ entries: [LegendEntry]) {
        let placement = layout.legend(entries)
        guard !placement.positions.isEmpty else { return }
        svg.open("g", ["class": "legend"])
        for (entry, position) in zip(entries, placement.positions) {
            let middle = position.y + font * 0.6
            if entry.dashed {
                svg.empty(
                    "line",
                    [
                        "class": "swatch", "x1": position.x.svg, "y1": middle.svg, "x2": (position.x + font).svg, "y2": middle.svg,
                        "stroke": entry.color, "stroke-width": size.lineWidth.svg, "stroke-dasharray": dashes,
                    ])
            } else {
                svg.empty(
                    "rect",
                    [
                        "class": "swatch", "x": position.x.svg, "y": (middle - font * 0.4).svg, "width": font.svg,
                        "height": (font * 0.8).svg, "fill": entry.color,
                    ])
            }
            let name = XMLText.fitted(entry.name, limit: Layout.legendNameLimit)
            svg.element(
                "text", ["x": (position.x + font * 1.4).svg, "y": (middle + font * 0.35).svg, "fill": "currentColor"], content: name,
                tooltip: name == XMLText.sanitized(entry.name) ? nil : entry.name)
        }
        svg.close("g")
    }

    /// The dash pattern of overlays, in proportion to the line width.
    var dashes: String { "\((size.lineWidth * 3).svg) \((size.lineWidth * 2).svg)" }
}
