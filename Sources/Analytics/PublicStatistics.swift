import Domain
public import Store

/// The whole server's statistics as a public view shows them: the report, with every company
/// below the privacy threshold folded into "other companies", the spread of days between stages,
/// and the companies side by side.
public struct PublicOverview: Sendable, Hashable {
    public var report: StatisticsReport
    public var spreads: [DaysSpread]
    public var companies: [CompanyFunnel]
}

/// One company as a public view shows it.
public enum PublicCompanyView: Sendable, Hashable {
    case shown(report: StatisticsReport, spreads: [DaysSpread])
    /// Known, but with fewer journeys than the threshold: nothing of its funnel is shown.
    case tooFewJourneys(company: String)
    case unknown
}

/// Statistics for views anyone who can reach them may read (the dashboard and its JSON API):
/// aggregates only, and no company with fewer than `minJourneys` journeys on its own. Everything
/// is read in one transaction, from the rollups, so the cost does not grow with the store.
public enum PublicStatistics {
    public static func overview(trendDays: Int, topLimit: Int, minJourneys: Int, store: Store, now: Int64 = Timestamp.now())
        async throws -> PublicOverview
    {
        try await store.rollups.read { rollups in
            let names = try rollups.companyNames()
            let funnels = try rollups.companyFunnels()
            var report = try Statistics.fromRollups(
                StatisticsQuery(trendDays: trendDays, topLimit: 0), companyID: nil, rollups: rollups, companyNames: names, now: now)
            report.topCompanies = foldedRanking(
                try rollups.activity(stage: nil, fromDay: nil), funnels: funnels, names: names, minJourneys: minJourneys, limit: topLimit)
            return PublicOverview(
                report: report, spreads: try DaysSpread.all(companyID: nil, rollups: rollups),
                companies: CompanyComparison.fold(funnels, names: names, minJourneys: minJourneys))
        }
    }

    public static func company(named name: String, trendDays: Int, minJourneys: Int, store: Store, now: Int64 = Timestamp.now())
        async throws -> PublicCompanyView
    {
        try await store.rollups.read { rollups in
            guard let company = try rollups.company(named: name) else { return .unknown }
            guard try rollups.funnel(companyID: company.id).journeys >= minJourneys else { return .tooFewJourneys(company: company.name) }
            let report = try Statistics.fromRollups(
                StatisticsQuery(company: company.name, trendDays: trendDays, topLimit: 0), companyID: company.id, rollups: rollups,
                companyNames: [company.id: company.name], now: now)
            return .shown(report: report, spreads: try DaysSpread.all(companyID: company.id, rollups: rollups))
        }
    }

    /// The most active companies among those that may be shown alone, then one "other companies"
    /// row adding up the reports of the rest, when they have any.
    static func foldedRanking(
        _ activity: [Int64: Int], funnels: [Int64: FunnelTotals], names: [Int64: String], minJourneys: Int, limit: Int
    ) -> [CompanyActivity] {
        var shown: [Int64: Int] = [:]
        var folded = 0
        for (id, updates) in activity {
            if (funnels[id]?.journeys ?? 0) >= minJourneys { shown[id] = updates } else { folded += updates }
        }
        var ranking = Statistics.ranking(shown, companyNames: names, limit: limit)
        if folded > 0 { ranking.append(CompanyActivity(company: CompanyComparison.otherCompanies, updates: folded)) }
        return ranking
    }
}
