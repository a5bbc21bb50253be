import Domain
import Extraction
public import JSON
import Store

extension StatisticsReport {
    /// The shape of `hiringpulse stats --json`, keys in the documented order; ratios, days and
    /// averages rounded to two decimals. A conversion out of a stage nobody reached is null.
    public var jsonValue: JSONValue {
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
            ("stages", funnel.stagesJSON),
            ("conversion", funnel.conversionJSON),
            ("days_between", .object(days)),
            ("trend", .array(trend)),
            ("top_companies", .array(top)),
        ])
    }

    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}

extension FunnelStatistics {
    /// `{"applied": {"reported": …, "implied": …}, …}`, every stage in funnel order.
    public var stagesJSON: JSONValue {
        .object(
            Stage.allCases.map { stage in
                let count = stages[stage] ?? StageCount()
                return (
                    key: stage.rawValue,
                    value: .object([("reported", .integer(Int64(count.reported))), ("implied", .integer(Int64(count.implied)))])
                )
            })
    }

    /// `{"applied->oa": 0.42, …}`; null out of a stage nobody reached.
    public var conversionJSON: JSONValue {
        .object(
            StagePair.reported.map { pair in
                (key: pair.description, value: (conversion[pair] ?? nil).map { JSONValue.number(StatisticsReport.rounded($0)) } ?? .null)
            })
    }
}

extension DaysSpread {
    /// `{"oa->phone": {"p10": …, "p25": …, "median": …, "p75": …, "p90": …, "n": …}, …}`, days rounded to two decimals.
    public static func json(_ spreads: [DaysSpread]) -> JSONValue {
        .object(
            spreads.map { spread in
                let figures: [(String, Double)] = [
                    ("p10", spread.lowDecile), ("p25", spread.lowerQuartile), ("median", spread.median), ("p75", spread.upperQuartile),
                    ("p90", spread.highDecile),
                ]
                let values = figures.map { (key: $0.0, value: JSONValue.number(StatisticsReport.rounded($0.1))) }
                return (key: spread.pair.description, value: .object(values + [(key: "n", value: .integer(Int64(spread.count)))]))
            })
    }
}
