/// The journeys a write transaction touched, collected by every writer of `stage_updates` and
/// folded into the rollups once, at the end of the transaction (`RollupWriter`).
///
/// An inserted report can only lower a first report, so it is folded here; anything that takes a
/// report away (a delete, a retraction, a move to another company) marks the journey to be read
/// again from its updates.
struct JourneyChanges {
    struct Key: Hashable {
        var companyID: Int64
        var authorHash: String
    }

    struct Change {
        /// The earliest report of each stage inserted by this transaction.
        var inserted = FirstReportTimes()
        /// Whether a report may have gone: the journey is recomputed from `stage_updates`.
        var recompute = false
    }

    private(set) var journeys: [Key: Change] = [:]

    var isEmpty: Bool { journeys.isEmpty }

    /// A stage update that counts was inserted.
    mutating func inserted(companyID: Int64, authorHash: String, stage position: Int, at: Int64) {
        journeys[Key(companyID: companyID, authorHash: authorHash), default: Change()].inserted.report(position, at: at)
    }

    /// A stage update that counted was deleted, retracted or moved away.
    mutating func removed(companyID: Int64, authorHash: String) {
        journeys[Key(companyID: companyID, authorHash: authorHash), default: Change()].recompute = true
    }

    /// The journey after the change, from its row before it; `recomputed` reads it from the updates.
    static func resolve(_ change: Change, old: FirstReportTimes?, recomputed: () throws -> FirstReportTimes) rethrows -> FirstReportTimes {
        if change.recompute { return try recomputed() }
        var new = old ?? FirstReportTimes()
        for position in 0..<FirstReportTimes.stageCount {
            if let at = change.inserted[position] { new.report(position, at: at) }
        }
        return new
    }
}
