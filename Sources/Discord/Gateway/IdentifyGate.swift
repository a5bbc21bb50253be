public import Logging
import Support

/// The one place all shards of a process wait for their turn to IDENTIFY.
public actor IdentifyGate {
    private var budget: IdentifyBudget
    private let logger: Logger
    private let clock: AnyClock

    public init(
        limit: SessionStartLimit, spacing: Duration = IdentifyBudget.discordSpacing, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        budget = IdentifyBudget(limit: limit, spacing: spacing, now: self.clock.now)
        self.logger = logger
    }

    /// Returns when `shard` may send IDENTIFY; throws only when cancelled.
    public func waitForTurn(shard: Int) async throws {
        while true {
            switch budget.reserve(shard: shard, now: clock.now) {
            case .identify:
                return
            case .wait(let until):
                let wait = clock.now.duration(to: until)
                if wait > .seconds(60) {
                    logger.error(
                        "daily session-start budget exhausted: shard \(shard) waits \(wait.components.seconds) s before it can IDENTIFY",
                        metadata: ["shard": "\(shard)"]
                    )
                }
                try await clock.sleep(until: until)
            }
        }
    }
}
