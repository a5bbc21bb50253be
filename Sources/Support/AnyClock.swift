/// The clock a shell or worker waits on, chosen by whoever builds it: `ContinuousClock` in
/// production, a manual clock in tests. Erased so that the types keeping one need no generic
/// parameter of their own, and so that the pure state machines they drive see one instant type.
///
/// Instants are offsets from the moment the clock was wrapped; two `AnyClock`s wrapping the same
/// clock at different moments do not share instants.
public struct AnyClock: Clock {
    /// Time since the wrapped clock's reading when it was wrapped.
    public typealias Instant = ClockOffset

    private let reading: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration, Duration?) async throws -> Void
    public let minimumResolution: Duration

    public init<C: Clock<Duration>>(_ clock: C) {
        // Already erased (handed on from shell to worker): kept as it is, so instants stay the caller's.
        if let erased = clock as? AnyClock {
            self = erased
            return
        }
        let start = clock.now
        reading = { start.duration(to: clock.now) }
        sleeper = { offset, tolerance in try await clock.sleep(until: start.advanced(by: offset), tolerance: tolerance) }
        minimumResolution = clock.minimumResolution
    }

    /// A wrapped `ContinuousClock`: what production code runs on.
    public static var continuous: AnyClock { AnyClock(ContinuousClock()) }

    public var now: Instant { Instant(offset: reading()) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await sleeper(deadline.offset, tolerance)
    }
}
