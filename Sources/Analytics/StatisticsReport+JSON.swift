import Extraction
import Store

extension StatisticsReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case company, since, until, journeys, stages, conversion, trend
        case daysBetween = "days_between"
        case topCompanies = "top_companies"
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The shape of `hiringpulse stats --json`; ratios, days and averages rounded to two decimals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(company, forKey: .company)
        try container.encode(since.map(Timestamp.iso8601), forKey: .since)
        try container.encode(until.map(Timestamp.iso8601), forKey: .until)
        try container.encode(funnel.journeys, forKey: .journeys)

        var stages = container.nestedContainer(keyedBy: Key.self, forKey: .stages)
        for stage in Stage.allCases {
            var counts = stages.nestedContainer(keyedBy: Key.self, forKey: Key(stage.rawValue))
            try counts.encode(funnel.stages[stage]?.reported ?? 0, forKey: Key("reported"))
            try counts.encode(funnel.stages[stage]?.implied ?? 0, forKey: Key("implied"))
        }

        var conversion = container.nestedContainer(keyedBy: Key.self, forKey: .conversion)
        for pair in StagePair.reported {
            try conversion.encode((funnel.conversion[pair] ?? nil).map(Self.rounded), forKey: Key(pair.description))
        }

        var days = container.nestedContainer(keyedBy: Key.self, forKey: .daysBetween)
        for pair in StagePair.reported {
            guard let summary = funnel.daysBetween[pair] else { continue }
            var entry = days.nestedContainer(keyedBy: Key.self, forKey: Key(pair.description))
            try entry.encode(Self.rounded(summary.mean), forKey: Key("mean"))
            try entry.encode(Self.rounded(summary.median), forKey: Key("median"))
            try entry.encode(summary.count, forKey: Key("n"))
        }

        var trend = container.nestedUnkeyedContainer(forKey: .trend)
        for point in self.trend {
            var entry = trend.nestedContainer(keyedBy: Key.self)
            try entry.encode(Timestamp.date(day: point.day), forKey: Key("date"))
            try entry.encode(point.stage.rawValue, forKey: Key("stage"))
            try entry.encode(point.count, forKey: Key("count"))
            try entry.encode(Self.rounded(point.average7), forKey: Key("avg7"))
        }

        var top = container.nestedUnkeyedContainer(forKey: .topCompanies)
        for activity in topCompanies {
            var entry = top.nestedContainer(keyedBy: Key.self)
            try entry.encode(activity.company, forKey: Key("company"))
            try entry.encode(activity.updates, forKey: Key("updates"))
        }
    }

    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
