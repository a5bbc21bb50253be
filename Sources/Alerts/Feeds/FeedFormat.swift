import Foundation

/// The feed formats there is a parser for, by the name a configuration file would use.
public enum FeedFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// RemoteOK's JSON API.
    case remoteOK = "remoteok"
    /// RSS 2.0, RSS 1.0 or Atom (WeWorkRemotely and most job boards).
    case rss
    /// SimplifyJobs' `listings.json`.
    case simplifyJobs = "simplify"
    /// Greenhouse's Job Board API (`boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true`).
    case greenhouse
    /// Lever's Postings API (`api.lever.co/v0/postings/{site}?mode=json`).
    case lever
    /// Ashby's job posting API (`api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true`).
    case ashby

    /// Reads `bytes` as this format. A body that does not parse, or of which no item could be read,
    /// fails with what it really is when that is clear: an HTML page, or another known format (a
    /// feed configured with the wrong `format:` is not a quiet success with every item skipped).
    public func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        let result = parseAsConfigured(bytes, source: source)
        guard result.error != nil || (result.items.isEmpty && !result.skipped.isEmpty) else { return result }
        switch FeedFormatDetection.kind(of: bytes) {
        case .htmlPage: return .failure("got an HTML page, not a feed")
        case .feed(let other) where other != self: return .failure("this looks like \(other.withArticle) feed, not \(rawValue)")
        default: return result
        }
    }

    /// "a remoteok", "an rss": the name as it is read out.
    private var withArticle: String {
        let sounded = self == .rss || rawValue.first.map("aeiou".contains) == true
        return (sounded ? "an " : "a ") + rawValue
    }

    private func parseAsConfigured(_ bytes: [UInt8], source: String) -> FeedParseResult {
        switch self {
        case .remoteOK: RemoteOKFeed.parse(bytes, source: source)
        case .rss: RSSJobFeed.parse(bytes, source: source)
        case .simplifyJobs: SimplifyJobsFeed.parse(bytes, source: source)
        case .greenhouse: GreenhouseBoardFeed.parse(bytes, source: source)
        case .lever: LeverPostingsFeed.parse(bytes, source: source)
        case .ashby: AshbyJobBoardFeed.parse(bytes, source: source)
        }
    }

    /// The board's name in a job-board API's URL (`acme` in `…/v0/postings/acme?mode=json`): a
    /// company's board is named after it, so it names the employer when the answer does not.
    /// Nil for the formats that list many companies, and for a URL of another shape.
    public func boardName(inURL url: String) -> String? {
        let marker: String
        switch self {
        case .greenhouse: marker = "/boards/"
        case .lever: marker = "/postings/"
        case .ashby: marker = "/job-board/"
        case .remoteOK, .rss, .simplifyJobs: return nil
        }
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        guard let range = path.range(of: marker) else { return nil }
        let name = path[range.upperBound...].split(separator: "/").first.map(String.init) ?? ""
        return name.isEmpty ? nil : name.removingPercentEncoding ?? name
    }
}
