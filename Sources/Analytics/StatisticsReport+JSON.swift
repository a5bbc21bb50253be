import Domain
import Extraction
public import JSON
import Store

extension StatisticsReport {
    /// The shape of `hiringpulse stats --json`, keys in the documented order; ratios, days and
    /// averages rounded to two decimals. A conversion out of a stage nobody reached is null.
    public var jsonValue: JSONValue {
        let stages = Stage.allCases.map { stage in
            let count = funnel.stages[stage] ?? StageCount()
            return (
                key: stage.rawValue,
                value: JSONValue.object([
                    ("reported", .integer(Int64(count.reported))), ("implied", .integer(Int64(count.implied))),
                ])
            )
        }
        let conversion = StagePair.reported.map { pair in
            (key: pair.description, value: (funnel.conversion[pair] ?? nil).map { JSONValue.number(Self.rounded($0)) } ?? .null)
        }
        let days = StagePair.reported.compactMap { pair -> (key: String, value: JSONValue)? in
            guard let summary = funnel.daysBetween[pair] else { return nil }
            return (
                key: pair.description,
                value: .object([
                    ("mean", .number(Self.rounded(summary.mean))), ("median", .number(Self.rounded(summary.median))),
                    ("n", .integer(Int64(summary.count))),
                ])
            )
        }
        let trend = self.trend.map { point in
            JSONValue.object([
                ("date", .string(Timestamp.date(day: point.day))), ("stage", .string(point.stage.rawValue)),
                ("count", .integer(Int64(point.count))), ("avg7", .number(Self.rounded(point.average7))),
            ])
        }
        let top = topCompanies.map { activity in
            JSONValue.object([("company", .string(activity.company)), ("updates", .integer(Int64(activity.updates)))])
        }
        return .object([
            ("company", JSONValue(company)),
            ("since", JSONValue(since.map(Timestamp.iso8601))),
            ("until", JSONValue(until.map(Timestamp.iso8601))),
            ("journeys", .integer(Int64(funnel.journeys))),
            ("stages", .object(stages)),
            ("conversion", .object(conversion)),
            ("days_between", .object(days)),
            ("trend", .array(trend)),
            ("top_companies", .array(top)),
        ])
    }

    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
