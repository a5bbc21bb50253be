public import Support

/// Discord's REST rate limits as a pure value (Discord: Topics › Rate Limits): per-route buckets
/// learned from `X-RateLimit-Bucket` and keyed with the route's major parameter, the global limit
/// of 50 requests per second (interaction callbacks exempt), 429s read for `retry_after`, `global`
/// and `scope`, a guard well before Cloudflare's 10,000 invalid requests per 10 minutes, and a long
/// pause on a 429 without rate-limit headers (a Cloudflare ban). Time comes in as arguments; the
/// REST client sleeps when told to.
public struct RateLimiter: Sendable {
    public typealias Instant = AnyClock.Instant

    /// A request's identity for rate limiting: the route template ("POST /channels/{channel_id}/messages")
    /// and its major parameter (the channel, guild or webhook id, or the interaction token).
    public struct Route: Sendable, Hashable {
        public var template: String
        public var majorParameter: String

        public init(template: String, majorParameter: String = "") {
            self.template = template
            self.majorParameter = majorParameter
        }
    }

    /// What a response said about limits.
    public struct Response: Sendable, Hashable {
        public var status: Int
        public var bucket: String?
        /// `X-RateLimit-Limit`: requests per window.
        public var limit: Int?
        public var remaining: Int?
        /// Seconds until the bucket resets (`X-RateLimit-Reset-After`).
        public var resetAfter: Double?
        /// From a 429's body or `Retry-After`.
        public var retryAfter: Double?
        public var isGlobal: Bool
        /// `X-RateLimit-Scope`: user, global or shared.
        public var scope: String?

        public init(
            status: Int, bucket: String? = nil, limit: Int? = nil, remaining: Int? = nil, resetAfter: Double? = nil,
            retryAfter: Double? = nil, isGlobal: Bool = false, scope: String? = nil
        ) {
            self.status = status
            self.bucket = bucket
            self.limit = limit
            self.remaining = remaining
            self.resetAfter = resetAfter
            self.retryAfter = retryAfter
            self.isGlobal = isGlobal
            self.scope = scope
        }

        /// Whether Discord sent any rate-limit header: a 429 without them comes from Cloudflare.
        public var hasRateLimitHeaders: Bool { bucket != nil || remaining != nil || resetAfter != nil || scope != nil }
    }

    public enum Decision: Sendable, Hashable {
        case send
        case wait(until: Instant)
    }

    public enum Warning: Sendable, Hashable {
        /// A 429 with no rate-limit headers: Cloudflare has banned this IP for a while.
        case cloudflareBan(until: Instant)
        /// Invalid requests (401, 403, 429) are near Cloudflare's limit; requests are held back.
        case invalidRequestGuard(until: Instant)
    }

    public static let globalLimitPerSecond = 50
    /// Cloudflare bans an IP at 10,000 invalid requests in 10 minutes; stop well before.
    public static let invalidRequestBudget = 8_000
    public static let invalidRequestWindow = Duration.seconds(600)
    public static let cloudflareBanPause = Duration.seconds(3_600)

    private struct BucketState: Sendable {
        var limit: Int
        var remaining: Int
        var resetAt: Instant
        /// The longest `Reset-After` seen: how long a new window lasts.
        var window: Duration

        /// Once the window has passed, a new one starts with the full limit, less what is still in
        /// flight: those requests may reach Discord in the new window.
        mutating func roll(now: Instant, inFlight: Int) {
            guard resetAt <= now else { return }
            remaining = max(0, limit - inFlight)
            resetAt = now + window
        }
    }

    /// Answers that disagree on the reset by less than this describe the same window.
    static let sameWindowTolerance = Duration.milliseconds(250)

    private var bucketOfRoute: [String: String] = [:]
    /// Routes whose bucket is not known yet, with when their one request in flight was sent: a burst
    /// on a new route sends one request, learns the bucket from its answer, then the rest.
    private var discovering: [Route: Instant] = [:]
    /// How long to wait for the answer that reveals a bucket before letting another request try.
    public static let discoveryTimeout = Duration.seconds(10)
    private var buckets: [String: BucketState] = [:]
    private var pausedRoutes: [Route: Instant] = [:]
    /// Requests sent and not yet answered, by route.
    private var inFlight: [Route: Int] = [:]
    private var globalWindowStart: Instant?
    private var globalCount = 0
    private var globalPausedUntil: Instant?
    private var invalidRequests: [Instant] = []
    private var invalidPausedUntil: Instant?

    public init() {}

