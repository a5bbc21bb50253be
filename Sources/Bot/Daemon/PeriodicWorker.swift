import ServiceLifecycle

/// The loop of a background worker: do the work when woken, and every `pollInterval` for work
/// whose time came (retries, schedules). On graceful shutdown the work in hand finishes and the
/// loop ends.
struct PeriodicWorker: Sendable {
    let wakeup: Wakeup
    let pollInterval: Duration

    func run(_ work: @Sendable () async -> Void) async throws {
        let (wakeup, pollInterval) = (wakeup, pollInterval)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                while (try? await Task.sleep(for: pollInterval)) != nil {
                    wakeup.ring()
                }
            }
            await withGracefulShutdownHandler {
                for await _ in wakeup.rings { await work() }
            } onGracefulShutdown: {
                wakeup.close()
            }
            group.cancelAll()
        }
    }
}
