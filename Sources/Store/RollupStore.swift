public import Domain
import GRDB

/// Journeys counted per stage: reported, or implied by a later stage.
public struct FunnelTotals: Sendable, Hashable {
    public var journeys = 0
    public var reported: [Stage: Int] = [:]
    public var implied: [Stage: Int] = [:]

    public init() {}
}

/// The days between two stages over the journeys that reported both, in milliseconds.
public struct DurationTotals: Sendable, Hashable {
    public var count: Int
    public var totalMilliseconds: Int64
    public var medianMilliseconds: Double
}

/// The first reports of one stage on one UTC day.
public struct DailyReports: Sendable, Hashable {
    public var stage: Stage
    public var day: Int64
    public var reports: Int

    public init(stage: Stage, day: Int64, reports: Int) {
        self.stage = stage
        self.day = day
        self.reports = reports
    }
}

/// The statistics rollups, kept by every writer of stage updates and read by reports.
public struct RollupStore: Sendable {
    let pool: DatabasePool

    /// Reads the rollups in one transaction, so that every figure of a report is of the same moment.
    public func read<T: Sendable>(_ body: @Sendable (RollupReader) throws -> T) async throws -> T {
        try await pool.read { db in try body(RollupReader(db: db)) }
    }

    /// Recomputes every rollup from `stage_updates`. The write path keeps them right; this is for
    /// a bulk load and for checking that it did.
    @_spi(Testing) public func rebuild() async throws {
        try await pool.write { db in try Self.rebuildingRollups(db) {} }
    }

    /// Runs `body`, which writes `stage_updates` without telling the rollups, then fills the rollups
    /// from scratch, all in the caller's transaction: for bulk writes, where one pass over the table
    /// is far cheaper than folding row by row.
    static func rebuildingRollups(_ db: Database, _ body: () throws -> Void) throws {
        try body()
        for table in rollupTables { try db.execute(sql: "DELETE FROM \(table)") }
        let columns = RollupSchema.stages.map { "\($0)_at" }
        let firsts = RollupSchema.stages.map { "min(CASE WHEN stage = '\($0)' THEN reported_at END)" }
        try db.execute(
            sql: """
                INSERT INTO journeys (company_id, author_hash, \(columns.joined(separator: ", ")))
                SELECT company_id, author_hash, \(firsts.joined(separator: ", "))
                FROM stage_updates WHERE retracted = 0 GROUP BY company_id, author_hash
                """)
        try JourneyReportsSchema.populateReports(db)
        try RollupSchema.populateAggregates(db)
    }

    /// Folds what a write did to `stage_updates` into the rollups, in its transaction. Every writer
    /// of `stage_updates` ends with this.
    static func keepRollups(_ changes: JourneyChanges, in db: Database) throws {
        try RollupWriter(db: db).apply(changes)
    }

    static let rollupTables = ["journeys", "journey_reports"] + RollupSchema.rollupTables.dropFirst()

    /// Every row of every rollup table, in key order, journeys by company and author rather than by
    /// id: to compare what the write path kept with a rebuild.
    @_spi(Testing) public func dump() async throws -> [String] {
        try await pool.read { db in
            var lines: [String] = []
            let columns = RollupSchema.stages.map { "\($0)_at" }.joined(separator: ", ")
            let queries =
                [
                    "SELECT company_id, author_hash, \(columns) FROM journeys ORDER BY 1, 2",
                    """
                    SELECT journey_reports.company_id, at, journeys.company_id, author_hash, stage FROM journey_reports
                    LEFT JOIN journeys ON journeys.id = journey_id ORDER BY 1, 2, 4, 5
                    """,
                ] + RollupSchema.rollupTables.dropFirst().map { "SELECT * FROM \($0) ORDER BY 1, 2, 3" }
            for (table, sql) in zip(Self.rollupTables, queries) {
                for row in try Row.fetchAll(db, sql: sql) { lines.append("\(table) \(row)") }
            }
            return lines
        }
    }
}

/// The statistics' view of the rollups, and of the companies they name, inside one read
/// transaction: every figure of a report is of the same moment, read in one trip to the
/// database. A nil company is all of them.
public struct RollupReader {
    let db: Database

    /// Company names by id.
    public func companyNames() throws -> [Int64: String] {
        try CompanyStore.names(in: db)
    }

    /// A company by its exact name (case-insensitive): its id and its name as stored.
    public func company(named name: String) throws -> (id: Int64, name: String)? {
        try CompanyStore.company(named: name, in: db)
    }

    public func funnel(companyID: Int64?) throws -> FunnelTotals {
        guard let row = try Row.fetchOne(try statement(Self.funnelSQL), arguments: [companyID ?? 0]) else { return FunnelTotals() }
        return Self.funnelTotals(row)
    }

