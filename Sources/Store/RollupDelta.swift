/// What changes of journeys do to the aggregate tables, as signed counts per row key. Pure: the
/// write path folds each changed journey's old and new first reports into one delta, and
/// `RollupWriter` applies it as one upsert per touched row, instead of triggers per stage update.
///
/// Company 0 is all companies together, as in the tables.
struct RollupDelta {
    /// `funnel_rollup`'s counters: journeys, then `RollupSchema.funnelColumns` in order.
    static let funnelWidth = 1 + RollupSchema.funnelColumns.count

    struct DailyKey: Hashable {
        var companyID: Int64
        var stage: Int
        var day: Int64
    }

    struct DurationKey: Hashable {
        var companyID: Int64
        var pair: Int
        var key: Int64
    }

    struct DurationCount {
        var journeys = 0
        var totalMilliseconds: Int64 = 0
        var isZero: Bool { journeys == 0 && totalMilliseconds == 0 }
    }

    var funnel: [Int64: [Int]] = [:]
    var daily: [DailyKey: Int] = [:]
    /// One per `RollupSchema.durationLevels` grain: exact milliseconds, hours, days.
    var durations: [[DurationKey: DurationCount]] = Array(repeating: [:], count: RollupSchema.durationLevels.count)

    var isEmpty: Bool {
        funnel.values.allSatisfy { $0.allSatisfy { $0 == 0 } } && daily.values.allSatisfy { $0 == 0 }
            && durations.allSatisfy { $0.values.allSatisfy(\.isZero) }
    }

    /// A journey of `companyID` went from `old` to `new` (nil or empty: no row).
    mutating func replace(companyID: Int64, old: FirstReportTimes?, new: FirstReportTimes?) {
        if let old, !old.isEmpty { add(old, companyID: companyID, sign: -1) }
        if let new, !new.isEmpty { add(new, companyID: companyID, sign: 1) }
    }

    private mutating func add(_ journey: FirstReportTimes, companyID: Int64, sign: Int) {
        let counters = Self.funnelCounters(journey)
        for company in [companyID, 0] {
            var row = funnel[company] ?? Array(repeating: 0, count: Self.funnelWidth)
            for index in 0..<Self.funnelWidth { row[index] += sign * counters[index] }
            funnel[company] = row
            for position in 0..<FirstReportTimes.stageCount {
                guard let at = journey[position] else { continue }
                daily[DailyKey(companyID: company, stage: position, day: Timestamp.day(of: at)), default: 0] += sign
            }
            for (pair, duration) in Self.durations(journey) {
                for (level, grain) in RollupSchema.durationLevels.enumerated() {
                    let key = DurationKey(companyID: company, pair: pair, key: duration / Int64(grain.span))
                    var count = durations[level][key] ?? DurationCount()
                    count.journeys += sign
                    if grain.carriesTotal { count.totalMilliseconds += Int64(sign) * duration }
                    durations[level][key] = count
                }
            }
        }
    }

    /// A journey's `funnel_rollup` counters: 1 journey, then per funnel stage reported and implied
    /// (0 or 1), then rejected reported; the order of `RollupSchema.funnelColumns`.
    static func funnelCounters(_ journey: FirstReportTimes) -> [Int] {
        let furthest = journey.furthestFunnelPosition
        var counters = [1]
        for position in 0..<FirstReportTimes.funnelCount {
            let reported = journey[position] != nil
            counters.append(reported ? 1 : 0)
            counters.append(!reported && furthest >= position ? 1 : 0)
        }
        counters.append(journey[FirstReportTimes.rejectedPosition] != nil ? 1 : 0)
        return counters
    }

    /// Milliseconds between the stages of each `RollupSchema.pairs` pair (by index) that the
    /// journey reported both of, between their effective times.
    static func durations(_ journey: FirstReportTimes) -> [(pair: Int, milliseconds: Int64)] {
        var result: [(pair: Int, milliseconds: Int64)] = []
        for (index, pair) in pairPositions.enumerated() {
            guard journey[pair.from] != nil, journey[pair.to] != nil,
                let start = journey.effectiveTime(pair.from), let end = journey.effectiveTime(pair.to)
            else { continue }
            result.append((index, end - start))
        }
        return result
    }

    static let pairPositions: [(from: Int, to: Int)] = RollupSchema.pairs.map { pair in
        (RollupSchema.stages.firstIndex(of: pair.from)!, RollupSchema.stages.firstIndex(of: pair.to)!)
    }
}
