import GRDB

/// One journey's first reports inside a time window.
public struct WindowedJourney: Sendable, Hashable {
    public var companyID: Int64
    public var firstReports: FirstReportTimes
}

extension RollupReader {
    /// The journeys (of one company, or all) with a first report in `lower...upper`, each with
    /// only those first reports. Read from `journey_reports`, one range of the index per company,
    /// so the cost follows the reports inside the window, not the size of the store.
    public func journeys(companyID: Int64?, firstReportedIn lower: Int64, _ upper: Int64) throws -> [WindowedJourney] {
        guard lower <= upper else { return [] }
        let companies =
            try companyID.map { [$0] }
            ?? Int64.fetchAll(try db.cachedStatement(sql: "SELECT company_id FROM funnel_rollup WHERE company_id != 0 ORDER BY company_id"))
        let reports = try db.cachedStatement(
            sql: "SELECT journey_id, stage, at FROM journey_reports WHERE company_id = ? AND at BETWEEN ? AND ?")
        var journeys: [WindowedJourney] = []
        // Where each journey of the current company is in `journeys`.
        var slots: [Int64: Int] = [:]
        for company in companies {
            slots.removeAll(keepingCapacity: true)
            let cursor = try Row.fetchCursor(reports, arguments: [company, lower, upper])
            while let row = try cursor.next() {
                let journey: Int64 = row[0]
                let slot: Int
                if let known = slots[journey] {
                    slot = known
                } else {
                    slot = journeys.count
                    slots[journey] = slot
                    journeys.append(WindowedJourney(companyID: company, firstReports: FirstReportTimes()))
                }
                journeys[slot].firstReports[row[1] as Int] = row[2] as Int64
            }
        }
        return journeys
    }
}
