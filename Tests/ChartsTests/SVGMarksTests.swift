import Charts
import Testing

@Suite struct SVGMarksTests {
    let renderer = SVGRenderer()

    @Test func barsDrawOneBarPerNonZeroValueWithLabelsAndALegend() {
        let svg = renderer.render(Fixtures.bars)
        #expect(svg.occurrences(of: "class=\"mark bar\"") == Fixtures.barMarks)
        #expect(svg.contains("<title>OA, This week: 42</title>"))
        #expect(svg.contains("class=\"legend\""))
        #expect(svg.occurrences(of: "class=\"axis-label\"") == 2)
        #expect(svg.contains(">Interview</text>"))
        // The stacked totals over the columns.
        #expect(svg.contains(">72</text>"))
    }

    @Test func sideBySideBarsDrawTheSameMarks() {
        var chart = Fixtures.bars
        guard case .bars(var bars) = chart.body else { return }
        bars.stacked = false
        chart.body = .bars(bars)
        #expect(renderer.render(chart).occurrences(of: "class=\"mark bar\"") == Fixtures.barMarks)
    }

    @Test func oneSeriesHasNoLegend() {
        let chart = Chart(
            id: "one", title: "One", summary: "One series.",
            body: .bars(BarChart(categories: ["a"], series: [ChartSeries(name: "s", values: [1])])))
        let svg = renderer.render(chart)
        #expect(!svg.contains("class=\"legend\""))
        #expect(svg.contains("<title>a: 1</title>"))
    }

    @Test func rankingDrawsABarPerNonZeroRowAndEveryValue() {
        let svg = renderer.render(Fixtures.ranking)
        #expect(svg.occurrences(of: "class=\"mark bar\"") == Fixtures.rankingMarks)
        #expect(svg.occurrences(of: "class=\"value\"") == 4)
        #expect(svg.contains("<title>Jane Street: 31</title>"))
        // Cut to 24 characters, the whole name kept as the tooltip.
        #expect(svg.contains(">A company with a name f…</text>"))
        #expect(svg.contains("<title>A company with a name far longer than any label should be</title>"))
    }

    @Test func linesDrawAPathPerSeriesAndAPointPerPoint() {
        let svg = renderer.render(Fixtures.lines)
        #expect(svg.occurrences(of: "class=\"mark point\"") == Fixtures.linePoints)
        #expect(svg.occurrences(of: "class=\"mark line\"") == 1)
        #expect(svg.occurrences(of: "class=\"mark line overlay\"") == 1)
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains(">Nov 3</text>"))
        #expect(svg.contains("<title>Daily, Nov 3, 2026: 3</title>"))
    }

    @Test func heatmapDrawsACellPerValueAndADashWithoutData() {
        let svg = renderer.render(Fixtures.heatmap)
        #expect(svg.occurrences(of: "class=\"mark cell\"") == Fixtures.heatmapCells)
        // The hostile row's first cell, and Citadel's missing second one.
        #expect(svg.occurrences(of: "class=\"no-data\"") == 2)
        #expect(svg.occurrences(of: ">–</text>") == 2)
        #expect(svg.contains(">50% n=12</text>"))
        // Dark text on the palest cell, light text on the darkest.
        #expect(svg.contains("fill=\"#111111\">0% n=4</text>"))
        #expect(svg.contains("fill=\"#FFFFFF\">100% n=1</text>"))
    }

    @Test func boxesDrawABoxWhiskersAndAMedianPerCategory() {
        let svg = renderer.render(Fixtures.boxes)
        #expect(svg.occurrences(of: "class=\"mark box\"") == Fixtures.boxCount)
        #expect(svg.occurrences(of: "class=\"whisker\"") == 4 * Fixtures.boxCount)
        #expect(svg.occurrences(of: "class=\"median\"") == Fixtures.boxCount)
        #expect(svg.contains("Jane Street: median 21 d, quartiles 14 d–30 d, range 7 d–45 d, n=12"))
        #expect(svg.contains(">n=5</text>"))
    }

    @Test func timelineDrawsAMarkerPerEventInItsCategoryColour() {
        let svg = renderer.render(Fixtures.timeline)
        #expect(svg.occurrences(of: "class=\"mark event\"") == Fixtures.events)
        #expect(svg.contains("<title>Jane Street: Interview, Nov 12, 2026</title>"))
        #expect(svg.contains("fill=\"#56B4E9\""))
        // An event of a category the timeline does not name is grey.
        #expect(svg.contains("fill=\"#999999\""))
        #expect(svg.contains("class=\"legend\""))
    }

    @Test(arguments: Sample.allCases) func everyChartHasATitleADescriptionAndTheirIds(sample: Sample) {
        let chart = sample.chart
        let svg = renderer.render(chart)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.occurrences(of: "<title id=") == 1)
        #expect(svg.occurrences(of: "<desc id=") == 1)
        #expect(svg.contains("font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\""))
        #expect(!svg.contains("style"))
        #expect(!svg.contains("No data yet"))
    }

    @Test func idsComeFromTheChartsIdAsLowerCaseLettersDigitsAndHyphens() {
        let svg = renderer.render(Fixtures.bars)
        #expect(svg.contains("aria-labelledby=\"stages-by-week-title stages-by-week-desc\""))
        #expect(svg.contains("<title id=\"stages-by-week-title\">Updates by stage</title>"))
        #expect(svg.contains("<desc id=\"stages-by-week-desc\">42 online assessments and 7 offers this week.</desc>"))
        var numbered = Fixtures.bars
        numbered.id = "7 <days>"
        #expect(renderer.render(numbered).contains("aria-labelledby=\"chart-7-days-title chart-7-days-desc\""))
    }

    @Test func theSizeAndTheRowsSetTheCanvas() {
        let svg = renderer.render(Fixtures.bars)
        #expect(svg.contains("viewBox=\"0 0 720 360\" width=\"720\" height=\"360\""))
        let (width, height) = renderer.dimensions(of: Fixtures.ranking)
        #expect(width == 720)
        #expect(renderer.render(Fixtures.ranking).contains("viewBox=\"0 0 720 \(height)\" width=\"720\" height=\"\(height)\""))
        var longer = Fixtures.ranking
        guard case .ranking(var ranking) = longer.body else { return }
        ranking.rows += ranking.rows
        longer.body = .ranking(ranking)
        #expect(renderer.dimensions(of: longer).height > height)
    }

    @Test func aThemeAddsABackgroundAndTheTextColour() {
        let svg = SVGRenderer(size: .image, theme: .discord).render(Fixtures.bars)
        #expect(svg.contains("color=\"#F2F3F5\""))
        #expect(svg.contains("<rect class=\"background\" x=\"0\" y=\"0\" width=\"800\" height=\"450\" fill=\"#2B2D31\"/>"))
        #expect(!renderer.render(Fixtures.bars).contains("class=\"background\""))
    }
}
