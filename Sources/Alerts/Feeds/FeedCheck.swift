import Foundation

/// What one fetch of a feed would come to, stored nowhere: what `feeds check` prints. The format
/// the body looks like beside the configured one, how many items it lists, how many of those
/// would be stored as postings, and why the others were left out.
public struct FeedCheck: Sendable, Hashable {
    /// Items left out for one reason: how many, and the first few of them by index in the feed.
    public struct SkipGroup: Sendable, Hashable {
        public var reason: String
        public var count: Int
        public var examples: [Int]

        public init(reason: String, count: Int, examples: [Int]) {
            self.reason = reason
            self.count = count
            self.examples = examples
        }

        /// Largest group first; reasons of equal count in the order the feed first gave them.
        public static func groups(of problems: [FeedItemProblem], examples: Int = 3) -> [SkipGroup] {
            var groups: [SkipGroup] = []
            var positions: [String: Int] = [:]
            for problem in problems {
                if let position = positions[problem.reason] {
                    groups[position].count += 1
                    if groups[position].examples.count < examples { groups[position].examples.append(problem.index) }
                } else {
                    positions[problem.reason] = groups.count
                    groups.append(SkipGroup(reason: problem.reason, count: 1, examples: [problem.index]))
                }
            }
            return groups.enumerated().sorted { ($1.element.count, $0.offset) < ($0.element.count, $1.offset) }.map(\.element)
        }
    }

    public enum Status: String, Sendable, Hashable {
        case ok
        /// Read without an error, but the body does not look like the configured format.
        case formatDiffers = "format_differs"
        case failed
    }

    public var feed: String
    public var configured: FeedFormat
    /// Nil when nothing was fetched.
    public var detected: FeedBodyKind?
    public var items = 0
    /// Items that would be stored as postings (open jobs), before de-duplication.
    public var postings = 0
    /// Items the feed marks closed (or hidden): read, but not stored.
    public var closed = 0
    public var skipped: [SkipGroup] = []
    /// Why the fetch or the parse failed.
    public var error: String?

    public var skippedCount: Int { skipped.reduce(0) { $0 + $1.count } }

    public var status: Status {
        if error != nil { return .failed }
        return detected == .feed(configured) ? .ok : .formatDiffers
    }

    /// A feed that could not be fetched.
    public static func failed(_ feed: FeedSource, reason: String) -> FeedCheck {
        FeedCheck(feed: feed.name, configured: feed.format, error: reason)
    }

    /// Reads `body` as the feed's configured format and normalizes each item as a poll would.
    public static func of(body: [UInt8], feed: FeedSource, normalizer: PostingNormalizer, now: Int64) -> FeedCheck {
        var check = FeedCheck(feed: feed.name, configured: feed.format, detected: FeedFormatDetection.kind(of: body))
        let parsed = feed.parse(body)
        check.error = parsed.error
        check.items = parsed.items.count
        check.postings = parsed.items.count(where: { normalizer.write(from: $0, now: now) != nil })
        check.closed = parsed.items.count(where: { !$0.active })
        check.skipped = SkipGroup.groups(of: parsed.skipped)
        return check
    }
}