    /// Every company's funnel, by company id: the dashboard's comparison of companies.
    public func companyFunnels() throws -> [Int64: FunnelTotals] {
        var funnels: [Int64: FunnelTotals] = [:]
        let rows = try Row.fetchCursor(try statement(Self.companyFunnelsSQL))
        while let row = try rows.next() { funnels[row["company_id"]] = Self.funnelTotals(row) }
        return funnels
    }

    private static func funnelTotals(_ row: Row) -> FunnelTotals {
        var totals = FunnelTotals()
        totals.journeys = row["journeys"]
        for stage in Stage.allCases {
            totals.reported[stage] = row["\(stage.rawValue)_reported"]
            if stage.funnelIndex != nil { totals.implied[stage] = row["\(stage.rawValue)_implied"] }
        }
        return totals
    }

    private static let funnelSQL = "SELECT * FROM funnel_rollup WHERE company_id = ?"
    private static let companyFunnelsSQL = "SELECT * FROM funnel_rollup WHERE company_id != 0 AND journeys > 0"

    /// Count, total and exact median of the durations of a pair of stages.
    public func durations(companyID: Int64?, from: Stage, to: Stage) throws -> DurationTotals? {
        guard let index = try DurationIndex(reader: self, companyID: companyID, pair: "\(from.rawValue)->\(to.rawValue)") else {
            return nil
        }
        // Zero-based ranks of the middle value, or of the two middle values.
        let middle = try index.values(atRanks: [(index.count - 1) / 2, index.count / 2])
        return DurationTotals(
            count: index.count, totalMilliseconds: index.total, medianMilliseconds: (Double(middle[0]) + Double(middle[1])) / 2)
    }

    /// The durations of a pair of stages at the given fractions of their sorted list (0 is the
    /// shortest, 1 the longest), in milliseconds, with their exact median and how many there are,
    /// from one narrowing of the rollups; nil when no journey reported both stages.
    public func durations(companyID: Int64?, from: Stage, to: Stage, atFractions fractions: [Double]) throws -> (
        count: Int, values: [Int64], medianMilliseconds: Double
    )? {
        guard let index = try DurationIndex(reader: self, companyID: companyID, pair: "\(from.rawValue)->\(to.rawValue)") else {
            return nil
        }
        let ranks = fractions.map { Int((Double(index.count - 1) * min(1, max(0, $0))).rounded()) }
        let middle = [(index.count - 1) / 2, index.count / 2]
        // One pass over the ranks in order: a rank close after the one before is read on from there.
        let ordered = Array(Set(ranks + middle)).sorted()
        let found = Dictionary(uniqueKeysWithValues: zip(ordered, try index.values(atRanks: ordered)))
        return (index.count, ranks.map { found[$0]! }, (Double(found[middle[0]]!) + Double(found[middle[1]]!)) / 2)
    }

    /// The durations of one pair of stages, as the rollups keep them at three grains. Each grain
    /// narrows down where a rank lies: the day holding it (a few dozen rows), the hour within that
    /// day, then the exact durations from that hour on, so the cost stays flat as the data grows.
    private struct DurationIndex {
        let reader: RollupReader
        let key: StatementArguments
        let days: [(Int64, Int)]
        let count: Int
        let total: Int64

        init?(reader: RollupReader, companyID: Int64?, pair: String) throws {
            self.reader = reader
            key = [companyID ?? 0, pair]
            var days: [(Int64, Int)] = []
            var total: Int64 = 0
            let dayRows = try Row.fetchCursor(try reader.statement(Self.daysSQL), arguments: key)
            while let row = try dayRows.next() {
                days.append((row[0], row[1]))
                total += row[2] as Int64
            }
            self.days = days
            self.total = total
            count = days.reduce(0) { $0 + $1.1 }
            guard count > 0 else { return nil }
        }

        /// The durations at `ranks`, which must be in ascending order. A rank close after the one
        /// before is read on from where that one was found rather than narrowed down again.
        func values(atRanks ranks: [Int]) throws -> [Int64] {
            var values: [Int64] = []
            var scan: (rows: RowCursor, before: Int, value: Int64)?
            for rank in ranks {
                if var open = scan {
                    var steps = 0
                    while open.before <= rank, steps < 64, let row = try open.rows.next() {
                        open.value = row[0]
                        open.before += row[1] as Int
                        steps += 1
                    }
                    scan = open
                    if open.before > rank {
                        values.append(open.value)
                        continue
                    }
                }
                // A cursor resets its statement when it goes, and the new scan uses the same one.
                scan = nil
                scan = try narrowedScan(to: rank)
                values.append(scan?.value ?? 0)
            }
            return values
        }

