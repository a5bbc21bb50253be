import ArgumentParser
import Bot
import Daemon
import Discord
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Logging
import ServiceLifecycle
@_spi(Testing) import Store
import Support

struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Messages a second from raw message to committed stage updates, with the rule extractor.",
        discussion: """
            Generates --messages realistic recruiting-chat messages in memory (updates with aliases,
            questions, chatter, postings; members' messages only) and takes them from raw message to
            committed extractions and stage updates, rollups included, by one of two paths:

              gateway  (default) the daemon's: each message submitted to the gateway writer as it
                       arrives, classified by the rules and committed with its extraction, a few
                       hundred a transaction (group commit);
              pending  the extraction worker's, as with a remote model: stored as pending in
                       batches of --batch, then claimed, classified and recorded.

            Prints messages a second for the whole and for each half, the stage updates written and
            the peak resident memory, as JSON; then inserts the same messages, extractions and stage
            updates again with plain prepared INSERTs (same schema and indexes, 2,000 messages a
            transaction) and prints that rate and the ratio of the first to it.

            Example: swift run -c release hiringpulse-bench ingest --messages 100000
            """
    )

    enum Path: String, ExpressibleByArgument, CaseIterable {
        case gateway, pending
    }

    @Option(help: "Messages to ingest.")
    var messages = 100_000

    @Option(help: "Messages stored per transaction, and claimed per extraction batch.")
    var batch = 200

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    @Option(help: "gateway (the daemon's group commit) or pending (stored, then claimed by the extraction worker).")
    var path: Path = .gateway

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("bench.sqlite"))
        let catalog = try CompanyCatalog.load(contentsOf: companies)
        try await store.companies.sync(catalog)
        var incoming: [IncomingMessage] = []
        incoming.reserveCapacity(messages)
        try ChatExportGenerator().forEachMessage(count: messages) { spec in
            guard !spec.isBot, spec.type == "Default", let id = Int64(exactly: spec.id) else { return }
            incoming.append(
                IncomingMessage(
                    id: id, guildID: 1, channelID: 2, authorHash: spec.authorID, content: spec.content,
                    createdAt: Snowflake(rawValue: spec.id).unixMilliseconds, source: .gateway))
        }
        let pipeline = ExtractionPipeline(store: store, extractor: RuleExtractor(catalog: catalog), batchSize: batch)
        var halves: [Double] = []
        let start = ContinuousClock.now
        for half in [incoming[..<(incoming.count / 2)], incoming[(incoming.count / 2)...]] {
            let halfStart = ContinuousClock.now
            switch path {
            case .gateway: try await Self.throughGateway(half, store: store, pipeline: pipeline)
            case .pending: try await Self.throughPending(half, store: store, pipeline: pipeline, batch: batch)
            }
            halves.append((ContinuousClock.now - halfStart).seconds)
        }
        let seconds = (ContinuousClock.now - start).seconds
        let rate = Double(incoming.count) / seconds
        let peakMegabytes = peakResidentMegabytes()
        // The same rows inserted again with plain SQLite, in this run, on this machine (after the
        // peak memory is read: the rows are held in memory for it).
        let plain = try store.timePlainInsert(into: directory.file("plain.sqlite"))
        let report: [String: Any] = [
            "benchmark": "ingest", "path": path.rawValue, "messages": incoming.count, "seconds": round3(seconds),
            "messages_per_second": Int(rate),
            "messages_per_second_by_half": halves.map { Int(Double(incoming.count / 2) / $0) },
            "stage_updates": try await store.extractions.stageUpdateCount(), "peak_rss_mb": round3(peakMegabytes),
            "plain_sqlite_messages_per_second": Int(Double(incoming.count) / plain.seconds),
            "ratio_to_plain_sqlite": round3(rate / (Double(incoming.count) / plain.seconds)),
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// The daemon's path: a gateway writer with the rules inline, each message submitted as the
    /// gateway hands it over; done when the writer has committed everything and stopped.
    static func throughGateway(_ messages: ArraySlice<IncomingMessage>, store: Store, pipeline: ExtractionPipeline) async throws {
        let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        let writer = GatewayWriter(store: store, extraction: Wakeup(), inlineExtraction: pipeline, sessions: [], logger: logger)
        let group = ServiceGroup(configuration: .init(services: [writer], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for message in messages {
                await writer.submit(.store(message, session: nil), shard: 0, sequence: nil)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let left = try await store.messages.pending(limit: 1, now: .max).count
        guard left == 0 else { throw ValidationError("the gateway writer left messages pending") }
    }

    /// The extraction worker's path: stored as pending, then claimed until none is left.
    static func throughPending(
        _ messages: ArraySlice<IncomingMessage>, store: Store, pipeline: ExtractionPipeline, batch: Int
    ) async throws {
        var offset = messages.startIndex
        while offset < messages.endIndex {
            let end = min(offset + batch, messages.endIndex)
            try await store.messages.ingest(Array(messages[offset..<end]))
            offset = end
            _ = try await pipeline.processBatch()
        }
        while try await pipeline.processBatch().done > 0 {}
    }
}
