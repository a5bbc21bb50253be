/// An instant of a clock kept as the time since that clock's origin: `AnyClock`'s instants
/// (since the clock was wrapped) and the test clock's (since it was made) are both this.
public struct ClockOffset: InstantProtocol {
    /// Time since the clock's origin.
    public var offset: Duration

    public init(offset: Duration) { self.offset = offset }

    public func advanced(by duration: Duration) -> ClockOffset { ClockOffset(offset: offset + duration) }
    public func duration(to other: ClockOffset) -> Duration { other.offset - offset }
    public static func < (lhs: ClockOffset, rhs: ClockOffset) -> Bool { lhs.offset < rhs.offset }

    public static func + (lhs: ClockOffset, rhs: Duration) -> ClockOffset { lhs.advanced(by: rhs) }
    public static func - (lhs: ClockOffset, rhs: Duration) -> ClockOffset { lhs.advanced(by: .zero - rhs) }
    public static func - (lhs: ClockOffset, rhs: ClockOffset) -> Duration { rhs.duration(to: lhs) }
    public static func += (lhs: inout ClockOffset, rhs: Duration) { lhs = lhs + rhs }
    public static func -= (lhs: inout ClockOffset, rhs: Duration) { lhs = lhs - rhs }
}
