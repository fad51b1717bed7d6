import Foundation
import GRDB

/// Articles and their translations: listing, reading, creating, updating, deleting.
extension EmulatorStore {
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
}
