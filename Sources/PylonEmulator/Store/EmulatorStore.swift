import Foundation
import GRDB

/// The emulator's state in SQLite (one file `emulator.sqlite` in WAL mode, or memory).
/// GRDB serialises writes, so every check-then-insert below runs in one write transaction and
/// is atomic against concurrent requests.
final class EmulatorStore: Sendable {
    let writer: any DatabaseWriter
    let sanitize: @Sendable (String) -> String

    init(directory: URL?, sanitize: @escaping @Sendable (String) -> String = { $0 }) throws {
        self.sanitize = sanitize
        if let directory {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            writer = try DatabasePool(
                path: directory.appendingPathComponent("emulator.sqlite").path, configuration: configuration)
        } else {
            writer = try DatabaseQueue()
        }
        try Self.migrator.migrate(writer)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organization (id TEXT PRIMARY KEY, name TEXT NOT NULL);
                    CREATE TABLE knowledge_base (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
                        slug TEXT NOT NULL, supported_languages TEXT NOT NULL, default_language TEXT NOT NULL);
                    CREATE TABLE user (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
                        email TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
                    CREATE TABLE collection (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kb_id TEXT NOT NULL,
                        title TEXT NOT NULL, slug TEXT NOT NULL, parent_collection_id TEXT,
                        created_at TEXT NOT NULL, UNIQUE (kb_id, slug));
                    CREATE TABLE article (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kb_id TEXT NOT NULL,
                        collection_id TEXT, identifier TEXT NOT NULL UNIQUE, slug TEXT NOT NULL,
                        title TEXT NOT NULL, author_user_id TEXT NOT NULL, draft_html TEXT NOT NULL,
                        published_html TEXT, is_published BOOLEAN NOT NULL, is_unlisted BOOLEAN NOT NULL,
                        visibility_config TEXT NOT NULL, last_published_at TEXT, created_at TEXT NOT NULL,
                        UNIQUE (kb_id, slug));
                    CREATE TABLE article_translation (
                        article_id TEXT NOT NULL, language TEXT NOT NULL, title TEXT NOT NULL,
                        draft_html TEXT NOT NULL, published_html TEXT, PRIMARY KEY (article_id, language));
                    CREATE TABLE route_redirect (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kb_id TEXT NOT NULL,
                        from_path TEXT NOT NULL, object_id TEXT NOT NULL, object_type TEXT NOT NULL,
                        language TEXT, created_at TEXT NOT NULL, UNIQUE (kb_id, from_path));
                    CREATE TABLE attachment (
                        id TEXT PRIMARY KEY, name TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL,
                        description TEXT, created_at TEXT NOT NULL);
                    """)
        }
        // v1 made collection slugs unique across a knowledge base; they are unique among
        // siblings (checked on insert). SQLite cannot drop a constraint, so the table is rebuilt.
        migrator.registerMigration("v2-collection-slugs-per-parent") { db in
            try db.execute(
                sql: """
                    CREATE TABLE collection_v2 (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kb_id TEXT NOT NULL,
                        title TEXT NOT NULL, slug TEXT NOT NULL, parent_collection_id TEXT,
                        created_at TEXT NOT NULL);
                    INSERT INTO collection_v2 (seq, id, kb_id, title, slug, parent_collection_id, created_at)
                        SELECT seq, id, kb_id, title, slug, parent_collection_id, created_at FROM collection;
                    DROP TABLE collection;
                    ALTER TABLE collection_v2 RENAME TO collection;
                    CREATE INDEX collection_by_slug ON collection (kb_id, slug);
                    """)
        }
        // Pylon's Collection schema has a description; clients that copy a knowledge base
        // (export, migrate) must be able to read back what they sent.
        migrator.registerMigration("v3-collection-description") { db in
            try db.execute(sql: "ALTER TABLE collection ADD COLUMN description TEXT")
        }
        registerNewerSurfaceMigrations(&migrator)
        return migrator
    }

    static func now() -> String { Date().formatted(.iso8601) }

    static func newID() -> String { UUID().uuidString.lowercased() }
}

/// Opaque pagination cursors: base64 of the last row's sequence number.
enum Cursor {
    static func encode(_ sequence: Int64) -> String {
        Data("seq:\(sequence)".utf8).base64EncodedString()
    }

    static func decode(_ text: String) -> Int64? {
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
            plain.hasPrefix("seq:")
        else { return nil }
        return Int64(plain.dropFirst(4)).flatMap { $0 >= 0 ? $0 : nil }
    }
}
