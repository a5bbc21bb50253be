import GRDB

/// v6: the per-channel cursor ("the newest message stored") becomes a completeness watermark.
///
/// A cursor that any stored message moves is wrong after a gap: live messages of a new session
/// move it past the messages that arrived while there was none, and a backfill from it never
/// fetches them. The watermark is the newest id up to which the store holds every message of the
/// channel; only a backfill that closed the gap, or a live message of the very session that the
/// last closed gap was continued by (`live_session`), moves it.
enum WatermarkSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE channel_cursors RENAME TO channel_watermarks;
                ALTER TABLE channel_watermarks RENAME COLUMN last_message_id TO complete_through;
                -- NULL until a backfill closes the gap in some session: no live message moves it before.
                ALTER TABLE channel_watermarks ADD COLUMN live_session TEXT;
                """)
    }
}
