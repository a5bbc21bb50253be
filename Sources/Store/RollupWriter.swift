import GRDB

/// Applies a transaction's `JourneyChanges` to the rollups, in that transaction: each touched
/// journey is read once (and recomputed from its updates only when a report may have gone), its
/// row and its time-ordered reports are rewritten where they changed, and the aggregates take
/// the folded `RollupDelta` as one upsert per row it touches.
struct RollupWriter {
    let db: Database

    static let timeColumns = RollupSchema.stages.map { "\($0)_at" }

    // The SQL, written once: each statement runs per journey or per aggregate row.
    private static let selectJourneySQL =
        "SELECT id, \(timeColumns.joined(separator: ", ")) FROM journeys WHERE company_id = ? AND author_hash = ?"
    private static let recomputeSQL = """
        SELECT stage, min(reported_at) FROM stage_updates WHERE company_id = ? AND author_hash = ? AND retracted = 0 GROUP BY stage
        """
    private static let updateJourneySQL =
        "UPDATE journeys SET \(timeColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"
    private static let insertJourneySQL = """
        INSERT INTO journeys (company_id, author_hash, \(timeColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let funnelColumns = ["journeys"] + RollupSchema.funnelColumns.map(\.name)
    private static let upsertFunnelSQL = """
        INSERT INTO funnel_rollup (company_id, \(funnelColumns.joined(separator: ", "))) VALUES (?, \(funnelColumns.map { _ in "?" }.joined(separator: ", ")))
        ON CONFLICT (company_id) DO UPDATE SET \(funnelColumns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
        """
    private static let durationSQL: [(upsert: String, remove: String)] = RollupSchema.durationLevels.map { grain in
        let total = grain.carriesTotal ? ", total_ms" : ""
        return (
            upsert: """
            INSERT INTO \(grain.name) (company_id, pair, \(grain.key), journeys\(total)) VALUES (?, ?, ?, ?\(grain.carriesTotal ? ", ?" : ""))
            ON CONFLICT DO UPDATE SET journeys = journeys + excluded.journeys\(grain.carriesTotal ? ", total_ms = total_ms + excluded.total_ms" : "")
            """,
            remove: "DELETE FROM \(grain.name) WHERE company_id = ? AND pair = ? AND \(grain.key) = ? AND journeys = 0"
        )
    }
    private static let pairNames = RollupSchema.pairs.map { RollupSchema.pairName($0) }

    func apply(_ changes: JourneyChanges) throws {
        guard !changes.isEmpty else { return }
        var delta = RollupDelta()
        let select = BoundStatement(try db.cachedStatement(sql: Self.selectJourneySQL))
        let recompute = BoundStatement(try db.cachedStatement(sql: Self.recomputeSQL))
        let statements = try JourneyStatements(db)
        for (key, change) in changes.journeys {
            var id: Int64?
            var old: FirstReportTimes?
            select.begin()
            select.bind(key.companyID, at: 1)
            select.bind(key.authorHash, at: 2)
            if try select.step() {
                id = select.int64(at: 0)
                var times = FirstReportTimes()
                for position in 0..<FirstReportTimes.stageCount { times[position] = select.int64OrNil(at: Int32(1 + position)) }
                old = times
            }
            select.begin()
            let new = try JourneyChanges.resolve(change, old: old) {
                var times = FirstReportTimes()
                recompute.begin()
                recompute.bind(key.companyID, at: 1)
                recompute.bind(key.authorHash, at: 2)
                while try recompute.step() {
                    if let position = RollupSchema.stages.firstIndex(of: recompute.string(at: 0)) {
                        times[position] = recompute.int64(at: 1)
                    }
                }
                return times
            }
            guard new != (old ?? FirstReportTimes()) else { continue }
            delta.replace(companyID: key.companyID, old: old, new: new)
            try writeJourney(key, id: id, old: old ?? FirstReportTimes(), new: new, statements)
        }
        try apply(delta)
    }

    /// The statements that write one journey, prepared once per `apply`.
    private struct JourneyStatements {
        let delete: BoundStatement
        let update: BoundStatement
        let insert: BoundStatement
        let removeReport: BoundStatement
        let addReport: BoundStatement

        init(_ db: Database) throws {
            delete = BoundStatement(try db.cachedStatement(sql: "DELETE FROM journeys WHERE id = ?"))
            update = BoundStatement(try db.cachedStatement(sql: RollupWriter.updateJourneySQL))
            insert = BoundStatement(try db.cachedStatement(sql: RollupWriter.insertJourneySQL))
            removeReport = BoundStatement(
                try db.cachedStatement(
                    sql: "DELETE FROM journey_reports WHERE company_id = ? AND at = ? AND journey_id = ? AND stage = ?"))
            addReport = BoundStatement(
                try db.cachedStatement(
                    sql: "INSERT INTO journey_reports (company_id, at, journey_id, stage) VALUES (?, ?, ?, ?)"))
        }
    }

    /// The `journeys` row and its `journey_reports`: only the stages whose first report moved.
    private func writeJourney(
        _ key: JourneyChanges.Key, id: Int64?, old: FirstReportTimes, new: FirstReportTimes, _ statements: JourneyStatements
    ) throws {
        let journeyID: Int64
        if new.isEmpty {
            statements.delete.begin()
            statements.delete.bind(id, at: 1)
            try statements.delete.execute()
            journeyID = id ?? 0
        } else if let id {
            let update = statements.update
            update.begin()
            for position in 0..<FirstReportTimes.stageCount { update.bind(new[position], at: Int32(1 + position)) }
            update.bind(id, at: Int32(1 + FirstReportTimes.stageCount))
            try update.execute()
            journeyID = id
        } else {
            let insert = statements.insert
            insert.begin()
            insert.bind(key.companyID, at: 1)
            insert.bind(key.authorHash, at: 2)
            for position in 0..<FirstReportTimes.stageCount { insert.bind(new[position], at: Int32(3 + position)) }
            try insert.execute()
            journeyID = db.lastInsertedRowID
        }
        // A report row is (company, time, journey, stage), for removing and adding alike.
        func report(_ statement: BoundStatement, at: Int64, position: Int) throws {
            statement.begin()
            statement.bind(key.companyID, at: 1)
            statement.bind(at, at: 2)
            statement.bind(journeyID, at: 3)
            statement.bind(position, at: 4)
            try statement.execute()
        }
        for position in 0..<FirstReportTimes.stageCount where old[position] != new[position] {
            if let at = old[position] { try report(statements.removeReport, at: at, position: position) }
            if let at = new[position] { try report(statements.addReport, at: at, position: position) }
        }
    }

    /// One upsert per aggregate row the delta touches; a row whose count falls to zero goes, as a
    /// rebuild would not have it.
    private func apply(_ delta: RollupDelta) throws {
        let upsertFunnel = BoundStatement(try db.cachedStatement(sql: Self.upsertFunnelSQL))
        for (company, counters) in delta.funnel where counters.contains(where: { $0 != 0 }) {
            upsertFunnel.begin()
            upsertFunnel.bind(company, at: 1)
            for (index, counter) in counters.enumerated() { upsertFunnel.bind(counter, at: Int32(2 + index)) }
            try upsertFunnel.execute()
            if counters[0] < 0 {
                try db.cachedStatement(sql: "DELETE FROM funnel_rollup WHERE company_id = ? AND journeys = 0").execute(arguments: [company])
            }
        }
        let upsertDaily = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO first_reports_daily (company_id, stage, day, reports) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET reports = reports + excluded.reports
                    """))
        for (key, reports) in delta.daily where reports != 0 {
            upsertDaily.begin()
            upsertDaily.bind(key.companyID, at: 1)
            upsertDaily.bind(RollupSchema.stages[key.stage], at: 2)
            upsertDaily.bind(key.day, at: 3)
            upsertDaily.bind(reports, at: 4)
            try upsertDaily.execute()
            if reports < 0 {
                try db.cachedStatement(
                    sql: "DELETE FROM first_reports_daily WHERE company_id = ? AND stage = ? AND day = ? AND reports = 0"
                )
                .execute(arguments: [key.companyID, RollupSchema.stages[key.stage], key.day])
            }
        }
        for (level, grain) in RollupSchema.durationLevels.enumerated() {
            let upsert = BoundStatement(try db.cachedStatement(sql: Self.durationSQL[level].upsert))
            let remove = BoundStatement(try db.cachedStatement(sql: Self.durationSQL[level].remove))
            for (key, count) in delta.durations[level] where !count.isZero {
                upsert.begin()
                upsert.bind(key.companyID, at: 1)
                upsert.bind(Self.pairNames[key.pair], at: 2)
                upsert.bind(key.key, at: 3)
                upsert.bind(count.journeys, at: 4)
                if grain.carriesTotal { upsert.bind(count.totalMilliseconds, at: 5) }
                try upsert.execute()
                if count.journeys < 0 {
                    remove.begin()
                    remove.bind(key.companyID, at: 1)
                    remove.bind(Self.pairNames[key.pair], at: 2)
                    remove.bind(key.key, at: 3)
                    try remove.execute()
                }
            }
        }
    }
}
