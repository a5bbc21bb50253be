import Foundation
import Support

/// What the poller remembers about one feed between requests: the validators for a conditional
/// GET and when to ask next. A value with no I/O and no clock: the time is always passed in, so
/// the schedule can be stored, compared and tested as it is. Times are Unix milliseconds; saved
/// as `SavedTimes` describes, so a state saved before they were still loads.
public struct FeedSourceState: Sendable, Codable, Hashable {
    /// The `ETag` of the last successful response, sent back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last successful response, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// Failures since the last success; each doubles the wait.
    public var consecutiveFailures: Int
    /// Nil until the first poll: a new feed is due at once.
    public var nextPollAt: Int64?
    public var lastSuccessAt: Int64?
    public var lastFailureAt: Int64?

    /// The longest a failing feed waits between tries, unless its server asks for longer.
    public static let maximumBackoff: Duration = .seconds(6 * 60 * 60)

    public init(
        etag: String? = nil, lastModified: String? = nil, consecutiveFailures: Int = 0, nextPollAt: Int64? = nil,
        lastSuccessAt: Int64? = nil, lastFailureAt: Int64? = nil
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.consecutiveFailures = consecutiveFailures
        self.nextPollAt = nextPollAt
        self.lastSuccessAt = lastSuccessAt
        self.lastFailureAt = lastFailureAt
    }

    /// The conditional-GET headers for the next request, for the validators known.
    public func requestHeaders() -> [(String, String)] {
        var headers: [(String, String)] = []
        if let etag { headers.append(("If-None-Match", etag)) }
        if let lastModified { headers.append(("If-Modified-Since", lastModified)) }
        return headers
    }

    /// A 200, or a 304 Not Modified. A validator the response does not carry keeps its old value:
    /// a 304 often repeats neither, and the old ones still describe what we have.
    public mutating func recordSuccess(etag: String?, lastModified: String?, now: Int64, interval: Duration) {
        if let etag = Self.nonEmpty(etag) { self.etag = etag }
        if let lastModified = Self.nonEmpty(lastModified) { self.lastModified = lastModified }
        consecutiveFailures = 0
        lastSuccessAt = now
        nextPollAt = now + interval.roundedMilliseconds
    }

    /// A failed poll (network error, 4xx, 5xx, unreadable feed): waits `interval × 2^failures`,
    /// at most `maximumBackoff` (or `interval`, if that is longer), and at least what a
    /// `Retry-After` asked for.
    public mutating func recordFailure(now: Int64, interval: Duration, retryAfter: Duration? = nil) {
        consecutiveFailures += 1
        // Past 2^20 the cap has long been reached; stopping there keeps the arithmetic finite.
        let backoff = interval * (1 << min(consecutiveFailures, 20))
        var wait = min(backoff, max(Self.maximumBackoff, interval))
        if let retryAfter, retryAfter > wait { wait = retryAfter }
        lastFailureAt = now
        nextPollAt = now + wait.roundedMilliseconds
    }

    public func isDue(now: Int64) -> Bool {
        guard let nextPollAt else { return true }
        return now >= nextPollAt
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    // MARK: Saved

    private enum CodingKeys: String, CodingKey {
        case times, etag, lastModified, consecutiveFailures, nextPollAt, lastSuccessAt, lastFailureAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let legacy = try SavedTimes.isLegacy(container, key: .times)
        self.init(
            etag: try container.decodeIfPresent(String.self, forKey: .etag),
            lastModified: try container.decodeIfPresent(String.self, forKey: .lastModified),
            consecutiveFailures: try container.decode(Int.self, forKey: .consecutiveFailures),
            nextPollAt: try container.decodeInstant(forKey: .nextPollAt, legacy: legacy),
            lastSuccessAt: try container.decodeInstant(forKey: .lastSuccessAt, legacy: legacy),
            lastFailureAt: try container.decodeInstant(forKey: .lastFailureAt, legacy: legacy))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SavedTimes.marker, forKey: .times)
        try container.encodeIfPresent(etag, forKey: .etag)
        try container.encodeIfPresent(lastModified, forKey: .lastModified)
        try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
        try container.encodeIfPresent(nextPollAt, forKey: .nextPollAt)
        try container.encodeIfPresent(lastSuccessAt, forKey: .lastSuccessAt)
        try container.encodeIfPresent(lastFailureAt, forKey: .lastFailureAt)
    }
}
