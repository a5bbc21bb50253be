import GRDB

/// Rollups: what the statistics read instead of scanning `stage_updates`, so that `/stats` costs
/// the same at a thousand updates and at ten million.
///
/// This is v4's shape, as its migration created it. Since v7 no trigger keeps them: the Store's
/// write path folds each transaction's changes in (`JourneyChanges`, `RollupDelta`, `RollupWriter`),
/// `journeys` has an id, and `journey_reports` orders first reports by time
/// (`JourneyReportsSchema`).
///
/// Two layers, both kept by triggers in the transaction that changes `stage_updates`, whatever
/// writes it (extraction, corrections, retractions, alias moves, `/forget-me`, cascades):
/// - `journeys`: one row per author and company, the first report of each stage;
/// - from each change of a journey row, its old contribution is taken out of the aggregates and
///   its new one put in: `funnel_rollup` (stage counts, reported and implied),
///   `first_reports_daily` (trends and `/top` over days), and the durations between stages at
///   three grains, days, hours and exact milliseconds, so that an exact median is found by
///   narrowing down rather than by reading every duration.
///
/// Company id 0 in an aggregate is all companies together. The SQL is written out from the
/// frozen lists below, not from `Stage`, because a shipped migration never changes.
enum RollupSchema {
    static let funnel = ["applied", "oa", "phone", "onsite", "offer"]
    static let stages = funnel + ["rejected"]
    /// `StagePair.reported`: consecutive funnel stages, then each earlier stage into offer.
    static let pairs: [(from: String, to: String)] = [
        ("applied", "oa"), ("oa", "phone"), ("phone", "onsite"), ("onsite", "offer"),
        ("applied", "offer"), ("oa", "offer"), ("phone", "offer"),
    ]
    static let millisecondsPerDay = 86_400_000
    static let millisecondsPerHour = 3_600_000
    static let hoursPerDay = Int64(millisecondsPerDay / millisecondsPerHour)
    static let triggerPrefix = "rollup_"

    /// A grain of the durations: the table, its key column, and how many milliseconds one key spans.
    struct DurationLevel {
        var name: String
        var key: String
        var span: Int
        /// Only the coarsest grain keeps the sum of the durations: the mean needs it once.
        var carriesTotal: Bool

        var createTable: String {
            """
            CREATE TABLE \(name) (
                company_id INTEGER NOT NULL,
                pair TEXT NOT NULL,
                \(key) INTEGER NOT NULL,
                journeys INTEGER NOT NULL,
                \(carriesTotal ? "total_ms INTEGER NOT NULL," : "")
                PRIMARY KEY (company_id, pair, \(key))
            ) WITHOUT ROWID;
            """
        }
    }

    static let durationLevels = [
        DurationLevel(name: "stage_durations", key: "duration_ms", span: 1, carriesTotal: false),
        DurationLevel(name: "stage_duration_hours", key: "hour", span: millisecondsPerHour, carriesTotal: false),
        DurationLevel(name: "stage_duration_days", key: "day", span: millisecondsPerDay, carriesTotal: true),
    ]
    static let rollupTables = ["journeys", "funnel_rollup", "first_reports_daily"] + durationLevels.map(\.name)

    static func create(_ db: Database) throws {
        try db.execute(sql: tables)
        try populate(db)
        try createTriggers(db)
    }

    static let tables = """
        CREATE TABLE journeys (
            company_id INTEGER NOT NULL,
            author_hash TEXT NOT NULL,
            \(stages.map { "\($0)_at INTEGER" }.joined(separator: ", ")),
            PRIMARY KEY (company_id, author_hash)
        ) WITHOUT ROWID;
        CREATE TABLE funnel_rollup (
            company_id INTEGER PRIMARY KEY,
            journeys INTEGER NOT NULL DEFAULT 0,
            \(funnelColumns.map { "\($0.name) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ",\n    "))
        );
        CREATE TABLE first_reports_daily (
            company_id INTEGER NOT NULL,
            stage TEXT NOT NULL,
            day INTEGER NOT NULL,
            reports INTEGER NOT NULL,
            PRIMARY KEY (company_id, stage, day)
        ) WITHOUT ROWID;
        -- `/top days:N`: the companies' reports over the last N days, without reading older days.
        CREATE INDEX first_reports_daily_by_day ON first_reports_daily(day, stage, reports);
        """ + durationLevels.map(\.createTable).joined(separator: "\n")

    // MARK: - What one journey row contributes, as SQL over the row named `row`

