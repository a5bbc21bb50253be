public import Alerts

/// What one poll of one feed came to: what `feeds poll` prints, and what a source's health is
/// judged on.
public struct FeedPollReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// A 304: nothing changed since the last poll.
        case notModified
        /// The body was read. `items` the feed listed, `postings` of them jobs still open, `new`
        /// of those not stored before; `skipped` the items left out, with why.
        case fetched(items: Int, postings: Int, new: Int, skipped: [FeedItemProblem])
        /// Nothing usable: a transport failure, an error status, a body that is not a feed, or a
        /// store that refused the postings.
        case failed(reason: String)
    }

    public var feed: String
    public var outcome: Outcome

    public init(feed: String, outcome: Outcome) {
        self.feed = feed
        self.outcome = outcome
    }
}
