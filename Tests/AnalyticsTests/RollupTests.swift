import Analytics
import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
@_spi(Testing) import Store
import Support
import Testing

/// The rollups are kept by the Store's write path on every write the product makes. After each
/// kind of write, what they hold must equal a rebuild from scratch, and every report read from
/// them, windowed or not, must equal the same report computed from the stage updates themselves.
@Suite struct RollupTests {
    static let day = Timestamp.millisecondsPerDay
    /// 2026-09-01T00:00:00Z.
    static let september1: Int64 = 1_788_220_800_000
    static let companies = ["Google", "Stripe", "Jane Street", "Databricks", "Acmeco"]
    static let authors = ["a", "b", "c", "d", "e", "f"]

    /// A seeded source of choices, so that a failure can be replayed.
    struct Dice {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func roll(_ sides: Int) -> Int { Int(random.next(upTo: UInt64(sides))) }
        mutating func pick<T>(_ values: [T]) -> T { values[roll(values.count)] }
    }

    // Thousands of synchronous writes and rebuilds each: on a thread of their own (`offThePool`).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func rollupsMatchARebuildAndTheUpdatesAfterEveryKindOfWrite(seed: UInt64) async throws {
        try await offThePool { try await rollupsMatchARebuild(seed: seed) }
    }

    func rollupsMatchARebuild(seed: UInt64) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("rollups.sqlite"))
        var dice = Dice(state: seed)
        var nextID: Int64 = 1
        let extractor = ExtractorInfo(name: "rules")

        func randomResult() -> ExtractionResult {
            let updates = (0...dice.roll(2)).map { _ in
                StageUpdate(company: dice.pick(Self.companies), stage: dice.pick(Stage.allCases))
            }
            return ExtractionResult(kind: .stageUpdate, updates: updates)
        }
        func record(_ id: Int64, _ result: ExtractionResult) async throws {
            try await store.extractions.record([
                ExtractionWrite(
                    messageID: id, extractor: extractor, outcome: ExtractionOutcome(id: String(id), result: .success(result)))
            ])
        }

        for round in 0..<6 {
            // New messages, at any millisecond of sixty days, one to three updates each.
            let ids = (0..<40).map { _ in
                defer { nextID += 1 }
                return nextID
            }
            try await store.messages.ingest(
                ids.map { id in
                    IncomingMessage(
                        id: id, guildID: 1, channelID: 2, authorHash: dice.pick(Self.authors), content: "message \(id)",
                        createdAt: Self.september1 + Int64(dice.roll(60)) * Self.day + Int64(dice.roll(Int(Self.day))), source: .gateway)
                })
            for id in ids { try await record(id, randomResult()) }
            try await check(store, after: "round \(round): new messages")

            // Deleted messages, re-extracted messages, a manual label.
            try await store.messages.retract(messageIDs: (0..<5).map { _ in Int64(1 + dice.roll(Int(nextID - 1))) })
            try await check(store, after: "round \(round): retractions")
            for _ in 0..<5 { try await record(Int64(1 + dice.roll(Int(nextID - 1))), randomResult()) }
            try await check(store, after: "round \(round): re-extractions")
            _ = try await store.extractions.correct(
                messageID: Int64(1 + dice.roll(Int(nextID - 1))), company: dice.pick(Self.companies), stage: dice.pick(Stage.allCases),
                actorHash: "admin")
            try await check(store, after: "round \(round): a correction")

            if round == 2 {
                _ = try await store.members.forget(authorHash: dice.pick(Self.authors))
                try await check(store, after: "round \(round): /forget-me")
            }
            if round == 3 {
                // "Acmeco" was discovered from messages; an alias folds it into Stripe.
                _ = try await store.companies.addAlias("Acmeco", company: "Stripe")
                try await check(store, after: "round \(round): an alias")
            }
        }
    }

    @Test func aBulkLoadFillsTheRollupsOnce() async throws {
        try await offThePool { try await bulkLoadFillsTheRollupsOnce() }
    }

    func bulkLoadFillsTheRollupsOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("rollups.sqlite"))
        try await store.companies.sync(try CompanyCatalog(Self.companies.map { CompanyDefinition(name: $0) }))
        try store.seedSyntheticStageUpdates(count: 5_000, members: 300, from: Self.september1, until: Self.september1 + 90 * Self.day)
        try await check(store, after: "seeding")
        // An ordinary write after the bulk load still counts.
        try await store.messages.ingest([
            IncomingMessage(
                id: 1, guildID: 1, channelID: 2, authorHash: "late", content: "offer from Google", createdAt: Self.september1,
                source: .gateway)
        ])
        try await store.extractions.record([
            ExtractionWrite(
                messageID: 1, extractor: ExtractorInfo(name: "rules"),
                outcome: ExtractionOutcome(
                    id: "1",
                    result: .success(
                        ExtractionResult(
                            kind: .stageUpdate, updates: [StageUpdate(company: "Google", stage: .offer)]))))
        ])
        try await check(store, after: "a write after seeding")
    }

    /// What the write path kept equals a rebuild, and every report equals one computed from the updates.
    func check(_ store: Store, after step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let kept = try await store.rollups.dump()
        try await store.rollups.rebuild()
        let rebuilt = try await store.rollups.dump()
        let missing = Array(Set(rebuilt).subtracting(kept).sorted().prefix(5))
        let extra = Array(Set(kept).subtracting(rebuilt).sorted().prefix(5))
        #expect(missing.isEmpty && extra.isEmpty, "after \(step): missing \(missing), extra \(extra)", sourceLocation: sourceLocation)

        let now = Self.september1 + 70 * Self.day
        let names = try await store.companies.names()
        for company in [nil] + Self.companies {
            let query = StatisticsQuery(company: company, trendDays: 14, topLimit: 10)
            var companyID: Int64?
            if let company { companyID = try await store.companies.id(named: company) ?? -1 }
            let fromRollups = try await Statistics.report(query, store: store, now: now).jsonValue.serialized
            let journeys = Journey.build(from: try await store.extractions.stageEvents(companyID: companyID))
            let fromUpdates = Statistics.compute(query, journeys: journeys, companyNames: names, now: now).jsonValue.serialized
            #expect(fromRollups == fromUpdates, "after \(step), \(company ?? "all companies")", sourceLocation: sourceLocation)
            // Windows read `journey_reports` and the daily rollup: ends inside a day, one end only,
            // a window shorter than a day, and one that ends before it starts.
            let windows: [(Int64?, Int64?)] = [
                (Self.september1 + 10 * Self.day + 123_456, Self.september1 + 40 * Self.day + 5_000),
                (Self.september1 + 30 * Self.day, nil), (nil, Self.september1 + 20 * Self.day + 1),
                (Self.september1 + 15 * Self.day + 1_000, Self.september1 + 15 * Self.day + 50_000_000),
                (Self.september1 + 20 * Self.day, Self.september1 + 19 * Self.day),
            ]
            for (since, until) in windows {
                let windowed = StatisticsQuery(company: company, since: since, until: until, trendDays: 14, topLimit: 10)
                await #expect(
                    try Statistics.report(windowed, store: store, now: now).jsonValue.serialized
                        == Statistics.compute(windowed, journeys: journeys, companyNames: names, now: now).jsonValue.serialized,
                    "after \(step), \(company ?? "all companies"), window \(String(describing: since))...\(String(describing: until))",
                    sourceLocation: sourceLocation)
            }
        }

        let journeys = Journey.build(from: try await store.extractions.stageEvents())
        for (stage, days) in [(nil, nil), (Stage.oa, nil), (nil, 20), (Stage.offer, 45)] as [(Stage?, Int?)] {
            let firstDay = days.map { Timestamp.day(of: now) - Int64($0) + 1 } ?? .min
            var counts: [String: Int] = [:]
            for journey in journeys {
                for (reported, at) in journey.firstReported where (stage == nil || reported == stage) && Timestamp.day(of: at) >= firstDay {
                    counts[names[journey.companyID]!, default: 0] += 1
                }
            }
            let top = try await Statistics.top(stage: stage, days: days, limit: 100, store: store, now: now)
            #expect(
                Dictionary(uniqueKeysWithValues: top.map { ($0.company, $0.updates) }) == counts,
                "after \(step), /top stage \(stage?.rawValue ?? "any") days \(days.map(String.init) ?? "all")",
                sourceLocation: sourceLocation)
        }
    }
}
