import Support

/// Discord closes a connection that sends more than 120 payloads in 60 seconds (heartbeats
/// included). This keeps a sliding window of send times and holds a few slots back for
/// heartbeats, so that a burst of other sends can never crowd one out.
struct GatewaySendLimiter: Sendable {
    typealias Instant = AnyClock.Instant

    static let limit = 120
    static let window = Duration.seconds(60)
    /// Slots only heartbeats may use: at most two fall in any 60 s at Discord's 41.25 s interval.
    static let reservedForHeartbeats = 4

    private var sent: [Instant] = []

    init() {}

    /// When the payload may be sent: `nil` for now (and it is counted), or the instant to ask again.
    mutating func reserve(isHeartbeat: Bool, now: Instant) -> Instant? {
        let windowStart = now - Self.window
        if let firstInWindow = sent.firstIndex(where: { $0 > windowStart }) {
            if firstInWindow > 0 { sent.removeFirst(firstInWindow) }
        } else {
            sent.removeAll(keepingCapacity: true)
        }
        let allowed = isHeartbeat ? Self.limit : Self.limit - Self.reservedForHeartbeats
        guard sent.count >= allowed else {
            sent.append(now)
            return nil
        }
        // The slot frees up when the oldest send that keeps us at the limit leaves the window.
        return sent[sent.count - allowed] + Self.window
    }
}
