import Analytics
import Charts
import Domain
import StatisticsCharts

/// `/companies`: every company's conversion between stages side by side (a heatmap), sortable.
enum CompaniesPage {
    /// How the rows can be ordered: by journeys (the default) or by the conversion of one pair.
    enum Order: Sendable, Hashable {
        case journeys
        case conversion(StagePair)

        init(_ text: String?) throws(DashboardError) {
            guard let text, text != "journeys" else {
                self = .journeys
                return
            }
            guard let pair = StagePair.reported.first(where: { $0.description == text }) else {
                let choices = (["journeys"] + StagePair.reported.map(\.description)).joined(separator: ", ")
                throw .badRequest("sort must be one of \(choices).")
            }
            self = .conversion(pair)
        }

        var text: String {
            switch self {
            case .journeys: "journeys"
            case .conversion(let pair): pair.description
            }
        }
    }

    /// The rows in `order`: highest first, companies without a figure last, "other companies" at the end.
    static func sorted(_ rows: [CompanyFunnel], by order: Order) -> [CompanyFunnel] {
        guard case .conversion(let pair) = order else { return rows }
        let shown = rows.filter { !$0.isFolded }
        let folded = rows.filter(\.isFolded)
        return shown.enumerated().sorted { left, right in
            let a = (left.element.funnel.conversion[pair] ?? nil) ?? -1
            let b = (right.element.funnel.conversion[pair] ?? nil) ?? -1
            return a != b ? a > b : left.offset < right.offset
        }.map(\.element) + folded
    }

    /// Rows a page shows: a heatmap of hundreds of companies reads as noise, and costs its time
    /// whatever the number of companies.
    static let pageSize = 50

    static func context(_ companies: [CompanyFunnel], order: Order, page: Int, renderer: PageRenderer) -> [String: Any] {
        let all = sorted(companies, by: order)
        let pages = max(1, (all.count + pageSize - 1) / pageSize)
        let page = min(page, pages)
        let rows = Array(all.dropFirst((page - 1) * pageSize).prefix(pageSize))
        let sorts = [Order.journeys] + StagePair.reported.map(Order.conversion)
        func link(_ order: Order, page: Int? = nil) -> String {
            "\(renderer.basePath)/companies?" + FormQuery.encode([("sort", order.text), ("page", page.map(String.init))])
        }
        var context: [String: Any] = [
            "charts": ChartPanels.context([StatisticsCharts.heatmap(rows, id: "heatmap")]),
            "sorts": sorts.map { candidate in
                [
                    "label": candidate == .journeys ? "journeys" : StatisticsCharts.pairLabel(candidate.pair!), "link": link(candidate),
                    "current": candidate == order,
                ] as [String: Any]
            },
            "page": page, "pages": pages,
            "columns": StagePair.reported.map(StatisticsCharts.pairLabel),
            "span": StagePair.reported.count + 2,
            "rows": rows.map { row in
                // The cells are figures this code wrote ("42%", "–"), never text from chat, so they go
                // into the page as one piece: a template section per cell cost a third of the page.
                let cells = StagePair.reported.map { pair in
                    "<td>" + ((row.funnel.conversion[pair] ?? nil).map(StatisticsCharts.percent) ?? "–") + "</td>"
                }
                var context: [String: Any] = [
                    "company": row.isFolded ? "\(row.company) (\(row.companies))" : row.company, "journeys": row.funnel.journeys,
                    "cells": cells.joined(),
                ]
                if !row.isFolded { context["link"] = renderer.companyLink(row.company) }
                return context
            },
        ]
        if page > 1 { context["previous"] = link(order, page: page - 1) }
        if page < pages { context["next"] = link(order, page: page + 1) }
        return context
    }
}

extension CompaniesPage.Order {
    var pair: StagePair? {
        if case .conversion(let pair) = self { pair } else { nil }
    }
}
