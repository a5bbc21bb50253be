/// Holds back the answer to a request a fake has already accepted, for tests that stop a client
/// between the service doing something and the client learning of it: the window in which a
/// notification was sent but not yet recorded as sent.
public actor AnswerHold {
    private var armed = 0
    private var toLetThrough = 0
    private var holding = false
    /// Answers held so far, released or not.
    public private(set) var heldCount = 0

    public init() {}

    /// After `skipping` more accepted requests are answered, the next `count` get their answers
    /// only on `release()`.
    public func holdNext(_ count: Int = 1, skipping: Int = 0) {
        armed += count
        toLetThrough = skipping
    }

    /// Lets every held answer go, and holds no more.
    public func release() {
        armed = 0
        holding = false
    }

    /// Called by a fake after accepting a request, before answering it.
    func pass() async {
        guard armed > 0 else { return }
        guard toLetThrough == 0 else {
            toLetThrough -= 1
            return
        }
        armed -= 1
        heldCount += 1
        holding = true
        // Polled rather than parked, so that a fake shutting down (cancelled) never waits on it.
        while holding && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
