/// A doorbell for a worker: any number of rings while it is busy wake it once. Ringing never
/// blocks and never queues more than one wake-up.
public struct Wakeup: Sendable {
    public let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func ring() { continuation.yield() }

    /// Ends `rings`: the worker finishes what it is doing and stops.
    public func close() { continuation.finish() }
}
