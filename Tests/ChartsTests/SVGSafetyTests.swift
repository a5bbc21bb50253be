import Charts
import Testing

@Suite struct SVGSafetyTests {
    let renderer = SVGRenderer()

    @Test(arguments: Sample.allCases) func hostileTextAppearsOnlyEscaped(sample: Sample) {
        var chart = sample.chart
        chart.title = Fixtures.hostile + "]]>"
        chart.summary = Fixtures.attribute + " & 'quoted'"
        chart.xLabel = Fixtures.hostile
        let svg = renderer.render(chart)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("onload=\""))
        #expect(!svg.contains("]]>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("&quot;onload=&quot;x &amp; &apos;quoted&apos;"))
    }

    @Test func controlCharactersAreDroppedAndLineBreaksFlattened() {
        var chart = Fixtures.bars
        chart.title = "a\u{0}b\u{1B}c\nd\u{FFFF}"
        let svg = renderer.render(chart)
        #expect(svg.contains(">abc d</title>"))
        #expect(!svg.contains("\u{0}"))
        #expect(!svg.contains("\u{1B}"))
    }

    @Test(arguments: Sample.allCases) func renderingTwiceGivesTheSameText(sample: Sample) {
        let chart = sample.chart
        #expect(renderer.render(chart) == renderer.render(chart))
        #expect(SVGRenderer(size: .image, theme: .discord).render(chart) == SVGRenderer(size: .image, theme: .discord).render(chart))
    }

    @Test(arguments: Sample.allCases) func numbersHaveAtMostTwoDecimalsAndNoExponent(sample: Sample) {
        let chart = sample.chart
        let svg = SVGRenderer(size: .image).render(chart)
        #expect(!svg.contains("e+"))
        #expect(!svg.contains("e-0"))
        #expect(!svg.contains("nan"))
        #expect(!svg.contains("inf"))
        // A third decimal would follow a digit, a point and two digits.
        let digits = Set("0123456789")
        let characters = Array(svg)
        let third = characters.indices.dropFirst(3).contains { index in
            characters[index - 3] == "." && [1, 2, 0].allSatisfy { digits.contains(characters[index - $0]) }
        }
        #expect(!third)
    }

    @Test func nonFiniteAndNegativeValuesDrawAsZero() {
        let chart = Chart(
            id: "odd", title: "Odd", summary: "Odd values.",
            body: .bars(BarChart(categories: ["a", "b", "c"], series: [ChartSeries(name: "s", values: [.nan, -3, 2])])))
        let svg = renderer.render(chart)
        #expect(svg.occurrences(of: "class=\"mark bar\"") == 1)
        #expect(!svg.contains("nan"))
    }
}