    /// Whether `route` may be sent at `now`. On `.send` the request is counted; on `.wait` ask
    /// again at that time.
    public mutating func reserve(_ route: Route, isInteractionCallback: Bool = false, now: Instant) -> Decision {
        var waitUntil: Instant?
        func later(_ instant: Instant?) {
            guard let instant, instant > now else { return }
            waitUntil = max(waitUntil ?? instant, instant)
        }
        later(invalidPausedUntil)
        later(globalPausedUntil)
        if !isInteractionCallback {
            if let start = globalWindowStart, now - start < .seconds(1), globalCount >= Self.globalLimitPerSecond {
                later(start + .seconds(1))
            }
        }
        if let paused = pausedRoutes[route] {
            if paused > now { later(paused) } else { pausedRoutes[route] = nil }
        }
        let key = bucketKey(route)
        if let key, var state = buckets[key] {
            state.roll(now: now, inFlight: inFlightCount(key: key))
            buckets[key] = state
            if state.remaining <= 0 { later(state.resetAt) }
        }
        // Until an answer says how much of this bucket (for this major parameter) is left, one
        // request at a time: a known bucket hash says nothing about another channel's count.
        let isDiscovering = key.map { buckets[$0] == nil } ?? true
        if isDiscovering, let sent = discovering[route], now - sent < Self.discoveryTimeout {
            later(now + .milliseconds(50))
        }
        if let waitUntil { return .wait(until: waitUntil) }
        if isDiscovering { discovering[route] = now }

        if !isInteractionCallback {
            if let start = globalWindowStart, now - start < .seconds(1) {
                globalCount += 1
            } else {
                globalWindowStart = now
                globalCount = 1
            }
        }
        if let key, var state = buckets[key] {
            state.remaining -= 1
            buckets[key] = state
        }
        inFlight[route, default: 0] += 1
        return .send
    }

    /// Learns from a response. Returns a warning to log loudly, if any.
    @discardableResult
    public mutating func record(_ response: Response, for route: Route, now: Instant) -> Warning? {
        discovering[route] = nil
        answered(route)
        if let bucket = response.bucket { bucketOfRoute[route.template] = bucket }
        if let key = bucketKey(route), let remaining = response.remaining, let resetAfter = response.resetAfter {
            learn(key: key, limit: response.limit, remaining: remaining, resetAfter: Self.seconds(resetAfter), now: now)
        }
        var warning: Warning?
        if [401, 403, 429].contains(response.status) {
            warning = countInvalid(now: now)
        }
        guard response.status == 429 else { return warning }
        guard response.hasRateLimitHeaders else {
            let until = now + Self.cloudflareBanPause
            globalPausedUntil = until
            return .cloudflareBan(until: until)
        }
        let retryAfter = Self.seconds(response.retryAfter ?? response.resetAfter ?? 1)
        if response.isGlobal || response.scope == "global" {
            globalPausedUntil = max(globalPausedUntil ?? now, now + retryAfter)
        } else if bucketKey(route) == nil {
            // A 429 before the bucket is known still holds this route back.
            pausedRoutes[route] = now + retryAfter
        } else if let key = bucketKey(route) {
            var state = buckets[key] ?? BucketState(limit: 1, remaining: 0, resetAt: now, window: retryAfter)
            state.remaining = 0
            state.resetAt = now + retryAfter
            buckets[key] = state
        }
        return warning
    }

    private mutating func learn(key: String, limit: Int?, remaining: Int, resetAfter: Duration, now: Instant) {
        let resetAt = now + resetAfter
        let previous = buckets[key]
        // Requests still in flight will spend what the answer says remains.
        let available = max(0, remaining - inFlightCount(key: key))
        var state = BucketState(
            limit: limit ?? max(remaining + 1, previous?.limit ?? 1), remaining: available, resetAt: resetAt,
            window: max(resetAfter, previous?.window ?? .zero)
        )
        if let previous, previous.resetAt > now {
            // A late answer from an earlier window says nothing about this one.
            if resetAt < previous.resetAt - Self.sameWindowTolerance { return }
            // Within one window the lower count and the later reset are the safe ones; an answer
            // from a new window replaces what we had.
            if resetAt < previous.resetAt + Self.sameWindowTolerance {
                state.remaining = min(previous.remaining, available)
                state.resetAt = max(previous.resetAt, resetAt)
            }
        }
        buckets[key] = state
    }

    /// A request that got no answer (a connection error): the route's bucket is still unknown and
    /// another request may try.
    public mutating func cancel(_ route: Route) {
        discovering[route] = nil
        answered(route)
    }

    private mutating func answered(_ route: Route) {
        guard let count = inFlight[route] else { return }
        inFlight[route] = count > 1 ? count - 1 : nil
    }

    /// Unanswered requests on every route that shares the bucket `key` names.
    private func inFlightCount(key: String) -> Int {
        inFlight.reduce(0) { total, entry in bucketKey(entry.key) == key ? total + entry.value : total }
    }

    private func bucketKey(_ route: Route) -> String? {
        bucketOfRoute[route.template].map { "\($0):\(route.majorParameter)" }
    }

    private mutating func countInvalid(now: Instant) -> Warning? {
        invalidRequests.append(now)
        let windowStart = now - Self.invalidRequestWindow
        if let first = invalidRequests.firstIndex(where: { $0 > windowStart }), first > 0 {
            invalidRequests.removeFirst(first)
        }
        guard invalidRequests.count >= Self.invalidRequestBudget, let oldest = invalidRequests.first else { return nil }
        let until = oldest + Self.invalidRequestWindow
        invalidPausedUntil = until
        return .invalidRequestGuard(until: until)
    }

    private static func seconds(_ value: Double) -> Duration {
        .milliseconds(Int64((max(0, value) * 1000).rounded(.up)))
    }
}
