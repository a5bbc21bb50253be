public import Domain
import Extraction
public import Store

/// What to compute statistics over.
public struct StatisticsQuery: Sendable, Hashable {
    /// A canonical company name; nil for the overall picture.
    public var company: String?
    /// Inclusive bounds, Unix milliseconds. A stage counts in the window when its first report does.
    public var since: Int64?
    public var until: Int64?
    /// Days of trend shown when no window is given, ending on the day of the newest report.
    public var trendDays: Int
    public var topLimit: Int

    public init(company: String? = nil, since: Int64? = nil, until: Int64? = nil, trendDays: Int = 30, topLimit: Int = 10) {
        self.company = company
        self.since = since
        self.until = until
        self.trendDays = trendDays
        self.topLimit = topLimit
    }
}

public struct CompanyActivity: Sendable, Hashable {
    public var company: String
    /// Stage reports, de-duplicated on (author, company, stage).
    public var updates: Int

    public init(company: String, updates: Int) {
        self.company = company
        self.updates = updates
    }
}

/// One company's place in the ranking of `/top`.
public struct CompanyStanding: Sendable, Hashable {
    public var rank: Int
    public var companies: Int
    public var activity: CompanyActivity
}

/// Everything `/stats` and `hiringpulse stats` show.
public struct StatisticsReport: Sendable, Hashable {
    public var company: String?
    public var since: Int64?
    public var until: Int64?
    public var funnel: FunnelStatistics
    public var trendFirstDay: Int64
    public var trendLastDay: Int64
    public var trend: [TrendPoint]
    public var topCompanies: [CompanyActivity]

    public init(
        company: String?, since: Int64?, until: Int64?, funnel: FunnelStatistics, trendFirstDay: Int64, trendLastDay: Int64,
        trend: [TrendPoint], topCompanies: [CompanyActivity]
    ) {
        self.company = company
        self.since = since
        self.until = until
        self.funnel = funnel
        self.trendFirstDay = trendFirstDay
        self.trendLastDay = trendLastDay
        self.trend = trend
        self.topCompanies = topCompanies
    }
}

public enum Statistics {
    /// The report for `query`. Without a window it is read from the rollups, whose cost does not
    /// grow with the number of updates; a window reads the first reports inside it (see
    /// `windowed`), whose cost grows with the window, not with the store.
    public static func report(_ query: StatisticsQuery, store: Store, now: Int64 = Timestamp.now()) async throws -> StatisticsReport {
        try await store.rollups.read { rollups in
            // A company nobody has mentioned yet has an empty funnel, not an error.
            let company = try query.company.map { try rollups.company(named: $0) ?? (id: -1, name: $0) }
            let companyID = company?.id
            guard query.since == nil && query.until == nil else {
                return try windowed(query, companyID: companyID, rollups: rollups, companyNames: try rollups.companyNames(), now: now)
            }
            // One company's report ranks only that company: its name is all that is needed.
            let names = try company.map { [$0.id: $0.name] } ?? rollups.companyNames()
            return try fromRollups(query, companyID: companyID, rollups: rollups, companyNames: names, now: now)
        }
    }

    /// The most active companies: first reports of `stage` (or of any stage) per company, over
    /// the last `days` UTC days including today, or ever.
    public static func top(stage: Stage?, days: Int?, limit: Int, store: Store, now: Int64 = Timestamp.now()) async throws
        -> [CompanyActivity]
    {
        let fromDay = days.map { Timestamp.day(of: now) - Int64($0) + 1 }
        return try await store.rollups.read { rollups in
            ranking(try rollups.activity(stage: stage, fromDay: fromDay), companyNames: try rollups.companyNames(), limit: limit)
        }
    }

    /// Where a company stands among the companies with reports of `stage` (or any) over the last
    /// `days` UTC days (or ever): its rank, 1 the busiest, companies with equal counts sharing the
    /// better rank; how many companies have any; and its own count. nil when it has none.
    public static func standing(
        of company: String, stage: Stage?, days: Int?, store: Store, now: Int64 = Timestamp.now()
    ) async throws -> CompanyStanding? {
        let fromDay = days.map { Timestamp.day(of: now) - Int64($0) + 1 }
        return try await store.rollups.read { rollups in
            guard let stored = try rollups.company(named: company) else { return nil }
            let counts = try rollups.activity(stage: stage, fromDay: fromDay)
            guard let own = counts[stored.id] else { return nil }
            return CompanyStanding(
                rank: counts.values.filter { $0 > own }.count + 1, companies: counts.count,
                activity: CompanyActivity(company: stored.name, updates: own))
        }
    }

