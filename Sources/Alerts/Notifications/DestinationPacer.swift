/// Keeps each destination to its pace: Telegram asks for about one message a second per chat,
/// Slack for one a second per webhook. Pure: the time, in milliseconds, is passed in.
public struct DestinationPacer: Sendable {
    public let spacingMilliseconds: Int64
    private var nextAllowed: [String: Int64] = [:]

    public init(spacingMilliseconds: Int64 = 1_000) {
        self.spacingMilliseconds = spacingMilliseconds
    }

    /// When `destination` may next be sent to; `now` when it may at once.
    public func readyAt(_ destination: String, now: Int64) -> Int64 {
        max(now, nextAllowed[destination] ?? now)
    }

    /// A message went to `destination` at `now`.
    public mutating func sent(to destination: String, at now: Int64) {
        nextAllowed[destination] = max(nextAllowed[destination] ?? now, now + spacingMilliseconds)
    }

    /// The service asked to wait (a 429's retry_after): nothing more goes there until then.
    public mutating func hold(_ destination: String, until time: Int64) {
        nextAllowed[destination] = max(nextAllowed[destination] ?? time, time)
    }
}
