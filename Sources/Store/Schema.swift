import GRDB

/// The versioned schema. Migrations only ever add: a shipped migration is never edited, so that every
/// database, whatever version it was created with, ends in the same shape.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: createInitialSchema)
        migrator.registerMigration("v2-forgotten-authors", migrate: createForgottenAuthors)
        migrator.registerMigration("v3-corrections", migrate: createCorrections)
        migrator.registerMigration("v4-statistics-rollups", migrate: RollupSchema.create)
        migrator.registerMigration("v5-feed-postings", migrate: addFeedPostingDescriptions)
        migrator.registerMigration("v6-channel-watermarks", migrate: WatermarkSchema.create)
        migrator.registerMigration("v7-journey-reports", migrate: JourneyReportsSchema.migrate)
        migrator.registerMigration("v8-unknown-companies", migrate: UnknownCompaniesSchema.create)
        migrator.registerMigration("v9-checks-as-comparisons", migrate: CheckConstraintSchema.rewriteInLists)
        migrator.registerMigration("v10-posting-sponsorship", migrate: addPostingSponsorship)
        migrator.registerMigration("v11-postings-by-company", migrate: indexPostingsByCompany)
        migrator.registerMigration("v12-email-confirmations", migrate: createEmailConfirmations)
        migrator.registerMigration("v13-alert-feedback", migrate: createAlertFeedback)
        migrator.registerMigration("v14-unsubscribes", migrate: createUnsubscribes)
        return migrator
    }

    /// A destination that asked to hear no more from a profile (a mail's unsubscribe link): kept
    /// apart from the profile's destinations, so that alerts.yaml, synced at every start, cannot
    /// bring it back. It goes with its profile.
    private static func createUnsubscribes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alert_unsubscribes (
                    profile_id INTEGER NOT NULL REFERENCES alert_profiles(id) ON DELETE CASCADE,
                    destination TEXT NOT NULL,
                    unsubscribed_at INTEGER NOT NULL,
                    PRIMARY KEY (profile_id, destination)
                )
                """)
    }

    /// A member's reaction to one notification of a profile: the latest per member, profile and
    /// posting. The posting's terms are copied, so what was learned outlives the posting, and
    /// the reaction goes with its profile, with `/alerts reset` and with `/forget-me`.
    private static func createAlertFeedback(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alert_feedback (
                    profile_id INTEGER NOT NULL REFERENCES alert_profiles(id) ON DELETE CASCADE,
                    member_hash TEXT NOT NULL,
                    posting_id INTEGER NOT NULL,
                    reaction TEXT NOT NULL CHECK (reaction = 'relevant' OR reaction = 'not_for_me' OR reaction = 'never_company'),
                    skills TEXT NOT NULL,                   -- JSON array
                    title_words TEXT NOT NULL,              -- JSON array
                    company TEXT,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (profile_id, member_hash, posting_id)
                );
                CREATE INDEX alert_feedback_by_member ON alert_feedback(member_hash);
                """)
    }

    /// An address a member asked alerts to be mailed to, waiting for the code mailed to it: nobody
    /// can subscribe an address they cannot read. It goes with its profile (and with /forget-me).
    private static func createEmailConfirmations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE email_confirmations (
                    profile_id INTEGER PRIMARY KEY REFERENCES alert_profiles(id) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    code_hash TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    expires_at INTEGER NOT NULL
                )
                """)
    }

    /// A company's postings, newest first, and how many it has, from the index alone: the
    /// dashboard's company page and its postings filter (50,000 postings: 1 ms, not 50).
    private static func indexPostingsByCompany(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX job_postings_by_company ON job_postings(company_id, posted_at) WHERE retracted = 0")
    }

    /// What a source says of visa sponsorship (`JobPosting.sponsorship`).
    private static func addPostingSponsorship(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE job_postings ADD COLUMN sponsorship TEXT")
    }

    /// A feed's posting has no message: its description is kept for keyword criteria and `/jobs`.
    private static func addFeedPostingDescriptions(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE job_postings ADD COLUMN description TEXT;
                CREATE INDEX job_postings_source ON job_postings(source, external_id);
                """)
    }

    /// Members who asked to be forgotten (`/forget-me`): their messages are deleted and never
    /// stored again, whether replayed, edited or backfilled.
    /// Manual labels (`/correct`): one per message, winning over every extraction of it, and kept
    /// as labelled data to measure extractors against.
    private static func createCorrections(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE corrections (
                    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
                    company_id INTEGER NOT NULL REFERENCES companies(id),
                    stage TEXT NOT NULL CHECK (stage IN ('applied', 'oa', 'phone', 'onsite', 'offer', 'rejected')),
                    actor_hash TEXT,
                    created_at INTEGER NOT NULL
                );
                """)
    }

    private static func createForgottenAuthors(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE forgotten_authors (
                    author_hash TEXT PRIMARY KEY,
                    forgotten_at INTEGER NOT NULL
                );
                """)
    }

    private static func createInitialSchema(_ db: Database) throws {
        // Raw messages, keyed by Discord id. Everything else derives from them and can be rebuilt.
        try db.execute(
            sql: """
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,                 -- Discord snowflake
                    guild_id INTEGER,
                    channel_id INTEGER NOT NULL,
                    author_hash TEXT NOT NULL,              -- HMAC-SHA256 of the Discord user id
                    content TEXT NOT NULL,
                    created_at INTEGER NOT NULL,            -- Unix milliseconds, as are all times
                    edited_at INTEGER,
                    deleted_at INTEGER,
                    source TEXT NOT NULL CHECK (source IN ('gateway', 'backfill', 'import')),
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_error TEXT,
                    kind TEXT CHECK (kind IN ('stage_update', 'job_posting', 'other')),
                    spam INTEGER NOT NULL DEFAULT 0,
                    inserted_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                -- The extraction queue, oldest first: claiming a batch reads the front of this index and
                -- never sorts, however many messages wait.
                CREATE INDEX messages_pending ON messages(id) WHERE status = 'pending';

                -- Every extraction run, kept for audit, comparison and re-runs.
                CREATE TABLE extractions (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    extractor TEXT NOT NULL,
                    model TEXT,
                    prompt_version TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
                    result TEXT,                            -- the validated contract object, as JSON
                    raw_output TEXT,
                    error TEXT,
                    latency_ms REAL NOT NULL DEFAULT 0,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX extractions_message ON extractions(message_id, id);

                CREATE TABLE companies (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    category TEXT,
                    source TEXT NOT NULL CHECK (source IN ('config', 'admin', 'discovered')),
                    created_at INTEGER NOT NULL
                );

                CREATE TABLE company_aliases (
                    alias_key TEXT NOT NULL,                -- lower-cased letters and digits only
                    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
                    alias TEXT NOT NULL,
                    strict INTEGER NOT NULL DEFAULT 0,
                    source TEXT NOT NULL CHECK (source IN ('config', 'admin')),
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (alias_key, company_id)
                );

                -- One row per (message, company, stage). Journeys de-duplicate on (author, company, stage)
                -- at query time, so retracting one message leaves other reports of the same stage counted.
                CREATE TABLE stage_updates (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
                    extraction_id INTEGER REFERENCES extractions(id) ON DELETE SET NULL,
                    author_hash TEXT NOT NULL,
                    company_id INTEGER NOT NULL REFERENCES companies(id),
                    stage TEXT NOT NULL CHECK (stage IN ('applied', 'oa', 'phone', 'onsite', 'offer', 'rejected')),
                    role TEXT,
                    season TEXT,
                    reported_at INTEGER NOT NULL,
                    synthetic INTEGER NOT NULL DEFAULT 0,   -- entered or implied rather than reported
                    retracted INTEGER NOT NULL DEFAULT 0,
                    retracted_at INTEGER,
                    created_at INTEGER NOT NULL,
                    UNIQUE (message_id, company_id, stage)
                );
                CREATE INDEX stage_updates_journey ON stage_updates(company_id, author_hash, stage, reported_at)
                    WHERE retracted = 0;
                CREATE INDEX stage_updates_author ON stage_updates(author_hash);

                CREATE TABLE job_postings (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
                    source TEXT NOT NULL,                   -- 'message' or 'feed:<name>'
                    external_id TEXT,
                    company_id INTEGER REFERENCES companies(id),
                    title TEXT,
                    location TEXT,
                    remote TEXT CHECK (remote IN ('yes', 'no', 'hybrid')),
                    employment_type TEXT,
                    seniority TEXT,
                    skills TEXT NOT NULL DEFAULT '[]',      -- JSON array of normalized names
                    salary_min INTEGER,
                    salary_max INTEGER,
                    currency TEXT,
                    url TEXT,
                    canonical_url TEXT UNIQUE,
                    fingerprint TEXT NOT NULL UNIQUE,       -- company, normalized title, location
                    posted_at INTEGER NOT NULL,
                    retracted INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX job_postings_posted ON job_postings(posted_at) WHERE retracted = 0;

                CREATE TABLE alert_profiles (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    owner_hash TEXT NOT NULL DEFAULT '',    -- '' for profiles from config/alerts.yaml
                    source TEXT NOT NULL CHECK (source IN ('config', 'discord')),
                    criteria TEXT NOT NULL,                 -- JSON
                    destinations TEXT NOT NULL,             -- JSON
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (owner_hash, name)
                );

                -- A match is written here before anything is sent, so a crash neither loses nor repeats it.
                CREATE TABLE notification_outbox (
                    id INTEGER PRIMARY KEY,
                    posting_id INTEGER NOT NULL REFERENCES job_postings(id) ON DELETE CASCADE,
                    profile_id INTEGER NOT NULL REFERENCES alert_profiles(id) ON DELETE CASCADE,
                    destination TEXT NOT NULL,
                    score REAL NOT NULL,
                    reasons TEXT NOT NULL,                  -- JSON
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_error TEXT,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER,
                    UNIQUE (posting_id, profile_id, destination)
                );
                CREATE INDEX notification_outbox_pending ON notification_outbox(status, next_attempt_at)
                    WHERE status = 'pending';

                CREATE TABLE channel_cursors (
                    channel_id INTEGER PRIMARY KEY,
                    guild_id INTEGER,
                    last_message_id INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );

                CREATE TABLE gateway_sessions (
                    shard_id INTEGER PRIMARY KEY,
                    shard_count INTEGER NOT NULL DEFAULT 1,
                    session_id TEXT NOT NULL,
                    sequence INTEGER,
                    resume_gateway_url TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor_hash TEXT,                        -- NULL for the command line
                    action TEXT NOT NULL,
                    target TEXT,
                    details TEXT                            -- JSON
                );

                -- Small named values: the slash-command hash, the author-key check, and the like.
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
    }
}
