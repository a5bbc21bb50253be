import Bot
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import Store
import Synchronization
import Testing

@Suite struct ReclassifierTests {
    let directory: TemporaryDirectory
    let store: Store
    let reclassifier: Reclassifier

    init() async throws {
        directory = try TemporaryDirectory(prefix: "reclassify")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
        let catalog = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        try await store.companies.sync(catalog)
        reclassifier = Reclassifier(pipeline: ExtractionPipeline(store: store, extractor: RuleExtractor(catalog: catalog), batchSize: 2))
        let contents = ["got the OA from JPMC", "Citadel superday friday", "offer from Stripe!!", "what's for lunch", "HRT OA"]
        try await store.messages.ingest(
            contents.enumerated().map { index, content in
                IncomingMessage(
                    id: Int64(index + 1), guildID: 1, channelID: 2, authorHash: "a\(index)", content: content,
                    createdAt: Int64(index) * 1000, source: .gateway)
            })
    }

    @Test func runsInBatchesReportingProgress() async throws {
        defer { directory.remove() }
        let seen = Mutex<[Int]>([])
        let progress = try await reclassifier.run(try await store.messages.ids(in: .all)) { progress in
            seen.withLock { $0.append(progress.done) }
        }
        #expect(seen.withLock { $0 } == [2, 4, 5])
        #expect(progress.summary.done == 5)
        #expect(progress.summary.updatesWritten == 4)
        #expect(try await store.extractions.stageUpdateCount() == 4)
        #expect(Reclassifier.bar(progress, width: 10) == "[##########] 100% (5/5)")
    }

    @Test func aStopRequestEndsAfterTheBatchInHand() async throws {
        defer { directory.remove() }
        let stop = Mutex(false)
        let progress = try await reclassifier.run(try await store.messages.ids(in: .all), shouldStop: { stop.withLock { $0 } }) { _ in
            stop.withLock { $0 = true }
        }
        #expect(progress.done == 2)
        #expect(Reclassifier.bar(progress, width: 10) == "[####      ] 40% (2/5)")
    }

    @Test func scopesAreParsedOrRefused() {
        #expect(ReclassificationScope("failed") == .failed)
        #expect(ReclassificationScope(" ALL ") == .all)
        #expect(ReclassificationScope("since:2026-11-01") == .since(Timestamp.parse("2026-11-01")!))
        #expect(ReclassificationScope("prompt-version:rules.v1") == .promptVersion("rules.v1"))
        #expect(ReclassificationScope("since:yesterday") == nil)
        #expect(ReclassificationScope("prompt-version:") == nil)
        #expect(ReclassificationScope("everything") == nil)
    }
}
