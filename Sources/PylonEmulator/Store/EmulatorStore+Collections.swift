import GRDB

/// Input of `updateCollection` (newer surface): only the fields sent change.
struct CollectionChanges: Sendable {
    var title: String?
    var description: String?
    var slug: String?
    var visibilityJSON: String?
}

extension EmulatorStore {
    /// Slugs are unique among siblings (see `createCollection`); `except` skips the collection
    /// being renamed.
    static func checkCollectionSlugFree(
        _ db: Database, knowledgeBaseID: String, slug: String, parentID: String?, except: String?
    ) throws {
        if let existing = try String.fetchOne(
            db,
            sql: """
                SELECT id FROM collection
                WHERE kb_id = ? AND slug = ? AND parent_collection_id IS ? AND id IS NOT ?
                """,
            arguments: [knowledgeBaseID, slug, parentID, except])
        {
            throw APIError.badRequest(
                "slug: a collection with slug \"\(slug)\" already exists in the same parent.",
                existsID: existing)
        }
    }

    /// `PATCH …/collections/{id}`. The parent never changes: a collection cannot move.
    func updateCollection(knowledgeBaseID: String, id: String, _ changes: CollectionChanges) async throws
        -> CollectionRecord
    {
        try await writer.write { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            guard var collection = try Self.collection(db, knowledgeBaseID: knowledgeBaseID, id: id) else {
                throw APIError.notFound("Collection \(id) not found in knowledge base \(knowledgeBaseID).")
            }
            if let slug = changes.slug, slug != collection.slug {
                try Self.checkCollectionSlugFree(
                    db, knowledgeBaseID: knowledgeBaseID, slug: slug, parentID: collection.parentID,
                    except: id)
                collection.slug = slug
            }
            if let title = changes.title { collection.title = title }
            // An empty description clears it, as on create.
            if let description = changes.description {
                collection.description = description.isEmpty ? nil : description
            }
            if let visibility = changes.visibilityJSON { collection.visibilityJSON = visibility }
            try db.execute(
                sql:
                    "UPDATE collection SET title = ?, slug = ?, description = ?, visibility_config = ? WHERE id = ?",
                arguments: [
                    collection.title, collection.slug, collection.description, collection.visibilityJSON, id,
                ])
            return collection
        }
    }

    /// Newer surface `is_published`: true publishes the current draft (every language), false
    /// takes the article offline (no published body, no URL; `last_published_at` stays).
    static func setPublished(_ db: Database, _ article: inout ArticleRecord, _ publish: Bool, now: String)
        throws
    {
        if publish {
            let changed = !article.isPublished || article.publishedHTML != article.draftHTML
            article.isPublished = true
            article.publishedHTML = article.draftHTML
            if changed { article.lastPublishedAt = now }
            try db.execute(
                sql: "UPDATE article_translation SET published_html = draft_html WHERE article_id = ?",
                arguments: [article.id])
        } else {
            article.isPublished = false
            article.publishedHTML = nil
            try db.execute(
                sql: "UPDATE article_translation SET published_html = NULL WHERE article_id = ?",
                arguments: [article.id])
        }
    }
}
