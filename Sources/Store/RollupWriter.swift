import GRDB

/// Applies a transaction's `JourneyChanges` to the rollups, in that transaction: each touched
/// journey is read once (and recomputed from its updates only when a report may have gone), its
/// row and its time-ordered reports are rewritten where they changed, and the aggregates take
/// the folded `RollupDelta` as one upsert per row it touches.
struct RollupWriter {
    let db: Database

    static let timeColumns = RollupSchema.stages.map { "\($0)_at" }

    func apply(_ changes: JourneyChanges) throws {
        guard !changes.isEmpty else { return }
        var delta = RollupDelta()
        let select = try db.cachedStatement(
            sql: "SELECT id, \(Self.timeColumns.joined(separator: ", ")) FROM journeys WHERE company_id = ? AND author_hash = ?")
        let recompute = try db.cachedStatement(sql: """
            SELECT stage, min(reported_at) FROM stage_updates WHERE company_id = ? AND author_hash = ? AND retracted = 0 GROUP BY stage
            """)
        for (key, change) in changes.journeys {
            let arguments: StatementArguments = [key.companyId, key.authorHash]
            var id: Int64?
            var old: FirstReportTimes?
            if let row = try Row.fetchOne(select, arguments: arguments) {
                id = row[0]
                var times = FirstReportTimes()
                for position in 0..<FirstReportTimes.stageCount { times[position] = row[1 + position] }
                old = times
            }
            let new = try JourneyChanges.resolve(change, old: old) {
                var times = FirstReportTimes()
                for row in try Row.fetchAll(recompute, arguments: arguments) {
                    if let position = RollupSchema.stages.firstIndex(of: row[0] as String) { times[position] = row[1] as Int64 }
                }
                return times
            }
            guard new != (old ?? FirstReportTimes()) else { continue }
            delta.replace(companyId: key.companyId, old: old, new: new)
            try writeJourney(key, id: id, old: old ?? FirstReportTimes(), new: new)
        }
        try apply(delta)
    }

    /// The `journeys` row and its `journey_reports`: only the stages whose first report moved.
    private func writeJourney(_ key: JourneyChanges.Key, id: Int64?, old: FirstReportTimes, new: FirstReportTimes) throws {
        let times = (0..<FirstReportTimes.stageCount).map { new[$0] }
        let journeyId: Int64
        if new.isEmpty {
            try db.cachedStatement(sql: "DELETE FROM journeys WHERE id = ?").execute(arguments: [id])
            journeyId = id ?? 0
        } else if let id {
            try db.cachedStatement(sql: "UPDATE journeys SET \(Self.timeColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?")
                .execute(arguments: StatementArguments(times) + [id])
            journeyId = id
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO journeys (company_id, author_hash, \(Self.timeColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [key.companyId, key.authorHash] + StatementArguments(times))
            journeyId = db.lastInsertedRowID
        }
        let remove = try db.cachedStatement(sql: "DELETE FROM journey_reports WHERE company_id = ? AND at = ? AND journey_id = ? AND stage = ?")
        let add = try db.cachedStatement(sql: "INSERT INTO journey_reports (company_id, at, journey_id, stage) VALUES (?, ?, ?, ?)")
        for position in 0..<FirstReportTimes.stageCount where old[position] != new[position] {
            if let at = old[position] { try remove.execute(arguments: [key.companyId, at, journeyId, position]) }
            if let at = new[position] { try add.execute(arguments: [key.companyId, at, journeyId, position]) }
        }
    }

    /// One upsert per aggregate row the delta touches; a row whose count falls to zero goes, as a
    /// rebuild would not have it.
    private func apply(_ delta: RollupDelta) throws {
        let columns = ["journeys"] + RollupSchema.funnelColumns.map(\.name)
        let upsertFunnel = try db.cachedStatement(sql: """
            INSERT INTO funnel_rollup (company_id, \(columns.joined(separator: ", "))) VALUES (?, \(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (company_id) DO UPDATE SET \(columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
            """)
        for (company, counters) in delta.funnel where counters.contains(where: { $0 != 0 }) {
            try upsertFunnel.execute(arguments: [company] + StatementArguments(counters))
            if counters[0] < 0 {
                try db.cachedStatement(sql: "DELETE FROM funnel_rollup WHERE company_id = ? AND journeys = 0").execute(arguments: [company])
            }
        }
        let upsertDaily = try db.cachedStatement(sql: """
            INSERT INTO first_reports_daily (company_id, stage, day, reports) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET reports = reports + excluded.reports
            """)
        for (key, reports) in delta.daily where reports != 0 {
            let arguments: StatementArguments = [key.companyId, RollupSchema.stages[key.stage], key.day]
            try upsertDaily.execute(arguments: arguments + [reports])
            if reports < 0 {
                try db.cachedStatement(sql: "DELETE FROM first_reports_daily WHERE company_id = ? AND stage = ? AND day = ? AND reports = 0")
                    .execute(arguments: arguments)
            }
        }
        for (level, grain) in RollupSchema.durationLevels.enumerated() {
            let total = grain.carriesTotal ? ", total_ms" : ""
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO \(grain.name) (company_id, pair, \(grain.key), journeys\(total)) VALUES (?, ?, ?, ?\(grain.carriesTotal ? ", ?" : ""))
                ON CONFLICT DO UPDATE SET journeys = journeys + excluded.journeys\(grain.carriesTotal ? ", total_ms = total_ms + excluded.total_ms" : "")
                """)
            let remove = try db.cachedStatement(sql: "DELETE FROM \(grain.name) WHERE company_id = ? AND pair = ? AND \(grain.key) = ? AND journeys = 0")
            for (key, count) in delta.durations[level] where !count.isZero {
                let arguments: StatementArguments = [key.companyId, RollupSchema.pairName(RollupSchema.pairs[key.pair]), key.key]
                var values = arguments
                values += [count.journeys]
                if grain.carriesTotal { values += [count.totalMilliseconds] }
                try upsert.execute(arguments: values)
                if count.journeys < 0 { try remove.execute(arguments: arguments) }
            }
        }
    }
}
