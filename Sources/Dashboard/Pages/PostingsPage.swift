import Domain
import Foundation
import Store

/// `/postings`: search and filter the job postings, page by page, and download the same filter.
struct PostingsQuery: Sendable, Hashable {
    var company: String?
    var role: String?
    var location: String?
    var remote: RemotePolicy?
    var employmentType: EmploymentType?
    var maxAgeDays: Int?
    /// 1-based.
    var page: Int

    static let pageSize = 50

    init(_ query: FormQuery) throws(DashboardError) {
        company = query["company"]
        role = query["role"]
        location = query["location"]
        if let text = query["remote"] {
            guard let remote = RemotePolicy(rawValue: text.lowercased()) else { throw .badRequest("remote must be yes, no or hybrid.") }
            self.remote = remote
        }
        if let text = query["type"] {
            guard let type = EmploymentType(rawValue: text.lowercased()) else {
                throw .badRequest("type must be one of \(EmploymentType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            employmentType = type
        }
        maxAgeDays = try query.integer("max_age_days", in: 1...3650)
        page = try query.integer("page", in: 1...1_000_000) ?? 1
    }

    func filter(now: Int64) -> PostingExportFilter {
        PostingExportFilter(
            company: company, role: role, location: location, remote: remote, employmentType: employmentType,
            postedSince: maxAgeDays.map { now - Int64($0) * Timestamp.millisecondsPerDay })
    }

    /// The filter as a query string, for links: the same filter on another page or as a download.
    func queryString(page: Int? = nil) -> String {
        FormQuery.encode([
            ("company", company), ("role", role), ("location", location), ("remote", remote?.rawValue),
            ("type", employmentType?.rawValue), ("max_age_days", maxAgeDays.map(String.init)), ("page", page.map(String.init)),
        ])
    }
}

enum PostingsPage {
    static func context(_ query: PostingsQuery, postings: [StoredPosting], total: Int, renderer: PageRenderer) -> [String: Any] {
        let base = renderer.basePath
        let pages = max(1, (total + PostingsQuery.pageSize - 1) / PostingsQuery.pageSize)
        let first = (query.page - 1) * PostingsQuery.pageSize + 1
        func link(_ path: String, page: Int? = nil) -> String {
            let text = query.queryString(page: page)
            return base + path + (text.isEmpty ? "" : "?" + text)
        }
        var context: [String: Any] = [
            "filter": [
                "company": query.company ?? "", "role": query.role ?? "", "location": query.location ?? "",
                "maxAgeDays": query.maxAgeDays.map(String.init) ?? "",
            ],
            "remoteChoices": choices(
                [("", "any")] + RemotePolicy.allCases.map { ($0.rawValue, PostingRows.remoteWords($0)) }, selected: query.remote?.rawValue),
            "typeChoices": choices(
                [("", "any")] + EmploymentType.allCases.map { ($0.rawValue, $0.words) }, selected: query.employmentType?.rawValue),
            "total": total, "page": query.page, "pages": pages,
            "csvLink": link("/postings.csv"), "jsonLink": link("/postings.json"),
            "postings": PostingRows.context(postings),
        ]
        if !postings.isEmpty {
            context["shownRange"] = ["first": first, "last": first + postings.count - 1]
        }
        if query.page > 1 { context["previous"] = link("/postings", page: query.page - 1) }
        if query.page < pages { context["next"] = link("/postings", page: query.page + 1) }
        return context
    }

    static func choices(_ options: [(value: String, label: String)], selected: String?) -> [[String: Any]] {
        options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == (selected ?? "")] }
    }
}