    /// The `funnel_rollup` columns and, for each, the journey's contribution (0 or 1).
    static let funnelColumns: [(name: String, value: @Sendable (String) -> String)] = {
        var columns: [(name: String, value: @Sendable (String) -> String)] = []
        for (index, stage) in funnel.enumerated() {
            columns.append(("\(stage)_reported", { row in "(\(row).\(stage)_at IS NOT NULL)" }))
            columns.append(("\(stage)_implied", { row in "(\(row).\(stage)_at IS NULL AND \(furthest(row)) >= \(index))" }))
        }
        columns.append(("rejected_reported", { row in "(\(row).rejected_at IS NOT NULL)" }))
        return columns
    }()

    /// The furthest funnel stage reached, -1 for none; a rejection alone means applied.
    static func furthest(_ row: String) -> String {
        let cases = funnel.enumerated().reversed().dropLast().map { "WHEN \(row).\($0.element)_at IS NOT NULL THEN \($0.offset)" }
        return
            "(CASE \(cases.joined(separator: " ")) WHEN \(row).applied_at IS NOT NULL OR \(row).rejected_at IS NOT NULL THEN 0 ELSE -1 END)"
    }

    /// When a reached funnel stage happened: the earliest report of it, of any later stage, or of
    /// the rejection, so that time never runs backwards (`Journey.effectiveTimes`).
    static func effectiveTime(_ row: String, _ stage: String) -> String {
        let index = funnel.firstIndex(of: stage)!
        let candidates = (funnel[index...] + ["rejected"]).map { "coalesce(\(row).\($0)_at, 9223372036854775807)" }
        return "min(\(candidates.joined(separator: ", ")))"
    }

    /// Milliseconds between the two stages of a pair, for a journey that reported both; else NULL.
    static func duration(_ row: String, _ pair: (from: String, to: String)) -> String {
        "(CASE WHEN \(row).\(pair.from)_at IS NOT NULL AND \(row).\(pair.to)_at IS NOT NULL "
            + "THEN \(effectiveTime(row, pair.to)) - \(effectiveTime(row, pair.from)) END)"
    }

    static func pairName(_ pair: (from: String, to: String)) -> String { "\(pair.from)->\(pair.to)" }

    /// The UTC day of a time in milliseconds, rounding down as `Timestamp.day` does.
    static func day(_ time: String) -> String {
        "(CASE WHEN \(time) >= 0 THEN \(time) / \(millisecondsPerDay) ELSE -((\(millisecondsPerDay - 1) - \(time)) / \(millisecondsPerDay)) END)"
    }

    // MARK: - Filling from scratch

