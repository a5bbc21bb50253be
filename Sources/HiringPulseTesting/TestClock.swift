public import Support
import Synchronization

/// A clock that moves only when a test moves it. Code under test sleeps on it as on any clock;
/// `advance(by:)` wakes every sleeper whose deadline has come, and `waitForSleepers` lets a test
/// wait until the code has parked on its timers, so that advancing never races them.
///
/// `advance` jumps: sleepers woken by it, that sleep again, count from the new now. To step
/// through a chain of timers, advance once per timer and wait for the next sleeper in between.
public final class TestClock: Clock, Sendable {
    /// Time since the clock was made.
    public typealias Instant = ClockOffset

    private let state = Mutex(TestClockState())

    public init() {}

    public var now: Instant { Instant(offset: state.withLock { $0.now }) }
    public var minimumResolution: Duration { .zero }

    /// Time moved on so far.
    public var elapsed: Duration { state.withLock { $0.now } }

    /// A time of day that moves only with this clock, in Unix milliseconds: `start` plus the time
    /// moved on so far, to the millisecond. For code that reads the time of day as well as
    /// sleeping (a `now:` closure beside a `clock:`).
    public func unixMilliseconds(from start: Int64) -> @Sendable () -> Int64 {
        {
            let elapsed = self.elapsed.components
            return start + elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        }
    }

    /// The deadlines of the sleepers parked now, earliest first.
    public var sleeperDeadlines: [Instant] {
        state.withLock { $0.sleepers.values.map { Instant(offset: $0.deadline) } }.sorted()
    }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = state.withLock { $0.newID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (outcome, watchers) = state.withLock { $0.park(id, until: deadline.offset, continuation) }
                for watcher in watchers { watcher.resume() }
                switch outcome {
                case .parked: break
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { $0.cancel(id) }?.resume(throwing: CancellationError())
        }
    }

    /// Moves time on by `duration` and wakes, earliest first, every sleeper whose deadline is now.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a clock does not go back")
        let woken = state.withLock { $0.advance(by: duration) }
        for continuation in woken { continuation.resume() }
    }

    /// Moves time on to `instant` (if it is later than now), waking the sleepers due by then.
    public func advance(to instant: Instant) {
        advance(by: max(.zero, now.duration(to: instant)))
    }

    /// Returns once at least `count` sleepers are parked.
    public func waitForSleepers(_ count: Int = 1) async {
        await waitUntil { $0.count >= count }
    }

    /// Returns once a sleeper is parked with a deadline at or before `instant`: the timer a test is
    /// about to fire by advancing to it.
    public func waitForSleeper(dueBy instant: Instant) async {
        await waitUntil { deadlines in deadlines.contains { $0 <= instant.offset } }
    }

    /// Returns once a sleeper is parked that `advance(by: duration)` would wake.
    public func waitForSleeper(dueWithin duration: Duration) async {
        await waitForSleeper(dueBy: now.advanced(by: duration))
    }

    private func waitUntil(_ condition: @escaping @Sendable ([Duration]) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let satisfied = state.withLock { $0.watch(condition, continuation) }
            if satisfied { continuation.resume() }
        }
    }
}

/// The test clock's state, kept under its lock. Continuations are handed back to be resumed
/// outside the lock.
private struct TestClockState {
    struct Sleeper {
        var deadline: Duration
        var continuation: CheckedContinuation<Void, any Error>
    }

    struct Watcher {
        var condition: @Sendable ([Duration]) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    enum Parking { case parked, due, cancelled }

    var now = Duration.zero
    var sleepers: [Int: Sleeper] = [:]
    /// Sleepers cancelled before they parked.
    var cancelledEarly: Set<Int> = []
    var watchers: [Watcher] = []
    private var lastID = 0

    mutating func newID() -> Int {
        lastID += 1
        return lastID
    }

    mutating func park(
        _ id: Int, until deadline: Duration, _ continuation: CheckedContinuation<Void, any Error>
    ) -> (Parking, [CheckedContinuation<Void, Never>]) {
        if cancelledEarly.remove(id) != nil { return (.cancelled, []) }
        if deadline <= now { return (.due, []) }
        sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
        return (.parked, satisfiedWatchers())
    }

    mutating func cancel(_ id: Int) -> CheckedContinuation<Void, any Error>? {
        guard let sleeper = sleepers.removeValue(forKey: id) else {
            // Not parked yet (or already woken, in which case the entry is never read).
            cancelledEarly.insert(id)
            return nil
        }
        return sleeper.continuation
    }

    mutating func advance(by duration: Duration) -> [CheckedContinuation<Void, any Error>] {
        now += duration
        let due = sleepers.filter { $0.value.deadline <= now }.sorted { ($0.value.deadline, $0.key) < ($1.value.deadline, $1.key) }
        for (id, _) in due { sleepers[id] = nil }
        return due.map(\.value.continuation)
    }

    mutating func watch(_ condition: @escaping @Sendable ([Duration]) -> Bool, _ continuation: CheckedContinuation<Void, Never>) -> Bool {
        if condition(sleepers.values.map(\.deadline)) { return true }
        watchers.append(Watcher(condition: condition, continuation: continuation))
        return false
    }

    private mutating func satisfiedWatchers() -> [CheckedContinuation<Void, Never>] {
        let deadlines = sleepers.values.map(\.deadline)
        var satisfied: [CheckedContinuation<Void, Never>] = []
        watchers.removeAll { watcher in
            guard watcher.condition(deadlines) else { return false }
            satisfied.append(watcher.continuation)
            return true
        }
        return satisfied
    }
}
