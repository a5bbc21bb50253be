import Charts
import Testing

@Suite struct TextTests {
    @Test func valueFormatsReadWithoutALocale() {
        #expect(ValueFormat.integer.text(41.6) == "42")
        #expect(ValueFormat.decimal.text(4.256) == "4.26")
        #expect(ValueFormat.decimal.text(1_234_567.5) == "1234567.5")
        #expect(ValueFormat.percent.text(0.42) == "42%")
        #expect(ValueFormat.percent.text(0.1234) == "12.3%")
        #expect(ValueFormat.days.text(3.5) == "3.5 d")
        #expect(ValueFormat.integer.text(-0.2) == "0")
        #expect(ValueFormat.decimal.text(-2.5) == "-2.5")
        #expect(ValueFormat.decimal.text(.infinity) == "0")
    }

    @Test func paletteIndicesWrapAround() {
        #expect(ChartPalette.color(0) == "#E69F00")
        #expect(ChartPalette.color(8) == "#E69F00")
        #expect(ChartPalette.color(-1) == ChartPalette.color(ChartPalette.neutral))
    }

    @Test func percentAxesRunToAHundred() {
        let chart = Chart(
            id: "rate", title: "Rate", summary: "Half.",
            body: .bars(BarChart(categories: ["a"], series: [ChartSeries(name: "s", values: [0.5])], valueFormat: .percent)))
        let svg = SVGRenderer().render(chart)
        #expect(svg.contains(">100%</text>"))
        #expect(svg.contains(">0%</text>"))
        #expect(svg.contains("<title>a: 50%</title>"))
    }

    @Test func countAxesTickAtRoundWholeNumbers() {
        let chart = Chart(
            id: "count", title: "Count", summary: "Three.",
            body: .bars(BarChart(categories: ["a"], series: [ChartSeries(name: "s", values: [3])])))
        let svg = SVGRenderer().render(chart)
        let ticks = svg.occurrences(of: "class=\"tick\"") - 1
        #expect(ticks == 4)
        #expect(svg.contains(">3</text>"))
        #expect(!svg.contains(">0.5</text>"))
    }

    @Test func decimalAxesEndAtTheRoundValueAboveTheData() {
        let chart = Chart(
            id: "decimal", title: "Decimal", summary: "0.3.",
            body: .bars(BarChart(categories: ["a"], series: [ChartSeries(name: "s", values: [0.3])], valueFormat: .decimal)))
        let svg = SVGRenderer().render(chart)
        #expect(svg.contains(">0.3</text>"))
        #expect(!svg.contains(">0.4</text>"))
    }

    @Test func datesSpanningYearsNameTheYear() {
        let chart = Chart(
            id: "long", title: "Long", summary: "Two years.",
            body: .lines(LineChart(series: [LineSeries(name: "s", points: [DayValue(day: 0, value: 1), DayValue(day: 800, value: 2)])])))
        let svg = SVGRenderer().render(chart)
        #expect(svg.contains("1970</text>"))
        #expect(svg.contains("1972</text>"))
    }
}
