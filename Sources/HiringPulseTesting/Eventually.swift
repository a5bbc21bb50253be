/// Waits until `condition` holds, checking every 10 ms, or throws after `timeout` with `what`.
/// For conditions that depend on another side (a fake server, a client reconnecting). The default
/// is generous: the whole suite starts at once on a two-core machine, and a wait that only ends in
/// failure costs nothing while the condition comes true in time.
public func eventually(
    _ what: @autoclosure () -> String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(description: "timed out after \(timeout) waiting for \(what())") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

public struct TimedOut: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
