/// The feed formats there is a parser for, by the name a configuration file would use.
public enum FeedFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// RemoteOK's JSON API.
    case remoteOK = "remoteok"
    /// RSS 2.0, RSS 1.0 or Atom (WeWorkRemotely and most job boards).
    case rss
    /// SimplifyJobs' `listings.json`.
    case simplifyJobs = "simplify"

    public func parse(_ bytes: [UInt8], source: String) -> FeedParseResult {
        switch self {
        case .remoteOK: RemoteOKFeed.parse(bytes, source: source)
        case .rss: RSSJobFeed.parse(bytes, source: source)
        case .simplifyJobs: SimplifyJobsFeed.parse(bytes, source: source)
        }
    }
}
