import Analytics
import ArgumentParser
import Bot
import Charts
import Daemon
import Domain
import Foundation
import StatisticsCharts
import Store

struct ChartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a statistics chart to a PNG or SVG file: the images the slash commands attach.",
        discussion: """
            Kinds: funnel (what /stats attaches), trends (/trends), top (/top), conversion, days
            (days between stages) and companies (conversion by company; companies with fewer than
            dashboard.min_journeys journeys are counted as "other companies").

            Examples:
              hiringpulse chart trends --output trends.png
              hiringpulse chart funnel --company jpmc --output jpmc.svg --size web
            """
    )

    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case funnel, trends, top, conversion, days, companies
    }

    enum Size: String, CaseIterable, ExpressibleByArgument {
        /// As Discord shows it: large text, a dark card.
        case image
        /// As the dashboard shows it.
        case web
    }

    @OptionGroup var options: ConfigOptions

    @Argument(help: "What to draw: funnel, trends, top, conversion, days or companies.")
    var kind: Kind

    @Option(help: "One company, by name or alias (funnel, trends, conversion, days).")
    var company: String?

    @Option(help: ArgumentHelp("Only this stage (trends, top).", valueName: "stage"))
    var stage: String?

    @Option(help: "Days back (trends: default stats.trend_days; top: all time when left out).")
    var days: Int?

    @Option(help: ArgumentHelp("Where to write it: a .png or .svg file.", valueName: "file"))
    var output: String

    @Option(help: "image (as Discord shows it, dark card, the default) or web (as the dashboard shows it, light card).")
    var size: Size = .image

    func run() async throws {
        let isPNG = output.lowercased().hasSuffix(".png")
        guard isPNG || output.lowercased().hasSuffix(".svg") else { throw fail("--output must end in .png or .svg") }
        let stage = try stage.map { text in
            guard let stage = Stage(rawValue: text.lowercased()) else {
                throw fail("--stage: \"\(text)\" is not one of \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return stage
        }
        if let days, !(1...3650).contains(days) { throw fail("--days must be between 1 and 3650") }
        let context = try await AppContext.open(options)
        let company = try company.map { text -> String in
            switch context.catalog.resolve(text) {
            case .known(let name), .unknown(let name): return name
            case .ambiguous(let names): throw fail("\"\(text)\" is ambiguous: it may mean \(names.joined(separator: " or "))")
            }
        }
        let chart = try await draw(company: company, stage: stage, context: context)
        let text: [UInt8]
        do {
            let theme: ChartTheme = size == .image ? .discord : .light
            let svg = SVGRenderer(size: size == .image ? .image : .web, theme: theme).render(chart)
            text = isPNG ? try PNGRenderer.render(svg: svg, scale: size == .image ? 2 : 1).bytes : Array(svg.utf8)
        } catch {
            throw fail("cannot draw the chart: \(error)")
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text)) else { throw fail("cannot write \(output)") }
        print("wrote \(output)")
    }

    private func draw(company: String?, stage: Stage?, context: AppContext) async throws -> Chart {
        let store = context.store
        let config = context.config
        func report(days: Int? = nil) async throws -> StatisticsReport {
            try await Statistics.report(
                StatisticsQuery(company: company, trendDays: days ?? config.trendDays, topLimit: config.topCompanies), store: store)
        }
        switch kind {
        case .funnel:
            return StatisticsCharts.funnel(
                try await report().funnel, id: "funnel", title: "\(company ?? "All companies"): recruiting funnel")
        case .conversion:
            return StatisticsCharts.conversion(try await report().funnel, id: "conversion")
        case .trends:
            return StatisticsCharts.trend(try await report(days: days), stage: stage, id: "trends")
        case .top:
            let ranking = try await Statistics.top(stage: stage, days: days, limit: config.topCompanies, store: store)
            return StatisticsCharts.ranking(ranking, title: "Most active companies", id: "top")
        case .days:
            let spreads: [DaysSpread]
            if let company {
                guard
                    case .shown(_, let found) = try await PublicStatistics.company(
                        named: company, trendDays: 1, minJourneys: 1, store: store)
                else { throw fail("no journeys at \(company)") }
                spreads = found
            } else {
                spreads = try await PublicStatistics.overview(trendDays: 1, topLimit: 0, minJourneys: 1, store: store).spreads
            }
            return StatisticsCharts.daysBetween(spreads, id: "days")
        case .companies:
            let companies = try await CompanyComparison.funnels(minJourneys: config[.dashboardMinJourneys], store: store)
            return StatisticsCharts.heatmap(companies, id: "companies")
        }
    }
}
