public import Support

/// How many sessions the bot may start (Discord: `session_start_limit` from `GET /gateway/bot`).
public struct SessionStartLimit: Sendable, Hashable {
    public var total: Int
    public var remaining: Int
    /// Until `remaining` is reset to `total`.
    public var resetAfter: Duration
    /// How many shards may identify in the same 5 s (shards with equal `id % maxConcurrency`
    /// share a slot).
    public var maxConcurrency: Int

    public init(total: Int, remaining: Int, resetAfter: Duration, maxConcurrency: Int) {
        self.total = total
        self.remaining = remaining
        self.resetAfter = resetAfter
        self.maxConcurrency = max(1, maxConcurrency)
    }

    /// What a bot that could not ask starts with: Discord's defaults for small bots.
    public static let conservative = SessionStartLimit(total: 1000, remaining: 1000, resetAfter: .seconds(86_400), maxConcurrency: 1)
}

/// Pacing of IDENTIFY across all shards, as a pure value: one identify per rate-limit key
/// (`shard_id % max_concurrency`) every `spacing` (Discord's 5 seconds), and never more than the
/// remaining daily session starts. Time comes in as arguments, read from the gateway's clock.
public struct IdentifyBudget: Sendable {
    public typealias Instant = AnyClock.Instant

    /// What Discord requires between two IDENTIFYs of one rate-limit key.
    public static let discordSpacing = Duration.seconds(5)
    /// Discord does not say when the next day's budget resets until asked again; assume a day.
    static let assumedResetPeriod = Duration.seconds(86_400)

    public enum Decision: Sendable, Hashable {
        case identify
        case wait(until: Instant)
    }

    private var limit: SessionStartLimit
    /// Between two IDENTIFYs of one key: `discordSpacing` against Discord; shorter only against a
    /// fake that does not hold to it (tests).
    public let spacing: Duration
    private var remaining: Int
    private var resetAt: Instant
    private var nextAllowed: [Int: Instant] = [:]

    public init(limit: SessionStartLimit, spacing: Duration = discordSpacing, now: Instant) {
        self.limit = limit
        self.spacing = spacing
        remaining = limit.remaining
        resetAt = now + limit.resetAfter
    }

    public var remainingSessionStarts: Int { remaining }

    /// Whether shard `shard` may identify at `now`; on `.identify` the session start is counted.
    public mutating func reserve(shard: Int, now: Instant) -> Decision {
        if now >= resetAt {
            remaining = limit.total
            resetAt = now + Self.assumedResetPeriod
        }
        let key = shard % limit.maxConcurrency
        var waitUntil: Instant?
        if remaining <= 0 { waitUntil = resetAt }
        if let next = nextAllowed[key], next > now { waitUntil = max(waitUntil ?? next, next) }
        if let waitUntil { return .wait(until: waitUntil) }
        remaining -= 1
        nextAllowed[key] = now + spacing
        return .identify
    }
}
