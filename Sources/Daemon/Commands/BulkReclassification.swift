public import Bot
public import Discord
public import Logging
public import ServiceLifecycle
import Store
import Support

/// Bulk reclassifications started from Discord, one at a time: each runs in the background and
/// edits its progress bar into the admin's reply about once a second, with a Cancel button. On
/// shutdown the running one stops after its batch.
public actor BulkReclassification: Service, CustomStringConvertible {
    struct Job: Sendable {
        var id: Int
        var ids: [Int64]
        var scope: String
        var applicationID: Snowflake
        var token: String
    }

    let reclassifier: Reclassifier
    let rest: DiscordRESTClient
    let logger: Logger
    /// Progress edits are paced on it.
    let clock: AnyClock
    private let jobs: AsyncStream<Job>
    private let submit: AsyncStream<Job>.Continuation
    private var nextID = 1
    private var running: Int?
    private var queued: Int?
    private var cancelled: Set<Int> = []

    public init(reclassifier: Reclassifier, rest: DiscordRESTClient, logger: Logger, clock: some Clock<Duration> = ContinuousClock()) {
        self.clock = AnyClock(clock)
        self.reclassifier = reclassifier
        self.rest = rest
        self.logger = logger
        (jobs, submit) = AsyncStream.makeStream(of: Job.self)
    }

    public nonisolated var description: String { "BulkReclassification" }

    /// Queues a job answering to `interaction`; refuses while another is running.
    func start(_ ids: [Int64], scope: String, interaction: DiscordInteraction) throws(CommandError) -> Int {
        guard running == nil, queued == nil else {
            throw CommandError("A reclassification is already running; cancel it or wait for it to finish.")
        }
        let id = nextID
        nextID += 1
        queued = id
        submit.yield(Job(id: id, ids: ids, scope: scope, applicationID: interaction.applicationID, token: interaction.token))
        return id
    }

    /// Asks job `id` to stop after its current batch; false when it is not running any more.
    func cancel(_ id: Int) -> Bool {
        guard running == id || queued == id else { return false }
        cancelled.insert(id)
        return true
    }

    private func isCancelled(_ id: Int) -> Bool { cancelled.contains(id) }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            for await job in self.jobs {
                await self.execute(job)
            }
        }
    }

    private func execute(_ job: Job) async {
        queued = nil
        running = job.id
        let reporter = ProgressReporter(job: job, rest: rest, logger: logger, clock: clock)
        let finalText: String
        do {
            let id = job.id
            let progress = try await reclassifier.run(job.ids, shouldStop: { await self.isCancelled(id) }) { progress in
                await reporter.show(Self.progressText(progress, scope: job.scope), final: false)
            }
            finalText = Self.finalText(progress, scope: job.scope, cancelled: isCancelled(job.id))
        } catch {
            logger.error("reclassification failed: \(error)")
            finalText = "Reclassification (\(job.scope)) stopped: \(error)"
        }
        // Over before the reply says so: a Cancel pressed once the result shows finds nothing to cancel.
        running = nil
        cancelled.remove(job.id)
        await reporter.show(finalText, final: true)
    }

    static func progressText(_ progress: Reclassifier.Progress, scope: String) -> String {
        "Reclassifying \(progress.total) messages (\(scope))\n`\(Reclassifier.bar(progress))`"
    }

    static func finalText(_ progress: Reclassifier.Progress, scope: String, cancelled: Bool) -> String {
        let summary = progress.summary
        let counts =
            "\(summary.done) done, \(summary.failed) failed, \(summary.retrying) to retry, \(summary.updatesWritten) stage \(summary.updatesWritten == 1 ? "update" : "updates") written"
        return cancelled
            ? "Cancelled after \(progress.done) of \(progress.total) messages (\(scope)); what was done stays: \(counts)."
            : "Reclassified \(progress.total) messages (\(scope)): \(counts)."
    }
}

/// Edits one job's progress into the admin's reply, at most once a second. The reply itself is
/// sent after the command returns, so edits wait a second from the start never to overtake it.
private actor ProgressReporter {
    let job: BulkReclassification.Job
    let rest: DiscordRESTClient
    let logger: Logger
    let clock: AnyClock
    let started: AnyClock.Instant
    var lastEdit: AnyClock.Instant?

    init(job: BulkReclassification.Job, rest: DiscordRESTClient, logger: Logger, clock: AnyClock) {
        self.job = job
        self.rest = rest
        self.logger = logger
        self.clock = clock
        started = clock.now
    }

    func show(_ text: String, final: Bool) async {
        let now = clock.now
        if !final, started.duration(to: now) < .seconds(1) || (lastEdit ?? started).duration(to: now) < .seconds(1) { return }
        if final, started.duration(to: now) < .seconds(1) { try? await clock.sleep(until: started.advanced(by: .seconds(1))) }
        lastEdit = clock.now
        let components = final ? [] : [ActionRow([("Cancel", "reclassify:cancel:\(job.id)", .danger, false)])]
        let reply = InteractionReply(content: text, ephemeral: true, components: components)
        do {
            _ = try await rest.editOriginalInteractionResponse(
                applicationID: job.applicationID, token: job.token, payload: reply.payload)
        } catch {
            logger.warning("could not show reclassification progress: \(error)")
        }
    }
}
