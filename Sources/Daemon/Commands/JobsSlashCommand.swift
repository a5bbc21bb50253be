import Alerts
import Bot
public import Discord
import Domain
import Extraction
import Foundation
import JSON
import Store

/// `/jobs [query] [remote] [company] [max_age_days]`: the stored postings that match, newest
/// first, five a page. The buttons carry the search, so paging needs no state on our side.
public struct JobsSlashCommand: SlashCommand {
    public let name = "jobs"
    static let pageSize = 5
    let source: StatisticsSource

    public init(source: StatisticsSource) {
        self.source = source
    }

    /// A search as the buttons carry it: `jobs:page:<n>:<remote>:<days>:<company id>:<query>`,
    /// empty fields for filters not given; the query goes last, as it may hold colons.
    struct Search: Hashable {
        var query = ""
        var remote = ""
        var days: Int?
        var companyID: Int64?

        init(query: String = "", remote: String = "", days: Int? = nil, companyID: Int64? = nil) {
            self.query = query
            self.remote = remote
            self.days = days
            self.companyID = companyID
        }

        init?(button: [String]) {
            guard button.count >= 7, button[1] == "page" else { return nil }
            remote = button[3]
            days = Int(button[4])
            companyID = Int64(button[5])
            query = button[6...].joined(separator: ":")
        }

        func button(page: Int) -> String {
            "jobs:page:\(page):\(remote):\(days.map(String.init) ?? ""):\(companyID.map(String.init) ?? ""):\(query)"
        }

        func storeSearch(now: Int64) -> PostingSearch {
            PostingSearch(
                query: query.isEmpty ? nil : query, remote: RemotePolicy(rawValue: remote), companyIDs: companyID.map { [$0] },
                postedSince: days.map { now - Int64($0) * Timestamp.millisecondsPerDay })
        }
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let options = request.options
        var search = Search(query: String((options.string("query") ?? "").trimmingCharacters(in: .whitespaces).prefix(50)))
        switch options.values["remote"] {
        case .string(let remote)?:
            guard ["yes", "no", "hybrid"].contains(remote) else { throw CommandError("remote is one of yes, no, hybrid.") }
            search.remote = remote
        // A client that sends remote as a true/false option means remote jobs or on-site ones.
        case .bool(let remote)?:
            search.remote = remote ? "yes" : "no"
        default:
            break
        }
        if let days = options.integer("max_age_days") {
            guard (1...365).contains(days) else { throw CommandError("max_age_days is from 1 to 365.") }
            search.days = Int(days)
        }
        if let company = options.string("company") {
            // A name the alias map knows but no posting has used yet matches nothing.
            search.companyID = try await source.store.companies.id(named: try source.companies().resolve(company)) ?? -1
        }
        return try await page(0, of: search)
    }

    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        guard let search = Search(button: request.button), let page = Int(request.button[2]) else {
            throw CommandError("This button no longer does anything; run /jobs again.")
        }
        return try await self.page(page, of: search)
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }

    private func page(_ number: Int, of search: Search) async throws -> InteractionReply {
        let now = Timestamp.now()
        let page = max(0, number)
        let found = try await source.store.postings.search(search.storeSearch(now: now), offset: page * Self.pageSize, limit: Self.pageSize)
        return Self.render(found.postings, total: found.total, page: page, search: search, now: now)
    }

    static func render(_ postings: [StoredPosting], total: Int, page: Int, search: Search, now: Int64) -> InteractionReply {
        guard total > 0 else {
            return InteractionReply(content: "No stored job posting matches. Postings come from this server's messages and the job feeds.")
        }
        let pages = (total + pageSize - 1) / pageSize
        let fields = postings.map { stored in
            let posting = PostingNormalizer.posting(from: stored)
            let headline = posting.headline
            var lines: [String] = []
            if !posting.details.isEmpty { lines.append(posting.details) }
            if !posting.skills.isEmpty { lines.append("skills: " + posting.skills.prefix(8).joined(separator: ", ")) }
            let age = max(0, (now - stored.postedAt) / Timestamp.millisecondsPerDay)
            lines.append(
                (age == 0 ? "posted today" : "posted \(age) \(age == 1 ? "day" : "days") ago")
                    + (stored.source == "message" ? "" : " · \(stored.source)"))
            if let url = posting.url { lines.append(url) }
            return Embed.Field(Embed.cut(headline, to: 256), Embed.cut(lines.joined(separator: "\n"), to: 1024))
        }
        let embed = Embed(
            title: "Job postings", description: "\(total) \(total == 1 ? "posting matches" : "postings match"), newest first",
            fields: fields, footer: pages > 1 ? "Page \(min(page, pages - 1) + 1) of \(pages)" : nil, color: StatisticsEmbeds.color)
        let buttons =
            pages > 1
            ? [
                ActionRow([
                    ("Previous", search.button(page: page - 1), .secondary, page == 0),
                    ("Next", search.button(page: page + 1), .secondary, page >= pages - 1),
                ])
            ] : []
        return InteractionReply(embeds: [embed], components: buttons)
    }
}