        /// The exact durations read from the hour that holds `rank` up to the one at `rank`: the
        /// open cursor, the count up to and including that duration, and the duration.
        private func narrowedScan(to rank: Int) throws -> (rows: RowCursor, before: Int, value: Int64) {
            var before = 0
            let day = RollupReader.bucket(holding: rank, in: days, before: &before)
            var hours: [(Int64, Int)] = []
            let hourRows = try Row.fetchCursor(
                try reader.statement(Self.hoursSQL),
                arguments: key + [day * RollupSchema.hoursPerDay, (day + 1) * RollupSchema.hoursPerDay])
            while let row = try hourRows.next() { hours.append((row[0], row[1])) }
            let start = RollupReader.bucket(holding: rank, in: hours, before: &before) * Int64(RollupSchema.millisecondsPerHour)
            let exact = try Row.fetchCursor(try reader.statement(Self.exactSQL), arguments: key + [start])
            var value = start
            while before <= rank, let row = try exact.next() {
                value = row[0]
                before += row[1] as Int
            }
            return (exact, before, value)
        }

        static let daysSQL = "SELECT day, journeys, total_ms FROM stage_duration_days WHERE company_id = ? AND pair = ? ORDER BY day"
        static let hoursSQL =
            "SELECT hour, journeys FROM stage_duration_hours WHERE company_id = ? AND pair = ? AND hour >= ? AND hour < ? ORDER BY hour"
        static let exactSQL =
            "SELECT duration_ms, journeys FROM stage_durations WHERE company_id = ? AND pair = ? AND duration_ms >= ? ORDER BY duration_ms"
    }

    /// The key of the bucket (key and count, in key order) where the running count, which starts
    /// at `before`, passes `rank`; `before` ends as the count ahead of that bucket.
    fileprivate static func bucket(holding rank: Int, in buckets: [(Int64, Int)], before: inout Int) -> Int64 {
        for (key, count) in buckets {
            if before + count > rank { return key }
            before += count
        }
        return buckets.last?.0 ?? 0
    }

    /// The connection's prepared statement for `sql`: a report runs the same few dozen statements
    /// each time, and preparing them anew was a large part of a report's cost. The texts are
    /// constants where they can be, so that finding a statement builds no string.
    fileprivate func statement(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }

    /// The newest UTC day with a first report.
    public func newestReportDay(companyID: Int64?) throws -> Int64? {
        // One index probe per stage: the key is (company, stage, day).
        var arguments = StatementArguments()
        for stage in Stage.allCases { arguments += [companyID ?? 0, stage.rawValue] }
        return try Int64.fetchOne(try statement(Self.newestReportDaySQL), arguments: arguments)
    }

    private static let newestReportDaySQL: String = {
        let perStage = Stage.allCases.map { _ in "SELECT max(day) AS day FROM first_reports_daily WHERE company_id = ? AND stage = ?" }
        return "SELECT max(day) FROM (\(perStage.joined(separator: " UNION ALL ")))"
    }()

    /// First reports per stage and day, for the days in `days`.
    public func dailyReports(companyID: Int64?, days: ClosedRange<Int64>) throws -> [DailyReports] {
        let rows = try Row.fetchAll(
            try statement(Self.dailyReportsSQL), arguments: [companyID ?? 0, days.lowerBound, days.upperBound])
        return rows.compactMap { row in
            Stage(rawValue: row[0]).map { DailyReports(stage: $0, day: row[1], reports: row[2]) }
        }
    }

    private static let dailyReportsSQL = """
        SELECT stage, day, reports FROM first_reports_daily
        WHERE company_id = ? AND stage IN (\(Stage.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))) AND day BETWEEN ? AND ?
        """

    /// First reports per company, of one stage or all, on `fromDay` or later (ever when nil).
    public func activity(stage: Stage?, fromDay: Int64?) throws -> [Int64: Int] {
        let rows: [Row]
        if let fromDay {
            let stages = (stage.map { [$0] } ?? Stage.allCases).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            rows = try Row.fetchAll(
                try statement(
                    """
                    SELECT company_id, sum(reports) FROM first_reports_daily INDEXED BY first_reports_daily_by_day
                    WHERE company_id != 0 AND stage IN (\(stages)) AND day >= ? GROUP BY company_id
                    """),
                arguments: [fromDay])
        } else {
            let columns = (stage.map { [$0] } ?? Stage.allCases).map { "\($0.rawValue)_reported" }.joined(separator: " + ")
            rows = try Row.fetchAll(try statement("SELECT company_id, \(columns) FROM funnel_rollup WHERE company_id != 0"))
        }
        var counts: [Int64: Int] = [:]
        for row in rows where (row[1] as Int) > 0 { counts[row[0]] = row[1] }
        return counts
    }
}
