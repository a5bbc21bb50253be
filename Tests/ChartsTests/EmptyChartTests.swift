import Charts
import Testing

@Suite struct EmptyChartTests {
    static let empty: [EmptySample] = [
        EmptySample(testDescription: "no categories", body: .bars(BarChart(categories: [], series: []))),
        EmptySample(
            testDescription: "all-zero bars",
            body: .bars(BarChart(categories: ["a", "b"], series: [ChartSeries(name: "s", values: [0, 0])]))),
        EmptySample(testDescription: "no rows", body: .ranking(RankingChart(rows: []))),
        EmptySample(testDescription: "all-zero ranking", body: .ranking(RankingChart(rows: [.init(label: "a", value: 0)]))),
        EmptySample(testDescription: "no points", body: .lines(LineChart(series: [LineSeries(name: "s", points: [])]))),
        EmptySample(testDescription: "no cells", body: .heatmap(Heatmap(rows: ["a"], columns: ["b"], cells: [[nil]]))),
        EmptySample(testDescription: "no heatmap rows", body: .heatmap(Heatmap(rows: [], columns: [], cells: []))),
        EmptySample(testDescription: "no boxes", body: .boxes(BoxPlot(boxes: []))),
        EmptySample(testDescription: "no events", body: .timeline(Timeline(lanes: [.init(label: "a", events: [])], categories: []))),
    ]

    @Test(arguments: empty) func saysNoDataYetAndDrawsNoMarks(sample: EmptySample) throws {
        let chart = Chart(id: "empty", title: "Nothing", summary: "No updates yet.", body: sample.body)
        let svg = SVGRenderer().render(chart)
        #expect(svg.contains("class=\"empty\""))
        #expect(svg.contains(">No data yet</text>"))
        #expect(!svg.contains("class=\"mark"))
        #expect(svg.contains("viewBox=\"0 0 720 360\""))
        // Still a document librsvg reads.
        let image = try PNGRenderer.render(chart)
        #expect(image.width == 800)
    }
}
