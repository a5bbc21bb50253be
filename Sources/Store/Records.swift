public import Domain

public enum MessageSource: String, Sendable, Codable {
    case gateway, backfill
    case importFile = "import"
}

public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    case pending, done, failed, skipped
}

/// A message as it arrives, from the gateway, a backfill or an export file.
public struct IncomingMessage: Sendable, Hashable {
    public var id: Int64
    public var guildID: Int64?
    public var channelID: Int64
    public var authorHash: String
    public var content: String
    public var createdAt: Int64
    public var editedAt: Int64?
    public var source: MessageSource

    public init(
        id: Int64, guildID: Int64?, channelID: Int64, authorHash: String, content: String, createdAt: Int64,
        editedAt: Int64? = nil, source: MessageSource
    ) {
        self.id = id
        self.guildID = guildID
        self.channelID = channelID
        self.authorHash = authorHash
        self.content = content
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.source = source
    }
}

/// What storing a batch of messages did.
public struct IngestSummary: Sendable, Hashable {
    /// Never seen before: stored as pending.
    public var inserted = 0
    /// Seen, with other content (an edit): pending again, to be re-extracted.
    public var changed = 0
    /// Seen with the same content: nothing to do.
    public var unchanged = 0

    public init() {}

    public mutating func add(_ other: IngestSummary) {
        inserted += other.inserted
        changed += other.changed
        unchanged += other.unchanged
    }
}

/// A message waiting for extraction.
public struct PendingMessage: Sendable, Hashable {
    public var id: Int64
    public var authorHash: String
    public var content: String
    public var createdAt: Int64
    public var attempts: Int
}

/// The identity of a posting, computed by the Alerts module, so that the same job posted twice (or
/// by a feed and a member) is stored once.
public struct PostingIdentity: Sendable, Hashable {
    public var canonicalURL: String?
    public var fingerprint: String

    public init(canonicalURL: String?, fingerprint: String) {
        self.canonicalURL = canonicalURL
        self.fingerprint = fingerprint
    }
}

/// The outcome of extracting one message, ready to be written.
public struct ExtractionWrite: Sendable {
    public var messageID: Int64
    public var extractor: ExtractorInfo
    public let outcome: ExtractionOutcome
    /// Set when the result holds a posting.
    public var postingIdentity: PostingIdentity?
    /// The result as stored, serialized where the write is made (the extraction's task), so
    /// that the single writer's transaction does not spend its time on it.
    let resultJSON: String?

    public init(messageID: Int64, extractor: ExtractorInfo, outcome: ExtractionOutcome, postingIdentity: PostingIdentity? = nil) {
        self.messageID = messageID
        self.extractor = extractor
        self.outcome = outcome
        self.postingIdentity = postingIdentity
        resultJSON = if case .success(let result) = outcome.result { result.serializedJSON } else { nil }
    }
}

/// What writing a batch of extractions did.
public struct ExtractionSummary: Sendable, Hashable {
    public var done = 0
    public var failed = 0
    public var retrying = 0
    /// Put off without spending an attempt: the extractor was throttled or paused.
    public var deferred = 0
    public var updatesWritten = 0
    public var postingsWritten = 0

    public init() {}

    public mutating func add(_ other: ExtractionSummary) {
        done += other.done
        failed += other.failed
        retrying += other.retrying
        deferred += other.deferred
        updatesWritten += other.updatesWritten
        postingsWritten += other.postingsWritten
    }
}

/// A stage update as the statistics see it.
public struct StageEvent: Sendable, Hashable {
    public var authorHash: String
    public var companyID: Int64
    public var stage: Stage
    public var reportedAt: Int64

    public init(authorHash: String, companyID: Int64, stage: Stage, reportedAt: Int64) {
        self.authorHash = authorHash
        self.companyID = companyID
        self.stage = stage
        self.reportedAt = reportedAt
    }
}
