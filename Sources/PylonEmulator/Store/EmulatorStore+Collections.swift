import Foundation
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

/// Collections of the documented API: listing, reading, creating, deleting.
extension EmulatorStore {
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
}
