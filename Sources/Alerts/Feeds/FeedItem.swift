public import Domain
import Extraction
import Foundation

/// One job as a feed lists it, before any matching or normalizing: text is cleaned (entities
/// decoded, mojibake repaired, HTML made plain), nothing else. What the source states in fields of
/// its own is already a `JobPosting`; the rest are clues the normalizer reads into its blanks.
public struct FeedItem: Sendable, Hashable {
    /// The feed's name, as configured (not taken from the feed).
    public var source: String
    public var externalID: String?
    /// What the source states: the company as the feed names it, the title, the link, when it was
    /// posted, the description (plain text, see `FeedText.plainText(fromHTML:)`), and remote or
    /// the kind of job when a structured field says so (RemoteOK lists remote jobs only; Lever's
    /// `workplaceType` and `categories.commitment`, Ashby's `isRemote` and `employmentType`).
    /// Nil leaves a field to the words.
    public var posting: JobPosting
    /// The employer's own id of the opening, namespaced by its system ("greenhouse:4012345",
    /// "lever:5f1c…", "ashby:…", "req:JR-1234"): two postings with different ones are different
    /// openings, whatever their titles.
    public var openingID: String?
    /// Places the feed lists as the job's locations.
    public var locations: [String]
    /// Whatever text the feed gives about where, or how remote, the job is ("Worldwide",
    /// "Anywhere in the World", "USA Only").
    public var remoteText: String?
    public var tags: [String]
    /// Annual when the source states its pay period (Lever and Ashby, annualized by their parsers);
    /// otherwise as the feed gives them, for the normalizer to read. Never converted to another
    /// currency.
    public var salaryMin: Double?
    public var salaryMax: Double?
    public var salaryText: String?
    /// ISO 4217 code of `salaryMin`/`salaryMax` when the source states it (Lever, Ashby); nil
    /// leaves it to the normalizer (US dollars for numeric fields).
    public var salaryCurrency: String?
    public var applyURL: String?
    /// False when the feed says the posting is closed.
    public var active: Bool

    /// `title` is the posting's title, whatever `posting` says.
    public init(
        source: String, title: String, posting: JobPosting = JobPosting(), externalID: String? = nil, openingID: String? = nil,
        locations: [String] = [], remoteText: String? = nil, tags: [String] = [], salaryMin: Double? = nil, salaryMax: Double? = nil,
        salaryText: String? = nil, salaryCurrency: String? = nil, applyURL: String? = nil, active: Bool = true
    ) {
        self.source = source
        self.posting = posting
        self.posting.title = title
        self.externalID = externalID
        self.openingID = openingID
        self.locations = locations
        self.remoteText = remoteText
        self.tags = tags
        self.salaryMin = salaryMin
        self.salaryMax = salaryMax
        self.salaryText = salaryText
        self.salaryCurrency = salaryCurrency
        self.applyURL = applyURL
        self.active = active
    }
}

/// An item a parser left out, and why.
public struct FeedItemProblem: Sendable, Hashable, CustomStringConvertible {
    /// The item's position in the feed, from 0, counting every element of the array (RemoteOK's
    /// legal notice included) or every `item`/`entry` element.
    public var index: Int
    public var reason: String

    public init(index: Int, reason: String) {
        self.index = index
        self.reason = reason
    }

    public var description: String { "item \(index): \(reason)" }
}

/// What a parser made of one feed body.
public struct FeedParseResult: Sendable, Hashable {
    public var items: [FeedItem]
    public var skipped: [FeedItemProblem]
    /// Set when the feed as a whole could not be read (not JSON, not an array, broken XML);
    /// `items` is then empty.
    public var error: String?

    public init(items: [FeedItem] = [], skipped: [FeedItemProblem] = [], error: String? = nil) {
        self.items = items
        self.skipped = skipped
        self.error = error
    }

    static func failure(_ reason: String) -> FeedParseResult { FeedParseResult(error: reason) }
}
