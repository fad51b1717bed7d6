import Foundation

/// Pylon's JSON shapes (`openapi-kb.json`) for the store's records.
enum WireFormat {
    static func knowledgeBase(_ base: KnowledgeBaseRecord) -> JSONValue {
        .object([
            "id": .string(base.id), "title": .string(base.title), "slug": .string(base.slug),
            "supported_languages": .array(base.supportedLanguages.map(JSONValue.string)),
            "default_language": .string(base.defaultLanguage),
        ])
    }

    static func collection(_ collection: CollectionRecord) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(collection.id), "title": .string(collection.title),
            "slug": .string(collection.slug),
            "created_at": .string(collection.createdAt),
            "visibility_config": collection.visibilityJSON.flatMap { try? JSONValue.decode(Data($0.utf8)) }
                ?? .object(["visibility": .string("public"), "ai_agent_access": .string("inherit")]),
        ]
        if let parent = collection.parentID { fields["parent_collection_id"] = .string(parent) }
        if let description = collection.description { fields["description"] = .string(description) }
        return .object(fields)
    }

    /// `site` is the public root of the knowledge base, e.g. `http://127.0.0.1:8080/kb/help`;
    /// `tagIDs` is nil where the API surface has no tag field.
    static func article(_ article: ArticleRecord, site: String, tagIDs: [String]? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(article.id), "identifier": .string(article.identifier),
            "slug": .string(article.slug),
            "title": .string(article.title), "current_draft_content_html": .string(article.draftHTML),
            "is_published": .bool(article.isPublished), "is_unlisted": .bool(article.isUnlisted),
            "visibility_config": (try? JSONValue.decode(Data(article.visibilityJSON.utf8))) ?? .object([:]),
        ]
        if let collection = article.collectionID { fields["collection_id"] = .string(collection) }
        if article.isPublished {
            fields["current_published_content_html"] = .string(article.publishedHTML ?? "")
            fields["url"] = .string("\(site)/articles/\(article.identifier)-\(article.slug)")
        }
        if let published = article.lastPublishedAt { fields["last_published_at"] = .string(published) }
        if let tagIDs { fields["tag_ids"] = .array(tagIDs.map(JSONValue.string)) }
        return .object(fields)
    }

    static func user(_ user: UserRecord) -> JSONValue {
        .object([
            "id": .string(user.id), "email": .string(user.email), "emails": .array([.string(user.email)]),
            "name": .string(user.name), "status": .string("active"),
        ])
    }

    static func routeRedirect(_ redirect: EmulatorRouteRedirect) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(redirect.id), "from_path": .string(redirect.fromPath),
            "object_id": .string(redirect.objectID), "object_type": .string(redirect.objectType),
            "created_at": .string(redirect.createdAt),
        ]
        if let language = redirect.language { fields["language"] = .string(language) }
        return .object(fields)
    }

    static func tag(_ tag: TagRecord) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(tag.id), "value": .string(tag.value), "object_type": .string(tag.objectType),
        ]
        if let color = tag.hexColor { fields["hex_color"] = .string(color) }
        return .object(fields)
    }

    static func reviewRequest(_ request: EmulatorReviewRequest) -> JSONValue {
        .object([
            "id": .string(request.id), "article_id": .string(request.articleID),
            "reviewer_user_ids": .array(request.reviewerUserIDs.map(JSONValue.string)),
            "request_ai_review": .bool(request.requestAIReview), "created_at": .string(request.createdAt),
        ])
    }

    static func pagination(nextCursor: String?) -> JSONValue {
        .object(["cursor": .string(nextCursor ?? ""), "has_next_page": .bool(nextCursor != nil)])
    }
}
