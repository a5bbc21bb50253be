import Domain
import Extraction
import Testing

@testable import Store

/// The pure fold from changed journeys to rollup deltas, without SQL.
@Suite struct RollupDeltaTests {
    static let day = Timestamp.millisecondsPerDay

    @Test func aJourneyCountsItsReportedAndImpliedStages() {
        // Reported OA and onsite: applied and phone are implied; no offer, no rejection.
        let journey = FirstReportTimes([.oa: 10, .onsite: 20])
        #expect(RollupDelta.funnelCounters(journey) == [1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0])
        // A rejection alone means the member applied.
        #expect(RollupDelta.funnelCounters(FirstReportTimes([.rejected: 5])) == [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func durationsRunBetweenEffectiveTimes() {
        // The phone screen was reported after the onsite: it takes the onsite's time, so that time
        // never runs backwards, as `Journey.effectiveTimes` does.
        let journey = FirstReportTimes([.applied: 0, .phone: 9 * Self.day, .onsite: 5 * Self.day, .offer: 12 * Self.day])
        let durations = Dictionary(
            uniqueKeysWithValues: RollupDelta.durations(journey).map {
                (RollupSchema.pairName(RollupSchema.pairs[$0.pair]), $0.milliseconds)
            })
        #expect(
            durations == [
                "phone->onsite": 0, "onsite->offer": 7 * Self.day, "applied->offer": 12 * Self.day, "phone->offer": 7 * Self.day,
            ])
    }

    @Test func aChangeAndItsUndoCancelOut() {
        let before = FirstReportTimes([.applied: 1_000, .oa: 3 * Self.day])
        let after = FirstReportTimes([.applied: 1_000, .oa: 2 * Self.day, .offer: 9 * Self.day + 7])
        var delta = RollupDelta()
        delta.replace(companyID: 7, old: nil, new: before)
        delta.replace(companyID: 7, old: before, new: after)
        #expect(!delta.isEmpty)
        #expect(delta.funnel[7]?[0] == 1 && delta.funnel[0]?[0] == 1)
        // The OA moved from day 3 to day 2, for the company and for all companies.
        #expect(delta.daily[.init(companyID: 7, stage: 1, day: 3)] == 0)
        #expect(delta.daily[.init(companyID: 0, stage: 1, day: 2)] == 1)
        delta.replace(companyID: 7, old: after, new: nil)
        #expect(delta.isEmpty)
    }

    @Test func insertsFoldToTheEarliestAndRemovalsRecompute() {
        var changes = JourneyChanges()
        changes.inserted(companyID: 1, authorHash: "a", stage: 1, at: 50)
        changes.inserted(companyID: 1, authorHash: "a", stage: 1, at: 40)
        changes.inserted(companyID: 1, authorHash: "a", stage: 4, at: 90)
        let key = JourneyChanges.Key(companyID: 1, authorHash: "a")
        let old = FirstReportTimes([.oa: 45, .applied: 10])
        let folded = JourneyChanges.resolve(changes.journeys[key]!, old: old) {
            Issue.record("not recomputed")
            return old
        }
        #expect(folded == FirstReportTimes([.applied: 10, .oa: 40, .offer: 90]))

        changes.removed(companyID: 1, authorHash: "a")
        let recomputed = FirstReportTimes([.offer: 90])
        #expect(JourneyChanges.resolve(changes.journeys[key]!, old: old) { recomputed } == recomputed)
    }

    @Test func aWindowKeepsOnlyTheReportsInsideIt() {
        let journey = FirstReportTimes([.applied: 1, .oa: 5, .offer: 10])
        #expect(journey.within(5, 10) == FirstReportTimes([.oa: 5, .offer: 10]))
        #expect(journey.within(11, 20).isEmpty)
    }
}
