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

    // MARK: Seed

    func seed(_ seed: EmulatorSeed) async throws {
        try await writer.write { db in
            if try Row.fetchOne(db, sql: "SELECT id FROM organization") == nil {
                try db.execute(
                    sql: "INSERT INTO organization (id, name) VALUES (?, ?)",
                    arguments: [Self.newID(), seed.organizationName])
            }
            for base in seed.knowledgeBases {
                guard !base.supportedLanguages.isEmpty else {
                    throw EmulatorError.invalidSeedValue(
                        "knowledge base \(base.id) has no supported languages")
                }
                let languages =
                    base.supportedLanguages.contains(base.defaultLanguage)
                    ? base.supportedLanguages : [base.defaultLanguage] + base.supportedLanguages
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO knowledge_base (id, title, slug, supported_languages, default_language)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        base.id, base.title, base.slug, languages.joined(separator: ","),
                        base.defaultLanguage,
                    ])
            }
            for user in seed.users {
                let exists = try Row.fetchOne(
                    db, sql: "SELECT id FROM user WHERE email = ? OR id = ?",
                    arguments: [user.email, user.id])
                if exists != nil { continue }
                try db.execute(
                    sql: "INSERT INTO user (id, email, name) VALUES (?, ?, ?)",
                    arguments: [user.id ?? Self.stableID(for: user.email), user.email, user.name])
            }
        }
    }

    /// A UUID-shaped id that stays the same for the same email across restarts.
    private static func stableID(for email: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var bytes: [UInt8] = []
        for byte in email.lowercased().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var generator = SplitMix64(seed: hash)
        for _ in 0..<2 { withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) } }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }

    // MARK: Organization, knowledge bases, users

    func organization() async throws -> (id: String, name: String) {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name FROM organization") else {
                preconditionFailure("seed() always creates the organization")
            }
            return (row["id"], row["name"])
        }
    }

    func knowledgeBases() async throws -> [KnowledgeBaseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM knowledge_base ORDER BY seq").map(
                KnowledgeBaseRecord.init(row:))
        }
    }

    func knowledgeBase(id: String) async throws -> KnowledgeBaseRecord {
        try await writer.read { db in try Self.knowledgeBase(db, id: id) }
    }

    func knowledgeBase(slug: String) async throws -> KnowledgeBaseRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM knowledge_base WHERE slug = ?", arguments: [slug])
                .map(KnowledgeBaseRecord.init(row:))
        }
    }

    static func knowledgeBase(_ db: Database, id: String) throws -> KnowledgeBaseRecord {
        guard
            let row = try Row.fetchOne(db, sql: "SELECT * FROM knowledge_base WHERE id = ?", arguments: [id])
        else { throw APIError.notFound("Knowledge base \(id) not found.") }
        return KnowledgeBaseRecord(row: row)
    }

    func users(after cursor: Int64?, limit: Int, email: String? = nil) async throws -> Page<UserRecord> {
        try await writer.read { db in
            var sql = "SELECT * FROM user WHERE seq > ?"
            var arguments: StatementArguments = [cursor ?? 0]
            if let email {
                sql += " AND lower(email) = lower(?)"
                arguments += [email]
            }
            sql += " ORDER BY seq LIMIT ?"
            arguments += [limit + 1]
            var users = try Row.fetchAll(db, sql: sql, arguments: arguments).map(UserRecord.init(row:))
            let hasMore = users.count > limit
            if hasMore { users.removeLast() }
            return Page(
                items: users, nextCursor: hasMore ? users.last.map { Cursor.encode($0.sequence) } : nil)
        }
    }

    func user(id: String) async throws -> UserRecord {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user WHERE id = ?", arguments: [id])
            else {
                throw APIError.notFound("User \(id) not found.")
            }
            return UserRecord(row: row)
        }
    }

    // MARK: Collections

    func collections(knowledgeBaseID: String) async throws -> [CollectionRecord] {
        try await writer.read { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM collection WHERE kb_id = ? ORDER BY seq", arguments: [knowledgeBaseID]
            ).map(CollectionRecord.init(row:))
        }
    }

    func collection(knowledgeBaseID: String, id: String) async throws -> CollectionRecord {
        try await writer.read { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            guard let collection = try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: id) else {
                throw APIError.notFound("Collection \(id) not found in knowledge base \(knowledgeBaseID).")
            }
            return collection
        }
    }

    static func collection(_ db: Database, knowledgeBaseID: String, id: String) throws
        -> CollectionRecord?
    {
        try Row.fetchOne(
            db, sql: "SELECT * FROM collection WHERE kb_id = ? AND id = ?", arguments: [knowledgeBaseID, id]
        ).map(CollectionRecord.init(row:))
    }

    func createCollection(
        knowledgeBaseID: String, title: String, slug: String?, parentID: String?, description: String? = nil,
        visibilityJSON: String? = nil
    ) async throws -> CollectionRecord {
        try await writer.write { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            if let parentID, try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: parentID) == nil {
                throw APIError.badRequest(
                    "parent_collection_id: collection \(parentID) does not exist in knowledge base \(knowledgeBaseID)."
                )
            }
            let slug = slug ?? Slug.derive(from: title)
            // Unique among siblings, not across the knowledge base: collections are routed by
            // identifier, the contract promises no more, and docs trees reuse folder names
            // ("advanced" under several sections).
            try Self.checkCollectionSlugFree(
                db, knowledgeBaseID: knowledgeBaseID, slug: slug, parentID: parentID, except: nil)
            let id = Self.newID()
            try db.execute(
                sql: """
                    INSERT INTO collection (id, kb_id, title, slug, parent_collection_id, description,
                        visibility_config, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, knowledgeBaseID, title, slug, parentID, description, visibilityJSON, Self.now(),
                ])
            guard let created = try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: id) else {
                preconditionFailure("the collection was just inserted")
            }
            return created
        }
    }

    /// Deletes a collection, its sub-collections and every article in them.
    func deleteCollection(knowledgeBaseID: String, id: String) async throws {
        try await writer.write { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            guard try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: id) != nil else {
                throw APIError.notFound("Collection \(id) not found in knowledge base \(knowledgeBaseID).")
            }
            var pending = [id]
            var doomed: [String] = []
            while let next = pending.popLast() {
                doomed.append(next)
                pending += try String.fetchAll(
                    db, sql: "SELECT id FROM collection WHERE parent_collection_id = ?", arguments: [next])
            }
            for collectionID in doomed {
                try db.execute(
                    sql: """
                        DELETE FROM article_translation WHERE article_id IN
                        (SELECT id FROM article WHERE collection_id = ?)
                        """,
                    arguments: [collectionID])
                try db.execute(sql: "DELETE FROM article WHERE collection_id = ?", arguments: [collectionID])
                try db.execute(sql: "DELETE FROM collection WHERE id = ?", arguments: [collectionID])
            }
        }
    }

    // MARK: Articles

    /// A page of articles, oldest first; with `language`, titles and bodies of that translation.
    func articles(
        knowledgeBaseID: String, after cursor: Int64?, limit: Int, language: String?
    ) async throws -> Page<ArticleRecord> {
        try await writer.read { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            let language = try Self.checkLanguage(language, base: base, field: "language")
            var articles = try Row.fetchAll(
                db, sql: "SELECT * FROM article WHERE kb_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                arguments: [knowledgeBaseID, cursor ?? 0, limit + 1]
            ).map(ArticleRecord.init(row:))
            let hasMore = articles.count > limit
            if hasMore { articles.removeLast() }
            let nextCursor = hasMore ? articles.last.map { Cursor.encode($0.sequence) } : nil
            if let language {
                articles = try articles.map { try Self.translated($0, language: language, db) }
            }
            return Page(items: articles, nextCursor: nextCursor)
        }
    }

    func article(knowledgeBaseID: String, id: String, language: String?) async throws -> ArticleRecord {
        try await writer.read { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            let language = try Self.checkLanguage(language, base: base, field: "language")
            let article = try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: id)
            return try language.map { try Self.translated(article, language: $0, db) } ?? article
        }
    }

    func publishedArticle(knowledgeBaseID: String, identifier: String) async throws -> ArticleRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM article WHERE kb_id = ? AND identifier = ? AND is_published",
                arguments: [knowledgeBaseID, identifier]
            ).map(ArticleRecord.init(row:))
        }
    }

    /// Returns nil for the default language (the article itself holds it).
    static func checkLanguage(_ language: String?, base: KnowledgeBaseRecord, field: String) throws
        -> String?
    {
        guard let language else { return nil }
        guard base.supportedLanguages.contains(language) else {
            throw APIError.badRequest(
                "\(field): \"\(language)\" is not a supported language of this knowledge base "
                    + "(supported: \(base.supportedLanguages.joined(separator: ", "))).")
        }
        return language == base.defaultLanguage ? nil : language
    }

    static func article(_ db: Database, knowledgeBaseID: String, id: String) throws -> ArticleRecord {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM article WHERE kb_id = ? AND id = ?", arguments: [knowledgeBaseID, id])
        else { throw APIError.notFound("Article \(id) not found in knowledge base \(knowledgeBaseID).") }
        return ArticleRecord(row: row)
    }

    static func translated(_ article: ArticleRecord, language: String, _ db: Database) throws
        -> ArticleRecord
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM article_translation WHERE article_id = ? AND language = ?",
                arguments: [article.id, language])
        else { return article }
        let translation = TranslationRecord(row: row)
        var result = article
        result.title = translation.title
        result.draftHTML = translation.draftHTML
        result.publishedHTML = translation.publishedHTML
        return result
    }

    func createArticle(knowledgeBaseID: String, _ input: NewArticle) async throws -> ArticleRecord {
        let sanitize = self.sanitize
        return try await writer.write { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            guard
                try Row.fetchOne(db, sql: "SELECT id FROM user WHERE id = ?", arguments: [input.authorUserID])
                    != nil
            else { throw APIError.badRequest("author_user_id: user \(input.authorUserID) does not exist.") }
            if let collectionID = input.collectionID,
                try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: collectionID) == nil
            {
                throw APIError.badRequest(
                    "collection_id: collection \(collectionID) does not exist in knowledge base \(knowledgeBaseID)."
                )
            }
            var seen: Set<String> = []
            for translation in input.translations {
                _ = try Self.checkLanguage(translation.language, base: base, field: "translations.language")
                guard seen.insert(translation.language).inserted else {
                    throw APIError.badRequest(
                        "translations: language \"\(translation.language)\" appears twice.")
                }
            }
            let slug = input.slug ?? Slug.derive(from: input.title)
            try Self.checkSlugFree(db, knowledgeBaseID: knowledgeBaseID, slug: slug)
            let id = Self.newID()
            let identifier = try Self.newIdentifier(db)
            let draft = sanitize(input.bodyHTML)
            let now = Self.now()
            try db.execute(
                sql: """
                    INSERT INTO article (id, kb_id, collection_id, identifier, slug, title, author_user_id,
                        draft_html, published_html, is_published, is_unlisted, visibility_config,
                        last_published_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, knowledgeBaseID, input.collectionID, identifier, slug, input.title,
                    input.authorUserID,
                    draft, input.isPublished ? draft : nil, input.isPublished, input.isUnlisted,
                    input.visibilityJSON, input.isPublished ? now : nil, now,
                ])
            for translation in input.translations where translation.language != base.defaultLanguage {
                let body = sanitize(translation.bodyHTML)
                try db.execute(
                    sql: """
                        INSERT INTO article_translation (article_id, language, title, draft_html, published_html)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, translation.language, translation.title, body, input.isPublished ? body : nil,
                    ])
            }
            return try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: id)
        }
    }

    static func checkSlugFree(_ db: Database, knowledgeBaseID: String, slug: String) throws {
        if let existing = try String.fetchOne(
            db, sql: "SELECT id FROM article WHERE kb_id = ? AND slug = ?",
            arguments: [knowledgeBaseID, slug])
        {
            throw APIError.badRequest(
                "slug: an article with slug \"\(slug)\" already exists.", existsID: existing)
        }
    }

    private static func newIdentifier(_ db: Database) throws -> String {
        while true {
            let candidate = String(Int.random(in: 1_000_000_000...9_999_999_999))
            if try Row.fetchOne(db, sql: "SELECT 1 FROM article WHERE identifier = ?", arguments: [candidate])
                == nil
            {
                return candidate
            }
        }
    }

    /// Applies a PATCH. Only `is_published` (newer surface) changes whether an article is
    /// published; `publish_updated_body_html` publishes the draft of an already published one.
    func updateArticle(knowledgeBaseID: String, id: String, _ changes: ArticleChanges) async throws
        -> ArticleRecord
    {
        let sanitize = self.sanitize
        return try await writer.write { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            let language = try Self.checkLanguage(changes.language, base: base, field: "language")
            var article = try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: id)
            let now = Self.now()
            if let slug = changes.slug, slug != article.slug {
                try Self.checkSlugFree(db, knowledgeBaseID: knowledgeBaseID, slug: slug)
                article.slug = slug
            }
            if let isUnlisted = changes.isUnlisted { article.isUnlisted = isUnlisted }
            if let visibility = changes.visibilityJSON { article.visibilityJSON = visibility }
            if let language {
                let existing = try Row.fetchOne(
                    db, sql: "SELECT * FROM article_translation WHERE article_id = ? AND language = ?",
                    arguments: [id, language]
                ).map(TranslationRecord.init(row:))
                var translation = (
                    title: existing?.title ?? article.title, draft: existing?.draftHTML ?? "",
                    published: existing?.publishedHTML
                )
                if let title = changes.title { translation.title = title }
                if let body = changes.bodyHTML { translation.draft = sanitize(body) }
                if changes.publishUpdatedBody, article.isPublished {
                    translation.published = translation.draft
                    article.lastPublishedAt = now
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO article_translation (article_id, language, title, draft_html, published_html)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [id, language, translation.title, translation.draft, translation.published])
            } else {
                if let title = changes.title { article.title = title }
                if let body = changes.bodyHTML { article.draftHTML = sanitize(body) }
                if changes.publishUpdatedBody, article.isPublished {
                    article.publishedHTML = article.draftHTML
                    article.lastPublishedAt = now
                }
            }
            if let isPublished = changes.isPublished {
                try Self.setPublished(db, &article, isPublished, now: now)
            }
            if let tagIDs = changes.tagIDs { try Self.replaceTags(db, articleID: id, tagIDs: tagIDs) }
            try db.execute(
                sql: """
                    UPDATE article SET slug = ?, title = ?, draft_html = ?, published_html = ?, is_unlisted = ?,
                        visibility_config = ?, last_published_at = ?, is_published = ? WHERE id = ?
                    """,
                arguments: [
                    article.slug, article.title, article.draftHTML, article.publishedHTML, article.isUnlisted,
                    article.visibilityJSON, article.lastPublishedAt, article.isPublished, id,
                ])
            let updated = try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: id)
            return try language.map { try Self.translated(updated, language: $0, db) } ?? updated
        }
    }

    func deleteArticle(knowledgeBaseID: String, id: String) async throws {
        try await writer.write { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            _ = try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: id)
            try db.execute(sql: "DELETE FROM article_translation WHERE article_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [id])
        }
    }

    // MARK: Route redirects

    func createRouteRedirect(
        knowledgeBaseID: String, fromPath: String, objectID: String, objectType: String, language: String?
    ) async throws -> EmulatorRouteRedirect {
        try await writer.write { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            _ = try Self.checkLanguage(language, base: base, field: "language")
            let table = objectType == "article" ? "article" : "collection"
            guard
                try Row.fetchOne(
                    db, sql: "SELECT 1 FROM \(table) WHERE kb_id = ? AND id = ?",
                    arguments: [knowledgeBaseID, objectID]
                ) != nil
            else {
                throw APIError.badRequest(
                    "object_id: \(objectType) \(objectID) does not exist in knowledge base \(knowledgeBaseID)."
                )
            }
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM route_redirect WHERE kb_id = ? AND from_path = ?",
                arguments: [knowledgeBaseID, fromPath])
            {
                throw APIError.badRequest(
                    "from_path: a route redirect from \"\(fromPath)\" already exists.", existsID: existing)
            }
            let redirect = EmulatorRouteRedirect(
                id: Self.newID(), knowledgeBaseID: knowledgeBaseID, fromPath: fromPath, objectID: objectID,
                objectType: objectType, language: language, createdAt: Self.now())
            try db.execute(
                sql: """
                    INSERT INTO route_redirect (id, kb_id, from_path, object_id, object_type, language, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    redirect.id, knowledgeBaseID, fromPath, objectID, objectType, language,
                    redirect.createdAt,
                ])
            return redirect
        }
    }

    func routeRedirects(knowledgeBaseID: String) async throws -> [EmulatorRouteRedirect] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM route_redirect WHERE kb_id = ? ORDER BY seq",
                arguments: [knowledgeBaseID]
            ).map { row in
                EmulatorRouteRedirect(
                    id: row["id"], knowledgeBaseID: row["kb_id"], fromPath: row["from_path"],
                    objectID: row["object_id"], objectType: row["object_type"], language: row["language"],
                    createdAt: row["created_at"])
            }
        }
    }

    // MARK: Attachments

    func createAttachment(name: String, contentType: String, data: [UInt8], description: String?) async throws
        -> AttachmentRecord
    {
        let record = AttachmentRecord(id: Self.newID(), name: name, contentType: contentType, data: data)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO attachment (id, name, content_type, data, description, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.id, name, contentType, Data(data), description, Self.now()])
        }
        return record
    }

    func attachment(id: String) async throws -> AttachmentRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM attachment WHERE id = ?", arguments: [id]).map { row in
                AttachmentRecord(
                    id: row["id"], name: row["name"], contentType: row["content_type"],
                    data: [UInt8](row["data"] as Data))
            }
        }
    }
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
