import Foundation

/// Runs `body` on a thread of its own, for a test whose work is long and synchronous (SQLite
/// over thousands of rows, a megabyte parsed in a debug build). Swift Testing starts every test at
/// once on the cooperative pool, which has one thread per core: two such tests on a two-core
/// machine held it whole for seconds, and every other test's tasks and fake servers stood still
/// meanwhile, while the HTTP clients' timeouts (on NIO's threads) kept running. On a thread of its
/// own the work shares the cores with the pool instead of taking it over.
///
/// The body's nonisolated code and the default actors it calls run on that thread (it is the
/// task's executor preference); the thread ends when `body` returns.
public func offThePool<T>(_ body: () async throws -> T) async rethrows -> T {
    let executor = OwnThreadExecutor()
    defer { executor.stop() }
    return try await withTaskExecutorPreference(executor) { try await body() }
}

/// A task executor with one thread, which runs its jobs in order until stopped.
final class OwnThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "off-the-pool"
        // Deep recursion (JSON nesting limits) must fit, as on the main thread.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
