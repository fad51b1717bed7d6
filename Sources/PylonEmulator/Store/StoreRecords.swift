import GRDB

/// Rows of the emulator's tables, decoded from GRDB rows.
struct KnowledgeBaseRecord: Sendable {
    var id: String
    var title: String
    var slug: String
    var supportedLanguages: [String]
    var defaultLanguage: String

    init(row: Row) {
        id = row["id"]
        title = row["title"]
        slug = row["slug"]
        supportedLanguages = (row["supported_languages"] as String).split(separator: ",").map(String.init)
        defaultLanguage = row["default_language"]
    }
}

struct CollectionRecord: Sendable {
    var id: String
    var knowledgeBaseID: String
    var title: String
    var slug: String
    var parentID: String?
    var description: String?
    /// Stored `VisibilityConfig` JSON; nil for collections created without one (public, inherit).
    var visibilityJSON: String?
    var createdAt: String

    init(row: Row) {
        id = row["id"]
        knowledgeBaseID = row["kb_id"]
        title = row["title"]
        slug = row["slug"]
        parentID = row["parent_collection_id"]
        description = row["description"]
        visibilityJSON = row["visibility_config"]
        createdAt = row["created_at"]
    }
}

struct ArticleRecord: Sendable {
    var id: String
    var knowledgeBaseID: String
    var collectionID: String?
    var identifier: String
    var slug: String
    var title: String
    var authorUserID: String
    var draftHTML: String
    var publishedHTML: String?
    var isPublished: Bool
    var isUnlisted: Bool
    var visibilityJSON: String
    var lastPublishedAt: String?
    var sequence: Int64

    init(row: Row) {
        id = row["id"]
        knowledgeBaseID = row["kb_id"]
        collectionID = row["collection_id"]
        identifier = row["identifier"]
        slug = row["slug"]
        title = row["title"]
        authorUserID = row["author_user_id"]
        draftHTML = row["draft_html"]
        publishedHTML = row["published_html"]
        isPublished = row["is_published"]
        isUnlisted = row["is_unlisted"]
        visibilityJSON = row["visibility_config"]
        lastPublishedAt = row["last_published_at"]
        sequence = row["seq"]
    }
}

struct TranslationRecord: Sendable {
    var language: String
    var title: String
    var draftHTML: String
    var publishedHTML: String?

    init(row: Row) {
        language = row["language"]
        title = row["title"]
        draftHTML = row["draft_html"]
        publishedHTML = row["published_html"]
    }
}

struct UserRecord: Sendable {
    var id: String
    var email: String
    var name: String
    var sequence: Int64

    init(row: Row) {
        id = row["id"]
        email = row["email"]
        name = row["name"]
        sequence = row["seq"]
    }
}

struct AttachmentRecord: Sendable {
    var id: String
    var name: String
    var contentType: String
    var data: [UInt8]
}

/// A page of a cursor-paginated listing.
struct Page<Item: Sendable>: Sendable {
    var items: [Item]
    var nextCursor: String?
}

/// Input of `createArticle`, validated by the handler.
struct NewArticle: Sendable {
    var title: String
    var bodyHTML: String
    var authorUserID: String
    var collectionID: String?
    var slug: String?
    var isPublished: Bool
    var isUnlisted: Bool
    var visibilityJSON: String
    var translations: [(language: String, title: String, bodyHTML: String)]
}

/// Input of `updateArticle`, validated by the handler.
struct ArticleChanges: Sendable {
    var title: String?
    var bodyHTML: String?
    var isUnlisted: Bool?
    var language: String?
    var publishUpdatedBody: Bool
    var visibilityJSON: String?
    var slug: String?
    /// Newer surface: publish the current draft (true) or unpublish (false).
    var isPublished: Bool? = nil
    /// Newer surface: the article's complete set of tags.
    var tagIDs: [String]? = nil
}
