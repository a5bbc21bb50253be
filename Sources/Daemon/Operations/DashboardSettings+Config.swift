public import Bot
public import Dashboard

extension DashboardSettings {
    /// The dashboard's settings from the configuration: `dashboard.*`, the statistics' defaults,
    /// and `DASHBOARD_TOKEN`.
    public init(config: HiringPulseConfig) {
        self.init(
            minJourneys: config[.dashboardMinJourneys], trendDays: config[.statsTrendDays], topLimit: config[.statsTopCompanies],
            basePath: config[.dashboardBasePath], token: config.secrets[.dashboardToken])
    }
}
