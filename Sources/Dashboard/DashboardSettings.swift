/// What the dashboard shows and who may see it.
public struct DashboardSettings: Sendable {
    /// Companies with fewer journeys are folded into "other companies" (`dashboard.min_journeys`).
    public var minJourneys: Int
    /// Days of daily counts on the overview (`stats.trend_days`).
    public var trendDays: Int
    /// Companies in the most-active list (`stats.top_companies`).
    public var topLimit: Int
    /// The path prefix behind a reverse proxy ("/hiringpulse"), "" at the root (`dashboard.base_path`).
    public var basePath: String
    /// `DASHBOARD_TOKEN`: when set, every request must carry it.
    public var token: String?

    public init(minJourneys: Int = 3, trendDays: Int = 30, topLimit: Int = 10, basePath: String = "", token: String? = nil) {
        self.minJourneys = minJourneys
        self.trendDays = trendDays
        self.topLimit = topLimit
        // "/hiringpulse/" and "hiringpulse" both mean "/hiringpulse".
        let trimmed = basePath.split(separator: "/").joined(separator: "/")
        self.basePath = trimmed.isEmpty ? "" : "/" + trimmed
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }
}
