import GRDB

/// v8: names outside the company catalog that messages report a stage at ("final round at Quokka"),
/// kept apart from `stage_updates` so that they count in no statistic until an admin adds them
/// (`companies suggest`, `/alias suggest`). One row per message and name; a mention lives and dies
/// with its message's extraction: replaced on re-extraction, removed on deletion and forget-me.
enum UnknownCompaniesSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE unknown_company_mentions (
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    name_key TEXT NOT NULL,                 -- CompanyCatalog.key of the name
                    name TEXT NOT NULL,                     -- as written
                    author_hash TEXT NOT NULL,
                    reported_at INTEGER NOT NULL,
                    PRIMARY KEY (message_id, name_key)
                ) WITHOUT ROWID;
                CREATE INDEX unknown_company_mentions_name ON unknown_company_mentions(name_key, author_hash);
                CREATE INDEX unknown_company_mentions_author ON unknown_company_mentions(author_hash);
                """)
    }
}
