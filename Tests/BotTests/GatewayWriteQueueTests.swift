import Discord
import Store
import Support
import Testing

@testable import Bot
@testable import Daemon

/// The group-commit queue: batches in order, a session's sequence saved only with what it covers.
@Suite struct GatewayWriteQueueTests {
    static func message(_ id: Int64) -> IncomingMessage {
        IncomingMessage(id: id, guildID: 1, channelID: 2, authorHash: "a", content: "m\(id)", createdAt: id, source: .gateway)
    }

    static let ready = StoredGatewaySession(shardID: 0, sessionID: "s1", sequence: 1, resumeURL: "wss://resume", updatedAt: 0)

    static func sequences(_ batch: GatewayBatch) -> [Int: Int64?] {
        batch.sessions.mapValues { change in if case .save(let session) = change { session.sequence } else { nil } }
    }

    @Test func aBatchSavesTheSequenceOfItsLastEventAndNoLater() {
        var queue = GatewayWriteQueue()
        queue.append(.session(shard: 0, Self.ready))
        for sequence: Int64 in 2...6 {
            queue.append(.operation(.store(Self.message(sequence), session: "s1"), shard: 0, sequence: sequence))
        }
        let first = queue.takeBatch(limit: 3, now: 10)
        #expect(first.messageCount == 2)
        #expect(Self.sequences(first) == [0: 3])
        let second = queue.takeBatch(limit: 10, now: 11)
        #expect(second.operations.count == 3)
        #expect(Self.sequences(second) == [0: 6])
        #expect(queue.isEmpty && queue.operationCount == 0)
    }

    @Test func eventsThatWriteNothingStillMoveTheSavedSequence() {
        var queue = GatewayWriteQueue(sessions: [Self.ready])
        queue.append(.handled(shard: 0, sequence: 9))
        let batch = queue.takeBatch(limit: 10, now: 1)
        #expect(batch.operations.isEmpty)
        #expect(Self.sequences(batch) == [0: 9])
    }

    @Test func aLostSessionIsForgottenAndItsSequenceNoLongerSaved() {
        var queue = GatewayWriteQueue(sessions: [Self.ready])
        queue.append(.operation(.store(Self.message(5), session: "s1"), shard: 0, sequence: 5))
        queue.append(.session(shard: 0, nil))
        queue.append(.handled(shard: 0, sequence: 6))
        let batch = queue.takeBatch(limit: 10, now: 1)
        #expect(batch.sessions[0] == .forget)
        #expect(batch.messageCount == 1)
    }

    @Test func writesKeepTheOrderTheyCameIn() {
        var queue = GatewayWriteQueue(sessions: [Self.ready])
        queue.append(.operation(.store(Self.message(1), session: "s1"), shard: 0, sequence: 2))
        queue.append(.operation(.retract([1]), shard: 0, sequence: 3))
        queue.append(.operation(.store(Self.message(2), session: "s1"), shard: 0, sequence: 4))
        let kinds = queue.takeBatch(limit: 10, now: 1).operations.map { operation -> String in
            switch operation {
            case .store(let message, _): "store \(message.id)"
            case .retract(let ids): "retract \(ids)"
            }
        }
        #expect(kinds == ["store 1", "retract [1]", "store 2"])
    }
}

/// Where a channel's backfill starts.
@Suite struct BackfillStartTests {
    static let watermarks: [Int64: ChannelWatermark] = [
        100: ChannelWatermark(channelID: 100, guildID: 1, completeThrough: 5_000, liveSession: "s1"),
        101: ChannelWatermark(channelID: 101, guildID: 1, completeThrough: 7_000, liveSession: nil),
    ]

    @Test func aWatchedChannelStartsAtItsWatermark() {
        #expect(BackfillStart.decide(channel: 100, guild: 1, watermarks: Self.watermarks) == .after(5_000))
    }

    @Test func aChannelCreatedWhileTheBotWasAwayIsReadFromItsBeginning() {
        #expect(BackfillStart.decide(channel: 6_000, guild: 1, watermarks: Self.watermarks) == .after(5_999))
    }

    @Test func anOldChannelNeverWatchedIsWatchedFromNowOn() {
        #expect(BackfillStart.decide(channel: 4_000, guild: 1, watermarks: Self.watermarks) == .watchFromNow)
        // Nothing is known of another guild: its past is not news.
        #expect(BackfillStart.decide(channel: 9_000, guild: 2, watermarks: Self.watermarks) == .watchFromNow)
        #expect(BackfillStart.decide(channel: 9_000, guild: nil, watermarks: Self.watermarks) == .watchFromNow)
    }
}

/// When a failed backfill is tried again.
@Suite struct BackfillRetriesTests {
    @Test func delaysDoubleFromFiveSecondsToFiveMinutes() {
        #expect(
            (1...8).map { BackfillRetries.delay(afterFailures: $0) } == [5, 10, 20, 40, 80, 160, 300, 300].map { Duration.seconds($0) })
    }

    @Test func aChannelIsDueOnceItsDelayHasPassedAndForgottenOnSuccess() {
        var retries = BackfillRetries()
        let start = AnyClock.Instant(offset: .seconds(1000))
        let channel = Snowflake(rawValue: 7)
        retries.failed(channel, session: "s1", at: start)
        #expect(retries.due(at: start + .seconds(4)).isEmpty)
        #expect(retries.due(at: start + .seconds(5)).map(\.channel) == [channel])
        retries.failed(channel, session: "s2", at: start + .seconds(5))
        #expect(retries.due(at: start + .seconds(14)).isEmpty)
        #expect(retries.due(at: start + .seconds(15)).map(\.session) == ["s2"])
        retries.succeeded(channel)
        #expect(retries.due(at: start + .seconds(600)).isEmpty)
    }
}
