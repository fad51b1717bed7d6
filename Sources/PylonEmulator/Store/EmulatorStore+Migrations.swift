import GRDB

extension EmulatorStore {
    /// Schema changes for the newer API surface. Additive only, so a data directory written by
    /// an older emulator (`--data`) migrates in place and keeps its content.
    static func registerNewerSurfaceMigrations(_ migrator: inout DatabaseMigrator) {
        // A collection's visibility can be set on create and PATCH; NULL means the default.
        migrator.registerMigration("v4-collection-visibility") { db in
            try db.execute(sql: "ALTER TABLE collection ADD COLUMN visibility_config TEXT")
        }
        migrator.registerMigration("v5-tags-and-review-requests") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tag (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, value TEXT NOT NULL,
                        object_type TEXT NOT NULL, hex_color TEXT, UNIQUE (value, object_type));
                    CREATE TABLE article_tag (
                        article_id TEXT NOT NULL, tag_id TEXT NOT NULL, position INTEGER NOT NULL,
                        PRIMARY KEY (article_id, tag_id));
                    CREATE TABLE review_request (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kb_id TEXT NOT NULL,
                        article_id TEXT NOT NULL, reviewer_user_ids TEXT NOT NULL,
                        request_ai_review BOOLEAN NOT NULL, created_at TEXT NOT NULL);
                    """)
        }
    }
}
