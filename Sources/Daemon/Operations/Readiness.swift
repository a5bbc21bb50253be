import Bot
import Synchronization

/// Whether the daemon can do its work: every gateway shard it runs has a live session. The
/// database half of `/readyz` is checked when asked, with a write lock that is taken and let go.
public final class Readiness: Sendable {
    private let shards = Mutex<[Int: Bool]>([:])

    public init() {}

    /// READY or RESUMED arrived on the shard.
    public func shardReady(_ shard: Int) {
        shards.withLock { $0[shard] = true }
    }

    /// The shard lost its session, or stopped.
    public func shardDown(_ shard: Int) {
        shards.withLock { $0[shard] = false }
    }

    /// Shards without a session, or nil when every shard has one. No shard yet is not ready.
    public var shardsNotReady: [Int]? {
        shards.withLock { shards in
            guard !shards.isEmpty else { return [0] }
            let down = shards.filter { !$0.value }.keys.sorted()
            return down.isEmpty ? nil : down
        }
    }
}
