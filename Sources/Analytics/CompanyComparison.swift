import Domain
public import Store

/// One row of the comparison of companies: a company's funnel, or the funnels of every company
/// with too few journeys to be shown alone, added up.
public struct CompanyFunnel: Sendable, Hashable {
    /// The company's name; `CompanyComparison.otherCompanies` for the folded row.
    public var company: String
    /// How many companies the row adds up: 1, or more for the folded row.
    public var companies: Int
    public var funnel: FunnelStatistics

    public init(company: String, companies: Int, funnel: FunnelStatistics) {
        self.company = company
        self.companies = companies
        self.funnel = funnel
    }

    public var isFolded: Bool { companies != 1 || company == CompanyComparison.otherCompanies }
}

/// Companies side by side, with the privacy rule every public view follows: a company with fewer
/// than `minJourneys` journeys is never shown alone, because a chart of one or two journeys is
/// one or two members' own story. Such companies are added up into "other companies".
public enum CompanyComparison {
    public static let otherCompanies = "other companies"

    /// Every company with at least `minJourneys` journeys, most journeys first (then by name), and
    /// one row adding up the rest when there are any.
    public static func funnels(minJourneys: Int, store: Store) async throws -> [CompanyFunnel] {
        try await store.rollups.read { rollups in
            fold(try rollups.companyFunnels(), names: try rollups.companyNames(), minJourneys: minJourneys)
        }
    }

    /// The pure part of `funnels`.
    public static func fold(_ funnels: [Int64: FunnelTotals], names: [Int64: String], minJourneys: Int) -> [CompanyFunnel] {
        var shown: [CompanyFunnel] = []
        var folded = FunnelTotals()
        var foldedCompanies = 0
        for (id, totals) in funnels where totals.journeys > 0 {
            if totals.journeys >= minJourneys {
                shown.append(CompanyFunnel(company: names[id] ?? "#\(id)", companies: 1, funnel: FunnelStatistics(totals)))
            } else {
                foldedCompanies += 1
                folded.journeys += totals.journeys
                for (stage, count) in totals.reported { folded.reported[stage, default: 0] += count }
                for (stage, count) in totals.implied { folded.implied[stage, default: 0] += count }
            }
        }
        shown.sort { ($1.funnel.journeys, $0.company) < ($0.funnel.journeys, $1.company) }
        if foldedCompanies > 0 {
            shown.append(CompanyFunnel(company: otherCompanies, companies: foldedCompanies, funnel: FunnelStatistics(folded)))
        }
        return shown
    }
}
