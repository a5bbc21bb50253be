import Domain
public import Support

/// Pauses calls to a server that keeps failing, so an outage costs a probe now and then instead of
/// a retry for every message. Pure state: the caller passes the time (read from the extractor's
/// clock), which keeps it testable.
///
/// closed ── `failureThreshold` failures in a row ──▶ open ── cooldown over ──▶ half-open (one probe)
///   ▲                                                  ▲                            │
///   └──────────────── probe succeeds ──────────────────┼──── probe fails (cooldown doubles) ┘
public struct CircuitBreaker: Sendable {
    public struct Policy: Sendable {
        public var failureThreshold: Int
        public var cooldown: Duration
        public var longestCooldown: Duration

        public init(failureThreshold: Int = 3, cooldown: Duration = .seconds(30), longestCooldown: Duration = .seconds(600)) {
            self.failureThreshold = max(1, failureThreshold)
            self.cooldown = cooldown
            self.longestCooldown = max(cooldown, longestCooldown)
        }
    }

    public enum State: Sendable, Equatable {
        case closed(consecutiveFailures: Int)
        case open(until: AnyClock.Instant, trips: Int)
        case halfOpen(trips: Int, probeInFlight: Bool)
    }

    /// What the caller may do now.
    public enum Permission: Sendable, Equatable {
        case call
        /// The one call that tests whether the server is back; others wait for its result.
        case probe
        case wait(until: AnyClock.Instant)
    }

    public let policy: Policy
    public private(set) var state: State = .closed(consecutiveFailures: 0)

    public init(policy: Policy) {
        self.policy = policy
    }

    public var isOpen: Bool {
        if case .closed = state { false } else { true }
    }

    public mutating func permission(now: AnyClock.Instant) -> Permission {
        switch state {
        case .closed:
            return .call
        case .open(let until, let trips):
            guard now >= until else { return .wait(until: until) }
            state = .halfOpen(trips: trips, probeInFlight: true)
            return .probe
        case .halfOpen(let trips, let probeInFlight):
            guard !probeInFlight else { return .wait(until: now + policy.cooldown) }
            state = .halfOpen(trips: trips, probeInFlight: true)
            return .probe
        }
    }

    public mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    public mutating func recordFailure(now: AnyClock.Instant) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= policy.failureThreshold ? open(trips: 1, now: now) : .closed(consecutiveFailures: failures + 1)
        case .halfOpen(let trips, _):
            state = open(trips: trips + 1, now: now)
        case .open:
            // A call that started before the circuit opened: the cooldown already runs.
            break
        }
    }

    /// A probe that ended with neither success nor failure (cancelled): let the next caller probe.
    public mutating func releaseProbe() {
        if case .halfOpen(let trips, true) = state { state = .halfOpen(trips: trips, probeInFlight: false) }
    }

    private func open(trips: Int, now: AnyClock.Instant) -> State {
        // 30 s, 60 s, 120 s, … up to the longest cooldown.
        var cooldown = policy.cooldown
        for _ in 1..<max(1, min(trips, 16)) where cooldown < policy.longestCooldown { cooldown *= 2 }
        return .open(until: now + min(cooldown, policy.longestCooldown), trips: trips)
    }
}
