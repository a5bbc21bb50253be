import Synchronization

/// swift-websocket waits for the server's answer to the upgrade on a future that cancellation
/// does not reach: a gateway that accepted the TCP connection and never answered held the shard,
/// and with it the daemon's shutdown, forever. `run` starts the connect in a task of its own.
/// Cancelled before the upgrade, the caller stops waiting (the task is cancelled too, and ends
/// when the server gives up or the process exits); after it, cancellation reaches the exchange
/// and is waited for, so the resumable close handshake still happens.
final class UpgradeGuard<T: Sendable>: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<T, any Error>)
        case resolved(Result<T, any Error>)
        case done
    }

    private let state = Mutex<State>(.idle)
    private let upgradedFlag = Mutex(false)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Called by the connection's handler as it starts: from then on cancellation is waited for.
    func upgraded() { upgradedFlag.withLock { $0 = true } }

    func run(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                wait(continuation)
                let started = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await operation()) } catch { result = .failure(error) }
                    self.resolve(result)
                }
                task.withLock { $0 = started }
            }
        } onCancel: {
            task.withLock { $0 }?.cancel()
            if !upgradedFlag.withLock({ $0 }) { resolve(.failure(CancellationError())) }
        }
    }

    private func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = state.withLock { state in
            guard case .resolved(let result) = state else {
                state = .waiting(continuation)
                return nil
            }
            state = .done
            return result
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// The first outcome wins: the connect's own, or a cancellation before the upgrade.
    private func resolve(_ result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            switch state {
            case .idle:
                state = .resolved(result)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .resolved, .done:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}
