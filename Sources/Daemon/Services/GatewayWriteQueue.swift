import Bot
import Store

/// The gateway's writes waiting for the next commit, in the order they came, and how they are cut
/// into batches. Pure: no I/O and no clock, so the rule that a session's sequence is saved only
/// with the writes it covers is tested directly.
struct GatewayWriteQueue: Sendable {
    enum Entry: Sendable {
        /// A write, from the event with this sequence number.
        case operation(GatewayBatch.Operation, shard: Int, sequence: Int64?)
        /// An event that writes nothing (an interaction, a guild) was handled: its sequence counts.
        case handled(shard: Int, sequence: Int64?)
        /// A shard's session started (READY), ended (nil), or was handed over on shutdown.
        case session(shard: Int, StoredGatewaySession?)
    }

    private var entries: [Entry] = []
    /// Entries before this index were taken: removing them from the front at every batch would
    /// copy the whole queue each time, which a burst makes long.
    private var head = 0
    private var operations = 0
    /// The session of each shard as the entries taken so far left it: the one whose sequence the
    /// next batch saves.
    private var sessions: [Int: StoredGatewaySession]

    init(sessions: [StoredGatewaySession] = []) {
        self.sessions = Dictionary(sessions.map { ($0.shardID, $0) }, uniquingKeysWith: { _, last in last })
    }

    var isEmpty: Bool { head == entries.count }
    /// Writes waiting: what bounds the queue.
    var operationCount: Int { operations }

    mutating func append(_ entry: Entry) {
        if case .operation = entry { operations += 1 }
        entries.append(entry)
    }

    /// The oldest `limit` entries as one batch: their writes in order and, for each shard they
    /// touch, its session with the sequence of the last of them.
    mutating func takeBatch(limit: Int, now: Int64) -> GatewayBatch {
        let end = min(entries.count, head + max(1, limit))
        var batch = GatewayBatch()
        func covered(_ shard: Int, _ sequence: Int64?) {
            guard let sequence, var session = sessions[shard] else { return }
            session.sequence = max(session.sequence ?? 0, sequence)
            session.updatedAt = now
            sessions[shard] = session
            batch.sessions[shard] = .save(session)
        }
        for index in head..<end {
            switch entries[index] {
            case .operation(let operation, let shard, let sequence):
                operations -= 1
                batch.operations.append(operation)
                covered(shard, sequence)
            case .handled(let shard, let sequence):
                covered(shard, sequence)
            case .session(let shard, let session):
                sessions[shard] = session
                batch.sessions[shard] = session.map { .save($0) } ?? .forget
            }
        }
        head = end
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4_096 && head > entries.count / 2 {
            entries.removeFirst(head)
            head = 0
        }
        return batch
    }
}
