import Charts
import Testing

/// The fixture charts as test arguments, named by kind rather than by their whole description.
enum Sample: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case bars, ranking, lines, heatmap, boxes, timeline

    var chart: Chart {
        switch self {
        case .bars: Fixtures.bars
        case .ranking: Fixtures.ranking
        case .lines: Fixtures.lines
        case .heatmap: Fixtures.heatmap
        case .boxes: Fixtures.boxes
        case .timeline: Fixtures.timeline
        }
    }

    var testDescription: String { rawValue }
}

/// A chart body without data, named for the test report.
struct EmptySample: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let body: ChartBody
}
