import Analytics
import Exports
import Foundation
import Hummingbird
import JSON
import Store

/// What each of the dashboard's addresses answers. Every figure comes from `PublicStatistics`,
/// which applies the privacy rule; postings are read page by page.
struct DashboardSite: Sendable {
    let store: Store
    let settings: DashboardSettings
    let pages: PageRenderer
    /// The alert mails' links, when the dashboard is public.
    let links: MailLinks?
    /// Where Telegram posts button presses, when a webhook is configured.
    let telegramWebhook: TelegramWebhook?
    /// Unix milliseconds now: the age filter and the trend's last day count from it.
    let now: @Sendable () -> Int64

    init(
        store: Store, settings: DashboardSettings, links: MailLinks? = nil, telegramWebhook: TelegramWebhook? = nil,
        now: @escaping @Sendable () -> Int64 = { Timestamp.now() }
    ) {
        self.store = store
        self.settings = settings
        self.links = links
        self.telegramWebhook = telegramWebhook
        self.pages = PageRenderer(basePath: settings.basePath, minJourneys: settings.minJourneys)
        self.now = now
    }

    func routes<Context: RequestContext>(into router: Router<Context>) {
        router.get("/") { _, _ in try await overviewPage() }
        router.get("/companies") { request, _ in try await companiesPage(FormQuery(request.uri.query)) }
        router.get("/companies/{name}") { _, context in try await companyPage(try Self.name(context)) }
        router.get("/postings") { request, _ in try await postingsPage(FormQuery(request.uri.query)) }
        router.get("/postings.csv") { request, _ in try await postingsDownload(FormQuery(request.uri.query), format: .csv) }
        router.get("/postings.json") { request, _ in try await postingsDownload(FormQuery(request.uri.query), format: .json) }
        router.get("/static/dashboard.css") { _, _ in
            Responses.body(Stylesheet.css, contentType: "text/css; charset=utf-8", status: .ok)
        }
        router.get("/api/v1/overview") { _, _ in Responses.json(try await overviewJSON()) }
        router.get("/api/v1/companies") { _, _ in Responses.json(try await companiesJSON()) }
        router.get("/api/v1/companies/{name}") { _, context in Responses.json(try await companyJSON(try Self.name(context))) }
        router.get("/api/v1/postings") { request, _ in Responses.json(try await postingsJSON(FormQuery(request.uri.query))) }
        links?.routes(into: router, pages: pages)
        telegramWebhook?.routes(into: router)
    }

    // MARK: - Pages

    func overviewPage() async throws -> Response {
        let overview = try await overview()
        return Responses.html(
            pages.page("overview", title: "Recruiting overview", section: .overview, OverviewPage.context(overview, renderer: pages)))
    }

    func companiesPage(_ query: FormQuery) async throws -> Response {
        let order = try CompaniesPage.Order(query["sort"])
        let page = try query.integer("page", in: 1...1_000_000) ?? 1
        let companies = try await CompanyComparison.funnels(minJourneys: settings.minJourneys, store: store)
        return Responses.html(
            pages.page(
                "companies", title: "Conversion by company", section: .companies,
                CompaniesPage.context(companies, order: order, page: page, renderer: pages)))
    }

    func companyPage(_ name: String) async throws -> Response {
        let view = try await PublicStatistics.company(
            named: name, trendDays: CompanyPage.timelineDays, minJourneys: settings.minJourneys, store: store, now: now())
        let company: String
        switch view {
        case .shown(let report, _): company = report.company ?? name
        case .tooFewJourneys(let stored): company = stored
        case .unknown: throw DashboardError.notFound("No company named “\(name)” has been reported.")
        }
        let postings = try await store.postingsPage(PostingExportFilter(company: company), offset: 0, limit: 20).postings
        return Responses.html(
            pages.page(
                "company", title: company, section: .companies,
                CompanyPage.context(company: company, view: view, postings: postings, renderer: pages)))
    }

