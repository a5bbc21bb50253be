import Analytics
import Domain
import Extraction
import Store
import Support
import Testing

/// Hand-computed funnels over journeys built from raw stage events.
@Suite struct FunnelTests {
    static let google: Int64 = 1
    static let day: Int64 = Timestamp.millisecondsPerDay

    static func event(_ author: String, _ stage: Stage, day: Double, company: Int64 = google) -> StageEvent {
        StageEvent(authorHash: author, companyID: company, stage: stage, reportedAt: Int64(day * Double(Self.day)))
    }

    /// a: offer only. b: oa then onsite. c: rejected only. d: oa then rejected.
    static let impliedEvents = [
        event("a", .offer, day: 10),
        event("b", .oa, day: 1), event("b", .onsite, day: 5),
        event("c", .rejected, day: 3),
        event("d", .oa, day: 2), event("d", .rejected, day: 4),
    ]

    @Test func laterStagesImplyEarlierOnes() {
        let funnel = FunnelStatistics(journeys: Journey.build(from: Self.impliedEvents))
        #expect(funnel.journeys == 4)
        #expect(funnel.stages[.applied] == StageCount(reported: 0, implied: 4))
        #expect(funnel.stages[.oa] == StageCount(reported: 2, implied: 1))
        #expect(funnel.stages[.phone] == StageCount(reported: 0, implied: 2))
        #expect(funnel.stages[.onsite] == StageCount(reported: 1, implied: 1))
        #expect(funnel.stages[.offer] == StageCount(reported: 1, implied: 0))
        // Rejection is terminal: it implies nothing after it, and nothing implies it.
        #expect(funnel.stages[.rejected] == StageCount(reported: 2, implied: 0))
    }

    @Test func conversionCountsJourneysThatReachedTheStageOrLater() throws {
        let funnel = FunnelStatistics(journeys: Journey.build(from: Self.impliedEvents))
        func conversion(_ from: Stage, _ to: Stage) throws -> Double {
            let entry = try #require(funnel.conversion[StagePair(from, to)])
            return try #require(entry)
        }
        #expect(try conversion(.applied, .oa) == 3.0 / 4)
        #expect(try conversion(.oa, .phone) == 2.0 / 3)
        #expect(try conversion(.phone, .onsite) == 1)
        #expect(try conversion(.onsite, .offer) == 0.5)
        #expect(try conversion(.applied, .offer) == 0.25)
        #expect(try conversion(.oa, .offer) == 1.0 / 3)
        #expect(try conversion(.phone, .offer) == 0.5)
    }

    @Test func conversionFromAStageNobodyReachedIsNull() {
        let funnel = FunnelStatistics(journeys: [])
        #expect(funnel.conversion[StagePair(.oa, .phone)] == .some(nil))
        #expect(funnel.daysBetween.isEmpty)
    }

    @Test func reportsAreDeduplicatedOnAuthorCompanyAndStage() {
        let events = [
            Self.event("a", .oa, day: 5), Self.event("a", .oa, day: 2), Self.event("a", .oa, day: 9),
            Self.event("a", .oa, day: 1, company: 2),
        ]
        let journeys = Journey.build(from: events)
        #expect(journeys.count == 2)
        #expect(journeys.first { $0.companyID == Self.google }?.firstReported == [.oa: 2 * Self.day])
        let funnel = FunnelStatistics(journeys: journeys)
        #expect(funnel.stages[.oa] == StageCount(reported: 2, implied: 0))
    }

    @Test func meanAndMedianDaysBetweenStages() throws {
        // oa -> phone takes 3, 5, 10 and 2 days: mean 5, median (3 + 5) / 2 = 4.
        let events = [
            Self.event("e", .oa, day: 0), Self.event("e", .phone, day: 3), Self.event("e", .onsite, day: 10),
            Self.event("e", .offer, day: 20),
            Self.event("f", .oa, day: 1), Self.event("f", .phone, day: 6),
            Self.event("g", .oa, day: 0), Self.event("g", .phone, day: 10),
            Self.event("h", .oa, day: 4), Self.event("h", .phone, day: 6),
        ]
        let funnel = FunnelStatistics(journeys: Journey.build(from: events))
        let oaToPhone = try #require(funnel.daysBetween[StagePair(.oa, .phone)])
        #expect(oaToPhone.mean == 5)
        #expect(oaToPhone.median == 4)
        #expect(oaToPhone.count == 4)
        let phoneToOnsite = try #require(funnel.daysBetween[StagePair(.phone, .onsite)])
        #expect(phoneToOnsite == DaysSummary([7]))
        // Only journeys that reported both stages count: e went oa -> offer in 20 days.
        #expect(funnel.daysBetween[StagePair(.oa, .offer)] == DaysSummary([20]))
        #expect(funnel.daysBetween[StagePair(.applied, .oa)] == nil)
    }

    @Test func medianOfAnOddCount() throws {
        let summary = try #require(DaysSummary([9, 1, 4]))
        #expect(summary.median == 4)
        #expect(summary.mean == 14.0 / 3)
    }

    @Test func timeNeverRunsBackwardsAlongTheFunnel() {
        // The phone screen was posted before the OA was: the OA counts as happening no later.
        let journey = Journey.build(from: [Self.event("i", .phone, day: 1), Self.event("i", .oa, day: 5)])[0]
        #expect(journey.effectiveTimes[.oa] == 1 * Self.day)
        #expect(journey.effectiveTimes[.applied] == 1 * Self.day)
        let funnel = FunnelStatistics(journeys: [journey])
        #expect(funnel.daysBetween[StagePair(.oa, .phone)] == DaysSummary([0]))
    }

    @Test func impliedStagesTakeTheTimeOfTheNextStageReached() {
        let journey = Journey.build(from: [Self.event("b", .oa, day: 1), Self.event("b", .onsite, day: 5)])[0]
        let expected: [Stage: Int64] = [.applied: Self.day, .oa: Self.day, .phone: 5 * Self.day, .onsite: 5 * Self.day]
        #expect(journey.effectiveTimes == expected)
        #expect(journey.isImplied(.phone))
        #expect(!journey.isImplied(.oa))
        #expect(!journey.reached(.offer))
    }

    @Test func journeysAreTheSameWhateverTheOrderOfEvents() {
        let events =
            Self.impliedEvents + [
                Self.event("b", .oa, day: 0.5, company: 2), Self.event("a", .phone, day: 9), Self.event("b", .oa, day: 0.25),
            ]
        let grouped = events.sorted { ($0.companyID, $0.authorHash, $0.reportedAt) < ($1.companyID, $1.authorHash, $1.reportedAt) }
        let expected = Journey.build(from: grouped)
        #expect(expected.map { "\($0.companyID)/\($0.authorHash)" } == ["1/a", "1/b", "1/c", "1/d", "2/b"])
        #expect(expected.first { $0.authorHash == "b" && $0.companyID == 1 }?.firstReported[.oa] == Int64(0.25 * Double(Self.day)))
        for seed in 0..<5 {
            var generator = SplitMix64(seed: UInt64(seed))
            #expect(Journey.build(from: events.shuffled(using: &generator)) == expected)
        }
    }
}