    /// Computes every rollup from `stage_updates`, set by set. The tables must be empty and the
    /// triggers absent (or they would count twice).
    static func populate(_ db: Database) throws {
        let firsts = stages.map { "min(CASE WHEN stage = '\($0)' THEN reported_at END)" }.joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO journeys SELECT company_id, author_hash, \(firsts)
                FROM stage_updates WHERE retracted = 0 GROUP BY company_id, author_hash
                """)
        try populateAggregates(db)
    }

    /// The aggregates, from a filled `journeys`.
    static func populateAggregates(_ db: Database) throws {
        let names = funnelColumns.map(\.name)
        try db.execute(
            sql: """
                INSERT INTO funnel_rollup (company_id, journeys, \(names.joined(separator: ", ")))
                SELECT company_id, count(*), \(funnelColumns.map { "sum(\($0.value("journeys")))" }.joined(separator: ", "))
                FROM journeys GROUP BY company_id;
                INSERT INTO funnel_rollup (company_id, journeys, \(names.joined(separator: ", ")))
                SELECT 0, sum(journeys), \(names.map { "sum(\($0))" }.joined(separator: ", ")) FROM funnel_rollup HAVING count(*) > 0;
                """)
        for stage in stages {
            try db.execute(
                sql: """
                    INSERT INTO first_reports_daily SELECT company_id, '\(stage)', \(day("\(stage)_at")), count(*)
                    FROM journeys WHERE \(stage)_at IS NOT NULL GROUP BY 1, 3
                    """)
        }
        try db.execute(
            sql: """
                INSERT INTO first_reports_daily SELECT 0, stage, day, sum(reports) FROM first_reports_daily GROUP BY stage, day
                """)
        for pair in pairs {
            let duration = duration("journeys", pair)
            try db.execute(
                sql: """
                    INSERT INTO stage_durations SELECT company_id, '\(pairName(pair))', \(duration), count(*)
                    FROM journeys WHERE \(duration) IS NOT NULL GROUP BY 1, 3
                    """)
        }
        try db.execute(
            sql: "INSERT INTO stage_durations SELECT 0, pair, duration_ms, sum(journeys) FROM stage_durations GROUP BY pair, duration_ms")
        for level in durationLevels.dropFirst() {
            try db.execute(
                sql: """
                    INSERT INTO \(level.name) SELECT company_id, pair, duration_ms / \(level.span), sum(journeys)\(level.carriesTotal ? ", sum(duration_ms * journeys)" : "")
                    FROM stage_durations GROUP BY 1, 2, 3
                    """)
        }
    }

    // MARK: - Triggers

    static func createTriggers(_ db: Database) throws {
        for trigger in journeyTriggers + aggregateTriggers { try db.execute(sql: trigger) }
    }

    /// `stage_updates` → `journeys`. An insert can only lower a first report; anything else
    /// recomputes the journeys involved from their updates (a handful of rows, through
    /// `stage_updates_journey`).
    static var journeyTriggers: [String] {
        let columns = stages.map { "\($0)_at" }
        let firstFromNew = stages.map { "CASE WHEN NEW.stage = '\($0)' THEN NEW.reported_at END" }
        let lowered = columns.map { "coalesce(excluded.\($0) < \($0), \($0) IS NULL AND excluded.\($0) IS NOT NULL)" }
        func recompute(_ row: String) -> String {
            let key = "company_id = \(row).company_id AND author_hash = \(row).author_hash"
            return """
                DELETE FROM journeys WHERE \(key)
                    AND NOT EXISTS (SELECT 1 FROM stage_updates WHERE \(key) AND retracted = 0);
                INSERT INTO journeys SELECT company_id, author_hash, \(stages.map { "min(CASE WHEN stage = '\($0)' THEN reported_at END)" }.joined(separator: ", "))
                FROM stage_updates WHERE \(key) AND retracted = 0 GROUP BY company_id, author_hash
                ON CONFLICT (company_id, author_hash) DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                WHERE \(columns.map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "));
                """
        }
        return [
            """
            CREATE TRIGGER \(triggerPrefix)update_inserted AFTER INSERT ON stage_updates WHEN NEW.retracted = 0 BEGIN
                INSERT INTO journeys VALUES (NEW.company_id, NEW.author_hash, \(firstFromNew.joined(separator: ", ")))
                ON CONFLICT (company_id, author_hash) DO UPDATE SET
                    \(columns.map { "\($0) = coalesce(min(\($0), excluded.\($0)), \($0), excluded.\($0))" }.joined(separator: ", "))
                WHERE \(lowered.joined(separator: " OR "));
            END
            """,
            """
            CREATE TRIGGER \(triggerPrefix)update_deleted AFTER DELETE ON stage_updates WHEN OLD.retracted = 0 BEGIN
                \(recompute("OLD"))
            END
            """,
            """
            CREATE TRIGGER \(triggerPrefix)update_changed AFTER UPDATE OF company_id, author_hash, stage, reported_at, retracted
            ON stage_updates WHEN OLD.retracted = 0 OR NEW.retracted = 0 BEGIN
                \(recompute("OLD"))
                \(recompute("NEW"))
            END
            """,
            // The aggregates take a journey's old contribution out of its own company: the key
            // of a journey row never changes (rows are only inserted, updated in place, deleted).
            """
            CREATE TRIGGER \(triggerPrefix)journey_key_fixed BEFORE UPDATE OF company_id, author_hash ON journeys
            WHEN OLD.company_id IS NOT NEW.company_id OR OLD.author_hash IS NOT NEW.author_hash BEGIN
                SELECT RAISE(ABORT, 'a journey''s company and author never change');
            END
            """,
        ]
    }

    /// `journeys` → the aggregates: take out what the old row contributed, put in the new row's.
    /// One small trigger per aggregate and stage or pair, each with a WHEN, so that a change
    /// runs only the statements it concerns: a new report touches a handful of rows, not sixty.
    static var aggregateTriggers: [String] {
        var triggers: [String] = []
        func trigger(_ name: String, _ event: String, when condition: String?, _ body: [String]) {
            let when = condition.map { " WHEN \($0)" } ?? ""
            triggers.append(
                "CREATE TRIGGER \(triggerPrefix)\(name) AFTER \(event) ON journeys\(when) BEGIN\n\(body.joined(separator: "\n"))\nEND")
        }
        let changedFunnel = funnelColumns.map { "\($0.name) = \($0.name) - \($0.value("OLD")) + \($0.value("NEW"))" }
        let anyChange = stages.map { "OLD.\($0)_at IS NOT NEW.\($0)_at" }.joined(separator: " OR ")
        trigger("journey_inserted", "INSERT", when: nil, [addJourney("NEW")])
        trigger("journey_deleted", "DELETE", when: nil, [removeJourney("OLD")])
        trigger(
            "journey_updated", "UPDATE", when: anyChange,
            [
                "UPDATE funnel_rollup SET \(changedFunnel.joined(separator: ", ")) WHERE company_id IN (NEW.company_id, 0);"
            ])
        for stage in stages {
            let column = "\(stage)_at"
            trigger("first_\(stage)_inserted", "INSERT", when: "NEW.\(column) IS NOT NULL", [addFirstReport("NEW", stage)])
            trigger("first_\(stage)_deleted", "DELETE", when: "OLD.\(column) IS NOT NULL", [removeFirstReport("OLD", stage)])
            trigger(
                "first_\(stage)_updated", "UPDATE OF \(column)", when: "OLD.\(column) IS NOT NEW.\(column)",
                [
                    removeFirstReport("OLD", stage), addFirstReport("NEW", stage),
                ])
        }
        for pair in pairs {
            let name = "duration_\(pair.from)_\(pair.to)"
            let (old, new) = (duration("OLD", pair), duration("NEW", pair))
            trigger("\(name)_inserted", "INSERT", when: "\(new) IS NOT NULL", [addDuration("NEW", pair)])
            trigger("\(name)_deleted", "DELETE", when: "\(old) IS NOT NULL", [removeDuration("OLD", pair)])
            trigger("\(name)_updated", "UPDATE", when: "\(old) IS NOT \(new)", [removeDuration("OLD", pair), addDuration("NEW", pair)])
        }
        return triggers
    }

    /// The company's row and the all-companies row (0), for an INSERT … SELECT.
    private static func bothRows(_ row: String) -> String {
        "(SELECT \(row).company_id AS company UNION ALL SELECT 0)"
    }

    private static func addJourney(_ row: String) -> String {
        let sums = funnelColumns.map { "\($0.name) = \($0.name) + \($0.value(row))" }
        return """
            INSERT INTO funnel_rollup (company_id) SELECT company FROM \(bothRows(row)) WHERE 1 ON CONFLICT DO NOTHING;
            UPDATE funnel_rollup SET journeys = journeys + 1, \(sums.joined(separator: ", ")) WHERE company_id IN (\(row).company_id, 0);
            """
    }

    private static func removeJourney(_ row: String) -> String {
        let differences = funnelColumns.map { "\($0.name) = \($0.name) - \($0.value(row))" }
        return """
            UPDATE funnel_rollup SET journeys = journeys - 1, \(differences.joined(separator: ", ")) WHERE company_id IN (\(row).company_id, 0);
            DELETE FROM funnel_rollup WHERE company_id IN (\(row).company_id, 0) AND journeys = 0;
            """
    }

    private static func addFirstReport(_ row: String, _ stage: String) -> String {
        """
        INSERT INTO first_reports_daily SELECT company, '\(stage)', \(day("\(row).\(stage)_at")), 1 FROM \(bothRows(row))
        WHERE \(row).\(stage)_at IS NOT NULL ON CONFLICT DO UPDATE SET reports = reports + 1;
        """
    }

    private static func removeFirstReport(_ row: String, _ stage: String) -> String {
        let key = "company_id IN (\(row).company_id, 0) AND stage = '\(stage)' AND day = \(day("\(row).\(stage)_at"))"
        return """
            UPDATE first_reports_daily SET reports = reports - 1 WHERE \(key);
            DELETE FROM first_reports_daily WHERE \(key) AND reports = 0;
            """
    }

    private static func addDuration(_ row: String, _ pair: (from: String, to: String)) -> String {
        let duration = duration(row, pair)
        return durationLevels.map { level in
            let total = level.carriesTotal ? ", \(duration)" : ""
            let addTotal = level.carriesTotal ? ", total_ms = total_ms + excluded.total_ms" : ""
            return """
                INSERT INTO \(level.name) SELECT company, '\(pairName(pair))', \(duration) / \(level.span), 1\(total) FROM \(bothRows(row))
                WHERE \(duration) IS NOT NULL ON CONFLICT DO UPDATE SET journeys = journeys + 1\(addTotal);
                """
        }.joined(separator: "\n")
    }

    private static func removeDuration(_ row: String, _ pair: (from: String, to: String)) -> String {
        let duration = duration(row, pair)
        let applies = "company_id IN (\(row).company_id, 0) AND pair = '\(pairName(pair))'"
        return durationLevels.map { level in
            let key = "\(applies) AND \(level.key) = \(duration) / \(level.span)"
            let subtractTotal = level.carriesTotal ? ", total_ms = total_ms - \(duration)" : ""
            return """
                UPDATE \(level.name) SET journeys = journeys - 1\(subtractTotal) WHERE \(key);
                DELETE FROM \(level.name) WHERE \(key) AND journeys = 0;
                """
        }.joined(separator: "\n")
    }
}
