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

    static func context(_ companies: [CompanyFunnel], order: Order, renderer: PageRenderer) -> [String: Any] {
        let rows = sorted(companies, by: order)
        let sorts = [Order.journeys] + StagePair.reported.map(Order.conversion)
        return [
            "charts": ChartPanels.context([StatisticsCharts.heatmap(rows, id: "heatmap")]),
            "sorts": sorts.map { candidate in
                [
                    "label": candidate == .journeys ? "journeys" : StatisticsCharts.pairLabel(candidate.pair!),
                    "link": "\(renderer.basePath)/companies?sort=\(FormQuery.escape(candidate.text))", "current": candidate == order,
                ] as [String: Any]
            },
            "columns": StagePair.reported.map(StatisticsCharts.pairLabel),
            "span": StagePair.reported.count + 2,
            "rows": rows.map { row in
                var context: [String: Any] = [
                    "company": row.isFolded ? "\(row.company) (\(row.companies))" : row.company, "journeys": row.funnel.journeys,
                    "cells": StagePair.reported.map { pair in (row.funnel.conversion[pair] ?? nil).map(StatisticsCharts.percent) ?? "–" },
                ]
                if !row.isFolded { context["link"] = renderer.companyLink(row.company) }
                return context
            },
        ]
    }
}

extension CompaniesPage.Order {
    var pair: StagePair? {
        if case .conversion(let pair) = self { pair } else { nil }
    }
}
