import Logging

/// The one place all shards of a process wait for their turn to IDENTIFY.
public actor IdentifyGate {
    private var budget: IdentifyBudget
    private let logger: Logger

    public init(limit: SessionStartLimit, logger: Logger) {
        budget = IdentifyBudget(limit: limit, now: .now)
        self.logger = logger
    }

    /// Returns when `shard` may send IDENTIFY; throws only when cancelled.
    public func waitForTurn(shard: Int) async throws {
        while true {
            switch budget.reserve(shard: shard, now: .now) {
            case .identify:
                return
            case .wait(let until):
                let wait = until - .now
                if wait > .seconds(60) {
                    logger.error(
                        "daily session-start budget exhausted: shard \(shard) waits \(wait.components.seconds) s before it can IDENTIFY",
                        metadata: ["shard": "\(shard)"]
                    )
                }
                try await Task.sleep(until: until, clock: .continuous)
            }
        }
    }
}
