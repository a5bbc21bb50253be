public import Domain
import Extraction
public import Store

/// One author at one company: the first report of each stage, and what those reports imply.
public struct Journey: Sendable, Hashable {
    public var authorHash: String
    public var companyID: Int64
    /// The first report of each stage the author reported (de-duplicated on author, company, stage).
    public var firstReported: [Stage: Int64]

    public init(authorHash: String, companyID: Int64, firstReported: [Stage: Int64]) {
        self.authorHash = authorHash
        self.companyID = companyID
        self.firstReported = firstReported
    }

    /// The furthest funnel stage reported; a rejection alone still means the author applied.
    public var furthestFunnelIndex: Int? {
        let reported = firstReported.keys.compactMap(\.funnelIndex).max()
        if reported == nil && firstReported[.rejected] != nil { return Stage.applied.funnelIndex }
        return reported
    }

    /// Whether the journey reached `stage`, reported or implied by a later one.
    public func reached(_ stage: Stage) -> Bool {
        guard let index = stage.funnelIndex else { return firstReported[stage] != nil }
        guard let furthest = furthestFunnelIndex else { return false }
        return index <= furthest
    }

    /// Whether `stage` counts only because a later stage implies it.
    public func isImplied(_ stage: Stage) -> Bool {
        reached(stage) && firstReported[stage] == nil
    }

    /// When each reached stage happened. An implied stage takes the time of the next stage reached;
    /// a stage reported after a later one takes that later one's time, so time never runs backwards
    /// along the funnel.
    public var effectiveTimes: [Stage: Int64] {
        var times: [Stage: Int64] = [:]
        var running = Int64.max
        if let rejected = firstReported[.rejected] {
            times[.rejected] = rejected
            running = rejected
        }
        guard let furthest = furthestFunnelIndex else { return times }
        for stage in Stage.funnel[0...furthest].reversed() {
            if let reported = firstReported[stage] { running = min(running, reported) }
            times[stage] = running
        }
        return times
    }

    /// Groups stage events into journeys, keeping the first report of each stage; the journeys
    /// come out ordered by company and author. Any order of events works; events already grouped
    /// by journey (as the store returns them) are the fast path: one lookup per journey instead
    /// of one per event, and no sort when the groups arrive in order.
    public static func build(from events: some Sequence<StageEvent>) -> [Journey] {
        var journeys: [Journey] = []
        var positions: [JourneyKey: Int] = [:]
        var inOrder = true
        var current = -1
        for event in events {
            if current < 0 || event.companyID != journeys[current].companyID || event.authorHash != journeys[current].authorHash {
                let key = JourneyKey(companyID: event.companyID, authorHash: event.authorHash)
                if let seen = positions[key] {
                    current = seen
                    inOrder = false
                } else {
                    if current >= 0, (event.companyID, event.authorHash) < (journeys[current].companyID, journeys[current].authorHash) {
                        inOrder = false
                    }
                    journeys.append(Journey(authorHash: event.authorHash, companyID: event.companyID, firstReported: [:]))
                    current = journeys.count - 1
                    positions[key] = current
                }
            }
            if let existing = journeys[current].firstReported[event.stage], existing <= event.reportedAt { continue }
            journeys[current].firstReported[event.stage] = event.reportedAt
        }
        return inOrder ? journeys : journeys.sorted { ($0.companyID, $0.authorHash) < ($1.companyID, $1.authorHash) }
    }
}

private struct JourneyKey: Hashable {
    var companyID: Int64
    var authorHash: String
}
