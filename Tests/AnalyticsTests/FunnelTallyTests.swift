import Domain
import Extraction
import Store
import Support
import Testing

@testable import Analytics

/// The windowed report counts journeys from plain times; it must agree with `Journey`'s rules.
@Suite struct FunnelTallyTests {
    @Test(arguments: [7, 8, 9] as [UInt64])
    func tallyEqualsTheFunnelOverJourneys(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func roll(_ sides: Int) -> Int { Int(random.next(upTo: UInt64(sides))) }
        var journeys: [Journey] = []
        var tally = FunnelTally()
        for index in 0..<2_000 {
            var reports: [Stage: Int64] = [:]
            for stage in Stage.allCases where roll(3) == 0 { reports[stage] = Int64(roll(40 * 86_400)) * 1_000 }
            guard !reports.isEmpty else { continue }
            journeys.append(Journey(authorHash: "m\(index)", companyID: Int64(roll(4)), firstReported: reports))
            tally.add(FirstReportTimes(reports))
        }
        #expect(tally.statistics == FunnelStatistics(journeys: journeys))
    }
}
