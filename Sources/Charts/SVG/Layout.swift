/// The measures every kind of chart shares, and the height each takes: rankings, heatmaps and timelines grow with their
/// rows, the others take the size's height. Text widths are estimates (DejaVu Sans averages a little over 0.6 em per character),
/// enough to cut labels before they overlap.
struct Layout {
    let chart: Chart
    let size: ChartSize

    var font: Double { size.fontSize }
    var width: Double { Double(size.width) }
    var characterWidth: Double { font * 0.62 }
    /// Below the title's line.
    var titleBottom: Double { font * 2.4 }
    /// One row of a ranking, heatmap or timeline.
    var rowHeight: Double { font * 2 }
    var xLabelRoom: Double { chart.xLabel == nil ? 0 : font * 1.5 }
    var yLabelRoom: Double { chart.yLabel == nil ? 0 : font * 1.6 }

    /// The most characters a text of this font size shows in `room`.
    func characters(fitting room: Double, scale: Double = 1) -> Int {
        max(1, Int(room / (characterWidth * scale)))
    }

    func textWidth(_ text: String, scale: Double = 1) -> Double {
        Double(XMLText.sanitized(text).count) * characterWidth * scale
    }

    /// Room for row labels up to `limit` characters, or less when every label is shorter.
    func labelColumn(_ labels: [String], limit: Int) -> Double {
        let longest = labels.map { min(XMLText.sanitized($0).count, limit) }.max() ?? 0
        return Double(max(longest, 3)) * characterWidth + font * 0.6
    }

    var height: Double {
        let rows: Double
        switch chart.body {
        case .ranking(let ranking):
            guard !ranking.isEmpty else { return Double(size.height) }
            rows = titleBottom + Double(ranking.rows.count) * rowHeight + font * 0.6 + xLabelRoom
        case .heatmap(let heatmap):
            guard !heatmap.isEmpty else { return Double(size.height) }
            rows = titleBottom + heatmapHeaderHeight + Double(heatmap.rows.count) * rowHeight + font * 0.6 + xLabelRoom
        case .timeline(let timeline):
            guard !timeline.isEmpty else { return Double(size.height) }
            rows = legend(timeline.legendEntries).bottom + Double(timeline.lanes.count) * rowHeight + font * 2 + xLabelRoom
        case .bars, .lines, .boxes:
            return Double(size.height)
        }
        return rows.rounded(.up)
    }

    var heatmapHeaderHeight: Double { font * 1.8 }
}

extension RankingChart {
    var isEmpty: Bool { !rows.contains { $0.value.drawable > 0 } }
}

extension Heatmap {
    var isEmpty: Bool {
        rows.isEmpty || columns.isEmpty || !rows.indices.contains { row in columns.indices.contains { cell(row: row, column: $0) != nil } }
    }
}

extension Timeline {
    var isEmpty: Bool { !lanes.contains { !$0.events.isEmpty } }

    var legendEntries: [LegendEntry] {
        categories.enumerated().map { LegendEntry(name: $1.name, color: ChartPalette.color($1.colorIndex ?? $0), dashed: false) }
    }

    func color(of category: Int) -> String {
        guard categories.indices.contains(category) else { return ChartPalette.color(ChartPalette.neutral) }
        return ChartPalette.color(categories[category].colorIndex ?? category)
    }
}
