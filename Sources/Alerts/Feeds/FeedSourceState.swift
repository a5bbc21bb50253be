public import Foundation

/// What the poller remembers about one feed between requests: the validators for a conditional
/// GET and when to ask next. A value with no I/O and no clock: the time is always passed in, so
/// the schedule can be stored, compared and tested as it is.
public struct FeedSourceState: Sendable, Codable, Hashable {
    /// The `ETag` of the last successful response, sent back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last successful response, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// Failures since the last success; each doubles the wait.
    public var consecutiveFailures: Int
    /// Nil until the first poll: a new feed is due at once.
    public var nextPollAt: Date?
    public var lastSuccessAt: Date?
    public var lastFailureAt: Date?

    /// The longest a failing feed waits between tries, unless its server asks for longer.
    public static let maximumBackoff: TimeInterval = 6 * 60 * 60

    public init(
        etag: String? = nil, lastModified: String? = nil, consecutiveFailures: Int = 0, nextPollAt: Date? = nil,
        lastSuccessAt: Date? = nil, lastFailureAt: Date? = nil
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
    public mutating func recordSuccess(etag: String?, lastModified: String?, now: Date, interval: TimeInterval) {
        if let etag = Self.nonEmpty(etag) { self.etag = etag }
        if let lastModified = Self.nonEmpty(lastModified) { self.lastModified = lastModified }
        consecutiveFailures = 0
        lastSuccessAt = now
        nextPollAt = now.addingTimeInterval(interval)
    }

    /// A failed poll (network error, 4xx, 5xx, unreadable feed): waits `interval × 2^failures`,
    /// at most `maximumBackoff` (or `interval`, if that is longer), and at least what a
    /// `Retry-After` asked for.
    public mutating func recordFailure(now: Date, interval: TimeInterval, retryAfter: TimeInterval? = nil) {
        consecutiveFailures += 1
        // Past 2^20 the cap has long been reached; stopping there keeps the arithmetic finite.
        let backoff = interval * Double(1 << min(consecutiveFailures, 20))
        var wait = min(backoff, max(Self.maximumBackoff, interval))
        if let retryAfter, retryAfter > wait { wait = retryAfter }
        lastFailureAt = now
        nextPollAt = now.addingTimeInterval(wait)
    }

    public func isDue(now: Date) -> Bool {
        guard let nextPollAt else { return true }
        return now >= nextPollAt
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