    func postingsPage(_ form: FormQuery) async throws -> Response {
        let query = try PostingsQuery(form)
        let found = try await store.postingsPage(
            query.filter(now: now()), offset: (query.page - 1) * PostingsQuery.pageSize, limit: PostingsQuery.pageSize)
        return Responses.html(
            pages.page(
                "postings", title: "Job postings", section: .postings,
                PostingsPage.context(query, postings: found.postings, total: found.total, renderer: pages)))
    }

    /// Every posting the filter keeps, oldest first, as `postings export` writes them.
    func postingsDownload(_ form: FormQuery, format: ExportFormat) async throws -> Response {
        let filter = try PostingsQuery(form).filter(now: now())
        let text = try await Self.export(filter, format: format, store: store)
        return Responses.download(
            text, contentType: format == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
            filename: "postings.\(format.rawValue)")
    }

    @concurrent
    static func export(_ filter: PostingExportFilter, format: ExportFormat, store: Store) async throws -> String {
        let output = ExportText()
        var writer = ExportWriter<StoredPosting, ExportText>(format: format, output: output)
        try writer.begin()
        try store.exportPostings(filter) { try writer.write($0) }
        try writer.finish()
        return output.text
    }

    // MARK: - The JSON API

    func overview() async throws -> PublicOverview {
        try await PublicStatistics.overview(
            trendDays: settings.trendDays, topLimit: settings.topLimit, minJourneys: settings.minJourneys, store: store, now: now())
    }

    /// `stats --json`, with the companies below the threshold folded, then the spread of days.
    func overviewJSON() async throws -> JSONValue {
        let overview = try await overview()
        return Self.appending(
            [("days_spread", DaysSpread.json(overview.spreads)), ("min_journeys", .integer(Int64(settings.minJourneys)))],
            to: overview.report.jsonValue)
    }

    func companiesJSON() async throws -> JSONValue {
        let companies = try await CompanyComparison.funnels(minJourneys: settings.minJourneys, store: store)
        let rows = companies.map { row in
            JSONValue.object([
                ("company", .string(row.company)), ("companies", .integer(Int64(row.companies))),
                ("journeys", .integer(Int64(row.funnel.journeys))), ("stages", row.funnel.stagesJSON),
                ("conversion", row.funnel.conversionJSON),
            ])
        }
        return .object([("min_journeys", .integer(Int64(settings.minJourneys))), ("companies", .array(rows))])
    }

    func companyJSON(_ name: String) async throws -> JSONValue {
        switch try await PublicStatistics.company(
            named: name, trendDays: settings.trendDays, minJourneys: settings.minJourneys, store: store, now: now())
        {
        case .shown(let report, let spreads): return Self.appending([("days_spread", DaysSpread.json(spreads))], to: report.jsonValue)
        case .tooFewJourneys(let company):
            throw DashboardError.notFound(
                "\(company) has fewer than \(settings.minJourneys) journeys; it is counted in “other companies”.")
        case .unknown: throw DashboardError.notFound("No company named “\(name)” has been reported.")
        }
    }

    func postingsJSON(_ form: FormQuery) async throws -> JSONValue {
        let query = try PostingsQuery(form)
        let offset = try form.integer("offset", in: 0...100_000_000) ?? 0
        let limit = try form.integer("limit", in: 1...500) ?? PostingsQuery.pageSize
        let found = try await store.postingsPage(query.filter(now: now()), offset: offset, limit: limit)
        let postings = found.postings.map { posting in
            JSONValue.object(zip(StoredPosting.columns, posting.values).map { (key: $0, value: $1.json) })
        }
        return .object([
            ("total", .integer(Int64(found.total))), ("offset", .integer(Int64(offset))), ("limit", .integer(Int64(limit))),
            ("postings", .array(postings)),
        ])
    }

    static func appending(_ members: [(key: String, value: JSONValue)], to value: JSONValue) -> JSONValue {
        guard case .object(let existing) = value else { return value }
        return .object(existing + members)
    }

    /// The `{name}` of the path, percent-escapes undone.
    static func name(_ context: some RequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }
}
