import ServiceLifecycle
package import Support

/// The loop of a background worker: do the work when woken, and every `pollInterval` for work
/// whose time came (retries, schedules). On graceful shutdown the work in hand finishes and the
/// loop ends.
package struct PeriodicWorker: Sendable {
    let wakeup: Wakeup
    let pollInterval: Duration
    let clock: AnyClock

    package init(wakeup: Wakeup, pollInterval: Duration, clock: AnyClock) {
        self.wakeup = wakeup
        self.pollInterval = pollInterval
        self.clock = clock
    }

    package func run(_ work: @Sendable () async -> Void) async throws {
        let (wakeup, pollInterval, clock) = (wakeup, pollInterval, clock)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                while (try? await clock.sleep(for: pollInterval)) != nil {
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
