import Analytics
public import Bot
import Charts
public import Discord
import Domain
import Extraction
import StatisticsCharts
public import Store

/// What the statistics commands read: the store, the alias map, the configured defaults.
public struct StatisticsSource: Sendable {
    public let store: Store
    public let catalog: LiveCompanyCatalog
    public let trendDays: Int
    public let topLimit: Int

    public init(store: Store, catalog: LiveCompanyCatalog, trendDays: Int, topLimit: Int) {
        self.store = store
        self.catalog = catalog
        self.trendDays = trendDays
        self.topLimit = topLimit
    }

    func companies() async throws -> CompanyLookup {
        CompanyLookup(catalog: catalog.catalog, storedNames: try await store.companies.names().values)
    }

    /// The `company` option resolved to a stored company's name (an alias names its company).
    func company(_ request: CommandRequest) async throws -> String? {
        guard let text = request.options.string("company") else { return nil }
        return try await companies().resolve(text)
    }

    /// The autocomplete of a `company` option: known names closest to what was typed so far.
    func companySuggestions(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await companies().suggestions(for: request.options.string("company") ?? "").map { ($0, $0) }
    }

    /// The `stage` option, checked against the vocabulary (Discord offers only the choices, but
    /// an old client or a hand-made request may send anything).
    static func stage(_ request: CommandRequest) throws(CommandError) -> Stage? {
        guard let text = request.options.string("stage") else { return nil }
        guard let stage = Stage(rawValue: text) else {
            throw CommandError(
                "\"\(Embed.cut(text, to: 40))\" is not a stage; use one of \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return stage
    }

    static func days(_ request: CommandRequest, range: ClosedRange<Int64>) throws(CommandError) -> Int? {
        guard let days = request.options.integer("days") else { return nil }
        guard range.contains(days) else { throw CommandError("days must be between \(range.lowerBound) and \(range.upperBound).") }
        return Int(days)
    }
}

/// `/stats [company]`.
public struct StatsSlashCommand: SlashCommand {
    public let name = "stats"
    let source: StatisticsSource

    public init(source: StatisticsSource) {
        self.source = source
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let company = try await source.company(request)
        let report = try await Statistics.report(
            StatisticsQuery(company: company, trendDays: source.trendDays, topLimit: source.topLimit), store: source.store)
        return ChartAttachment.attach(
            StatisticsCharts.funnel(report.funnel, id: "stats", title: "\(report.company ?? "All companies"): recruiting funnel"),
            named: "stats.png", to: InteractionReply(embeds: [StatisticsEmbeds.funnel(report)]))
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }
}

/// `/trends [stage] [days] [company]`.
public struct TrendsSlashCommand: SlashCommand {
    public let name = "trends"
    let source: StatisticsSource

    public init(source: StatisticsSource) {
        self.source = source
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let stage = try StatisticsSource.stage(request)
        let days = try StatisticsSource.days(request, range: 7...365) ?? source.trendDays
        let company = try await source.company(request)
        let report = try await Statistics.report(StatisticsQuery(company: company, trendDays: days, topLimit: 0), store: source.store)
        return ChartAttachment.attach(
            StatisticsCharts.trend(report, stage: stage, id: "trends"), named: "trends.png",
            to: InteractionReply(embeds: [StatisticsEmbeds.trends(report, stage: stage)]))
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }
}

/// `/top [stage] [days]`.
public struct TopSlashCommand: SlashCommand {
    public let name = "top"
    let source: StatisticsSource

    public init(source: StatisticsSource) {
        self.source = source
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let stage = try StatisticsSource.stage(request)
        let days = try StatisticsSource.days(request, range: 1...365)
        let ranking = try await Statistics.top(stage: stage, days: days, limit: source.topLimit, store: source.store)
        var standing: (company: String, place: CompanyStanding?)?
        if let company = try await source.company(request) {
            standing = (company, try await Statistics.standing(of: company, stage: stage, days: days, store: source.store))
        }
        let embed = StatisticsEmbeds.top(ranking, stage: stage, days: days, standing: standing)
        // The company asked about is drawn below the list when it is not in it.
        var rows = ranking
        if let place = standing?.place, !ranking.contains(where: { $0.company == place.activity.company }) {
            rows.append(CompanyActivity(company: "#\(place.rank) \(place.activity.company)", updates: place.activity.updates))
        }
        return ChartAttachment.attach(
            StatisticsCharts.ranking(rows, title: embed.title ?? "Most active companies", id: "top"), named: "top.png",
            to: InteractionReply(embeds: [embed]))
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }
}

/// `/help`, generated from the declarations in `Commands/`.
public struct HelpSlashCommand: SlashCommand {
    public let name = "help"
    public var isEphemeral: Bool { true }
    let catalog: CommandCatalog

    public init(catalog: CommandCatalog) {
        self.catalog = catalog
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let fields = catalog.commands.map { command in
            let admin = command.defaultMemberPermissions.map { $0 != "0" && !$0.isEmpty } == true ? " (admins)" : ""
            return Embed.Field(command.usage.joined(separator: "\n") + admin, command.description)
        }
        return InteractionReply(
            embeds: [
                Embed(
                    title: "HiringPulse", description: "Recruiting statistics from what members post here: OAs, interviews, offers.",
                    fields: fields, color: StatisticsEmbeds.color)
            ],
            ephemeral: true)
    }
}
