import ArgumentParser
import Bot
import Discord
import Extraction
import Foundation
import HiringPulseTesting
import Store

struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Messages a second from raw message to committed stage updates, with the rule extractor.",
        discussion: """
            Generates --messages realistic recruiting-chat messages in memory (updates with aliases,
            questions, chatter, postings; members' messages only), stores them as pending in batches
            of --batch, as the daemon's intake does, and runs the extraction pipeline until none is
            pending: every extraction and stage update committed, rollups included. Prints messages
            a second for the whole and for each half, the stage updates written and the peak resident
            memory, as JSON; then inserts the same messages, extractions and stage updates again with
            plain prepared INSERTs (same schema and indexes, 2,000 messages a transaction) and prints
            that rate and the ratio of the first to it.

            Example: swift run -c release hiringpulse-bench ingest --messages 100000
            """
    )

    @Option(help: "Messages to ingest.")
    var messages = 100_000

    @Option(help: "Messages stored per transaction, and claimed per extraction batch.")
    var batch = 200

    @Option(help: "The company alias map.")
    var companies = "config/companies.yaml"

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "hiringpulse-bench")
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("bench.sqlite"))
        let catalog = try CompanyCatalog.load(contentsOf: companies)
        try store.syncCompanies(catalog)
        var incoming: [IncomingMessage] = []
        incoming.reserveCapacity(messages)
        try ChatExportGenerator().forEachMessage(count: messages) { spec in
            guard !spec.isBot, spec.type == "Default", let id = Int64(exactly: spec.id) else { return }
            incoming.append(IncomingMessage(
                id: id, guildId: 1, channelId: 2, authorHash: spec.authorId, content: spec.content,
                createdAt: Snowflake(rawValue: spec.id).unixMilliseconds, source: .gateway))
        }
        let pipeline = ExtractionPipeline(store: store, extractor: RuleExtractor(catalog: catalog), batchSize: batch)
        var halves: [Double] = []
        let start = ContinuousClock.now
        for half in [incoming[..<(incoming.count / 2)], incoming[(incoming.count / 2)...]] {
            let halfStart = ContinuousClock.now
            var offset = half.startIndex
            while offset < half.endIndex {
                let end = min(offset + batch, half.endIndex)
                try store.ingest(Array(half[offset..<end]))
                offset = end
                _ = try await pipeline.processBatch()
            }
            while try await pipeline.processBatch().done > 0 {}
            halves.append((ContinuousClock.now - halfStart).seconds)
        }
        let seconds = (ContinuousClock.now - start).seconds
        let rate = Double(incoming.count) / seconds
        let peakMegabytes = peakResidentMegabytes()
        // The same rows inserted again with plain SQLite, in this run, on this machine (after the
        // peak memory is read: the rows are held in memory for it).
        let plain = try store.timePlainInsert(into: directory.file("plain.sqlite"))
        let report: [String: Any] = [
            "benchmark": "ingest", "messages": incoming.count, "seconds": round3(seconds),
            "messages_per_second": Int(rate),
            "messages_per_second_by_half": halves.map { Int(Double(incoming.count / 2) / $0) },
            "stage_updates": try store.stageUpdateCount(), "peak_rss_mb": round3(peakMegabytes),
            "plain_sqlite_messages_per_second": Int(Double(incoming.count) / plain.seconds),
            "ratio_to_plain_sqlite": round3(rate / (Double(incoming.count) / plain.seconds)),
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
