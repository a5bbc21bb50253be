import GRDB

/// v7: the rollups are kept by the Store's write path (`JourneyChanges`, `RollupWriter`) instead
/// of v4's triggers, and journeys get an id and a time-ordered index of their first reports, so
/// that a windowed report reads the first reports inside its window and nothing else.
///
/// Written out from frozen lists, not from `Stage` or `RollupSchema`, because a shipped migration
/// never changes.
enum JourneyReportsSchema {
    static let stages = ["applied", "oa", "phone", "onsite", "offer", "rejected"]

    static func migrate(_ db: Database) throws {
        let triggers = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, 7) = 'rollup_'")
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
        let columns = stages.map { "\($0)_at" }.joined(separator: ", ")
        try db.execute(
            sql: """
                ALTER TABLE journeys RENAME TO journeys_v4;
                \(createTables)
                INSERT INTO journeys (company_id, author_hash, \(columns)) SELECT company_id, author_hash, \(columns) FROM journeys_v4;
                DROP TABLE journeys_v4;
                """)
        try populateReports(db)
    }

    static let createTables = """
        CREATE TABLE journeys (
            id INTEGER PRIMARY KEY,
            company_id INTEGER NOT NULL,
            author_hash TEXT NOT NULL,
            \(stages.map { "\($0)_at INTEGER" }.joined(separator: ", ")),
            UNIQUE (company_id, author_hash)
        );
        -- Each journey's first report of each stage, by company and time; stage is its position in
        -- the funnel order above.
        CREATE TABLE journey_reports (
            company_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            journey_id INTEGER NOT NULL,
            stage INTEGER NOT NULL,
            PRIMARY KEY (company_id, at, journey_id, stage)
        ) WITHOUT ROWID;
        """

    /// `journey_reports` from a filled `journeys`, sorted first so that the index is written in
    /// order rather than at random places.
    static func populateReports(_ db: Database) throws {
        let selects = stages.enumerated().map { position, stage in
            "SELECT company_id, \(stage)_at, id, \(position) FROM journeys WHERE \(stage)_at IS NOT NULL"
        }
        try db.execute(
            sql: """
                INSERT INTO journey_reports (company_id, at, journey_id, stage)
                \(selects.joined(separator: " UNION ALL ")) ORDER BY 1, 2, 3, 4
                """)
    }
}