    static func fromRollups(
        _ query: StatisticsQuery, companyID: Int64?, rollups: RollupReader, companyNames: [Int64: String], now: Int64
    ) throws -> StatisticsReport {
        let totals = try rollups.funnel(companyID: companyID)
        var daysBetween: [StagePair: DaysSummary] = [:]
        for pair in StagePair.reported {
            guard let durations = try rollups.durations(companyID: companyID, from: pair.from, to: pair.to) else { continue }
            daysBetween[pair] = DaysSummary(
                mean: Double(durations.totalMilliseconds) / Double(durations.count) / millisecondsPerDay,
                median: durations.medianMilliseconds / millisecondsPerDay, count: durations.count)
        }
        let lastDay = try rollups.newestReportDay(companyID: companyID) ?? Timestamp.day(of: now)
        let firstDay = lastDay - Int64(max(1, query.trendDays)) + 1
        let daily = try rollups.dailyReports(companyID: companyID, days: (firstDay - Trend.averageWindow + 1)...lastDay)
        let activity: [Int64: Int]
        if let companyID {
            let reports = totals.reported.values.reduce(0, +)
            activity = reports > 0 ? [companyID: reports] : [:]
        } else {
            activity = try rollups.activity(stage: nil, fromDay: nil)
        }
        return StatisticsReport(
            company: query.company, since: nil, until: nil,
            funnel: FunnelStatistics(totals, daysBetween: daysBetween),
            trendFirstDay: firstDay, trendLastDay: lastDay, trend: Trend.daily(counts: daily, firstDay: firstDay, lastDay: lastDay),
            topCompanies: ranking(activity, companyNames: companyNames, limit: query.topLimit))
    }

    static let millisecondsPerDay = 86_400_000.0

    /// Companies by first reports, most first, then by name.
    static func ranking(_ counts: [Int64: Int], companyNames: [Int64: String], limit: Int) -> [CompanyActivity] {
        guard limit > 0 else { return [] }
        // Only companies with at least the count of the limit-th busiest can make the list: only
        // they are named and sorted (hundreds of companies, most with a few reports, tie often).
        let cutoff = counts.count > limit ? counts.values.sorted(by: >)[limit - 1] : 0
        let ranked = counts.compactMap { id, updates in
            updates >= cutoff ? CompanyActivity(company: companyNames[id] ?? "#\(id)", updates: updates) : nil
        }
        .sorted { ($1.updates, $0.company) < ($0.updates, $1.company) }
        return Array(ranked.prefix(limit))
    }

    /// The pure part: statistics over already-built journeys.
    public static func compute(
        _ query: StatisticsQuery, journeys: [Journey], companyNames: [Int64: String], now: Int64
    ) -> StatisticsReport {
        let inWindow: (Int64) -> Bool = { time in
            (query.since.map { time >= $0 } ?? true) && (query.until.map { time <= $0 } ?? true)
        }
        let windowed: [Journey] = journeys.compactMap { journey in
            let kept = journey.firstReported.filter { inWindow($0.value) }
            return kept.isEmpty ? nil : Journey(authorHash: journey.authorHash, companyID: journey.companyID, firstReported: kept)
        }

        // The trend ends at the window's end, or on the newest report's day; it starts at the window's
        // start, or `trendDays` before its end.
        let allReports = journeys.flatMap { journey in journey.firstReported.map { (stage: $0.key, at: $0.value) } }
        let newest = allReports.map(\.at).filter(inWindow).max() ?? now
        let lastDay = Timestamp.day(of: query.until ?? newest)
        let firstDay = query.since.map(Timestamp.day(of:)) ?? lastDay - Int64(max(1, query.trendDays)) + 1
        let trendReports = allReports.filter { report in query.until.map { report.at <= $0 } ?? true }
        let trend = Trend.daily(firstReports: trendReports, firstDay: firstDay, lastDay: lastDay)

        var activity: [Int64: Int] = [:]
        for journey in windowed { activity[journey.companyID, default: 0] += journey.firstReported.count }
        let top = ranking(activity, companyNames: companyNames, limit: query.topLimit)

        return StatisticsReport(
            company: query.company, since: query.since, until: query.until, funnel: FunnelStatistics(journeys: windowed),
            trendFirstDay: firstDay, trendLastDay: lastDay, trend: trend, topCompanies: top)
    }
}
