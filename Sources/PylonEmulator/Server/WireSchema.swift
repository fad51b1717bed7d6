import PylonAPI

/// The response schemas of `openapi-kb.json` and `openapi-tags.json` (component schemas), with
/// each property's JSON kind: what the `go` wire profile needs to write every field, set or not.
/// Property lists are copied from those files; `WireProfileTests` checks them field by field.
enum WireSchema: String, Sendable {
    case knowledgeBase, collection, article, user, me, meUser, routeRedirect, attachment, tag
    case pagination, error, visibilityConfig, filter, reviewRequest

    indirect enum Kind: Sendable {
        case string, bool, number, array
        case object(WireSchema)
        case arrayOf(WireSchema)
    }

    /// Properties in the schema for `surface` (the newer surface adds `tag_ids` and `/me`'s user).
    func properties(_ surface: APISurface) -> [(name: String, kind: Kind)] {
        switch self {
        case .knowledgeBase:
            [
                ("default_language", .string), ("id", .string), ("slug", .string),
                ("supported_languages", .array), ("title", .string),
            ]
        case .collection:
            [
                ("created_at", .string), ("description", .string), ("icon", .string), ("id", .string),
                ("parent_collection_id", .string), ("slug", .string), ("title", .string),
                ("visibility_config", .object(.visibilityConfig)),
            ]
        case .article:
            [
                ("collection_id", .string), ("current_draft_content_html", .string),
                ("current_published_content_html", .string), ("id", .string), ("identifier", .string),
                ("is_published", .bool), ("is_unlisted", .bool), ("last_published_at", .string),
                ("slug", .string), ("title", .string), ("url", .string),
                ("visibility_config", .object(.visibilityConfig)),
            ] + (surface == .current ? [("tag_ids", .array)] : [])
        case .user:
            [
                ("avatar_url", .string), ("email", .string), ("emails", .array), ("id", .string),
                ("name", .string), ("role_id", .string), ("status", .string),
            ]
        case .me:
            [("id", .string), ("name", .string)] + (surface == .current ? [("user", .object(.meUser))] : [])
        case .meUser:
            [("email", .string), ("id", .string), ("name", .string)]
        case .routeRedirect:
            [
                ("created_at", .string), ("from_path", .string), ("id", .string), ("language", .string),
                ("object_id", .string), ("object_type", .string),
            ]
        case .attachment:
            [("description", .string), ("id", .string), ("name", .string), ("url", .string)]
        case .tag:
            [("hex_color", .string), ("id", .string), ("object_type", .string), ("value", .string)]
        case .pagination:
            [("cursor", .string), ("has_next_page", .bool)]
        case .error:
            [("errors", .array), ("exists_id", .string), ("request_id", .string)]
        case .visibilityConfig:
            [
                ("ai_agent_access", .string), ("allowed_agent_ids", .array),
                ("customer_visibility_condition", .object(.filter)), ("visibility", .string),
            ]
        case .filter:
            [
                ("field", .string), ("operator", .string), ("subfilters", .arrayOf(.filter)),
                ("value", .string),
                ("values", .array),
            ]
        case .reviewRequest:
            [
                ("article_id", .string), ("created_at", .string), ("id", .string),
                ("request_ai_review", .bool), ("reviewer_user_ids", .array),
            ]
        }
    }

    /// The schema of a successful answer's `data` (a list's items share it); nil when the
    /// answer has no `data`.
    static func data(of endpoint: PylonEndpoint) -> WireSchema? {
        switch endpoint {
        case .listKnowledgeBases, .getKnowledgeBase: .knowledgeBase
        case .listCollections, .getCollection, .createCollection, .updateCollection: .collection
        case .listArticles, .getArticle, .createArticle, .updateArticle: .article
        case .createRouteRedirect: .routeRedirect
        case .createAttachment: .attachment
        case .getMe: .me
        case .listUsers, .getUser, .searchUsers: .user
        case .listTags, .createTag: .tag
        case .requestArticleReview: .reviewRequest
        case .deleteCollection, .deleteArticle: nil
        }
    }
}
