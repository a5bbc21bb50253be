import Domain
import Extraction
import Store

extension Statistics {
    /// A report over a window, equal to `compute` over every journey, from the first reports inside
    /// the window (`journey_reports`) and the daily rollup. "First report" means first ever, not
    /// first inside the window: `journey_reports` holds only each journey's first report of a stage.
    static func windowed(
        _ query: StatisticsQuery, companyID: Int64?, rollups: RollupReader, companyNames: [Int64: String], now: Int64
    ) throws -> StatisticsReport {
        let since = query.since ?? .min
        let until = query.until ?? .max
        // A window with an end ends the trend on that day, which then counts only the reports up to
        // the end: those come from the same scan, which starts early enough to hold the whole day.
        let endDay = query.until.map { Timestamp.day(of: $0) }
        let endDayStart = endDay.map { $0 * Timestamp.millisecondsPerDay } ?? .max
        let scanStart = min(since, endDayStart)

        var tally = FunnelTally()
        var activity: [Int64: Int] = [:]
        var newest: Int64?
        var endDayReports = Array(repeating: 0, count: Stage.allCases.count)
        for journey in try rollups.journeys(companyID: companyID, firstReportedIn: scanStart, until) {
            let reports = journey.firstReports
            if endDay != nil {
                for position in 0..<Stage.allCases.count {
                    if let at = reports[position], at >= endDayStart { endDayReports[position] += 1 }
                }
            }
            let inWindow = scanStart == since ? reports : reports.within(since, until)
            guard !inWindow.isEmpty else { continue }
            tally.add(inWindow)
            for position in 0..<Stage.allCases.count {
                guard let at = inWindow[position] else { continue }
                activity[journey.companyID, default: 0] += 1
                if newest.map({ at > $0 }) ?? true { newest = at }
            }
        }

        let lastDay = endDay ?? Timestamp.day(of: newest ?? now)
        let firstDay = query.since.map { Timestamp.day(of: $0) } ?? lastDay - Int64(max(1, query.trendDays)) + 1
        var daily: [DailyReports] = []
        let fullDays = (firstDay - Trend.averageWindow + 1, endDay == nil ? lastDay : lastDay - 1)
        if fullDays.0 <= fullDays.1 {
            daily = try rollups.dailyReports(companyID: companyID, days: fullDays.0...fullDays.1)
        }
        if let endDay {
            for (position, stage) in Stage.allCases.enumerated() where endDayReports[position] > 0 {
                daily.append(DailyReports(stage: stage, day: endDay, reports: endDayReports[position]))
            }
        }
        return StatisticsReport(
            company: query.company, since: query.since, until: query.until, funnel: tally.statistics,
            trendFirstDay: firstDay, trendLastDay: lastDay, trend: Trend.daily(counts: daily, firstDay: firstDay, lastDay: lastDay),
            topCompanies: ranking(activity, companyNames: companyNames, limit: query.topLimit))
    }
}
