import Charts

/// Charts with fixed data, one of each kind, and the counts of marks they should draw.
enum Fixtures {
    static let hostile = "<script>alert(1)</script>"
    static let attribute = "\"onload=\"x"

    /// Nov 3, 2026.
    static let november3: Int64 = 20_760

    static let bars = Chart(
        id: "Stages by week", title: "Updates by stage", summary: "42 online assessments and 7 offers this week.", xLabel: "Stage",
        yLabel: "Updates",
        body: .bars(
            BarChart(
                categories: ["OA", "Interview", "Offer", hostile],
                series: [ChartSeries(name: "This week", values: [42, 12, 7, 0]), ChartSeries(name: "Last week", values: [30, 0, 5, 1])],
                stacked: true)))
    /// Non-zero values in `bars`.
    static let barMarks = 6

    static let ranking = Chart(
        id: "top", title: "Most active companies", summary: "Jane Street leads with 31 updates.",
        body: .ranking(
            RankingChart(rows: [
                .init(label: "Jane Street", value: 31), .init(label: attribute, value: 12),
                .init(label: "A company with a name far longer than any label should be", value: 4), .init(label: "Quiet", value: 0),
            ])))
    static let rankingMarks = 3

    static let lines = Chart(
        id: "trend", title: "Updates per day", summary: "Up from 3 to 9 a day.", yLabel: "Updates",
        body: .lines(
            LineChart(series: [
                LineSeries(
                    name: "Daily", points: (0..<10).map { DayValue(day: november3 + $0, value: Double($0 % 4 + 3)) }, style: .points),
                LineSeries(name: "7-day average", points: (6..<10).map { DayValue(day: november3 + $0, value: 4.5) }, style: .overlay),
            ])))
    static let linePoints = 10

    static let heatmap = Chart(
        id: "conversion", title: "Stage conversion", summary: "Half of OAs lead to interviews.",
        body: .heatmap(
            Heatmap(
                rows: ["Jane Street", hostile, "Citadel"], columns: ["OA→Interview", "Interview→Offer"],
                cells: [
                    [.init(value: 0.5, label: "50% n=12"), .init(value: 0.1, label: "10% n=10")],
                    [nil, .init(value: 1, label: "100% n=1")],
                    [.init(value: 0, label: "0% n=4")],
                ])))
    static let heatmapCells = 4

    static let boxes = Chart(
        id: "time-to-offer", title: "Days to offer", summary: "A median of 21 days.",
        body: .boxes(
            BoxPlot(boxes: [
                .init(label: "Jane Street", minimum: 7, lowerQuartile: 14, median: 21, upperQuartile: 30, maximum: 45, count: 12),
                .init(label: "Citadel", minimum: 3, lowerQuartile: 5, median: 9, upperQuartile: 12, maximum: 20, count: 5),
            ])))
    static let boxCount = 2

    static let timeline = Chart(
        id: "journeys", title: "Journeys", summary: "Two companies, five updates.",
        body: .timeline(
            Timeline(
                lanes: [
                    .init(label: "Jane Street", events: [.init(day: november3, category: 0), .init(day: november3 + 9, category: 1)]),
                    .init(
                        label: hostile,
                        events: [
                            .init(day: november3 + 2, category: 0), .init(day: november3 + 20, category: 2),
                            .init(day: november3 + 30, category: 9),
                        ]),
                ],
                categories: [
                    .init(name: "OA", colorIndex: 0), .init(name: "Interview", colorIndex: 1), .init(name: "Offer", colorIndex: 2),
                ])))
    static let events = 5
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
