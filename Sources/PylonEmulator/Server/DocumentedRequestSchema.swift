import PylonAPI

/// The request bodies of `openapi-kb.json` and `openapi-tags.json`. The `documented` API
/// surface answers a field outside them with a 400 naming it, which is how a client learns
/// that a capability (`tag_ids`, `is_published`, a collection's visibility) is missing.
struct DocumentedRequestSchema: Sendable {
    let name: String
    let fields: [String: Nested]

    indirect enum Nested: Sendable {
        case none
        case object(DocumentedRequestSchema)
        case arrayOf(DocumentedRequestSchema)
    }

    /// The schema of `endpoint`'s JSON body, nil when it has none (or is multipart).
    /// `honourSlugUpdates` adds `slug` to the article PATCH: that opt-in is separate.
    static func body(of endpoint: PylonEndpoint, honourSlugUpdates: Bool) -> DocumentedRequestSchema? {
        switch endpoint {
        case .createCollection:
            plain("CreateCollectionRequestBody", ["description", "parent_collection_id", "slug", "title"])
        case .createArticle:
            DocumentedRequestSchema(
                name: "CreateArticleRequestBody",
                fields: [
                    "author_user_id": .none, "body_html": .none, "collection_id": .none,
                    "is_published": .none,
                    "is_unlisted": .none, "slug": .none, "title": .none,
                    "translations": .arrayOf(
                        plain("ArticleTranslationInput", ["body_html", "language", "title"])),
                    "visibility_config": .object(visibilityConfig),
                ])
        case .updateArticle:
            DocumentedRequestSchema(
                name: "UpdateArticleRequestBody",
                fields: [
                    "body_html": .none, "is_unlisted": .none, "language": .none,
                    "publish_updated_body_html": .none,
                    "title": .none, "visibility_config": .object(visibilityConfig),
                ].merging(honourSlugUpdates ? ["slug": .none] : [:]) { first, _ in first })
        case .createRouteRedirect:
            plain("CreateRouteRedirectRequestBody", ["from_path", "language", "object_id", "object_type"])
        case .searchUsers:
            DocumentedRequestSchema(
                name: "SearchUsersRequest",
                fields: ["cursor": .none, "filter": .object(filter), "limit": .none])
        case .createTag:
            plain("CreateTagRequestBody", ["hex_color", "object_type", "value"])
        default:
            nil
        }
    }

    static let visibilityConfig = DocumentedRequestSchema(
        name: "VisibilityConfig",
        fields: [
            "ai_agent_access": .none, "allowed_agent_ids": .none,
            "customer_visibility_condition": .object(filter),
            "visibility": .none,
        ])

    static var filter: DocumentedRequestSchema {
        DocumentedRequestSchema(
            name: "Filter",
            fields: [
                "field": .none, "operator": .none, "subfilters": .arrayOf(filterLeaf), "value": .none,
                "values": .none,
            ])
    }

    /// Sub-filters are checked one level deep (Pylon allows three); deeper levels are not
    /// worth a recursive type here.
    private static let filterLeaf = plain("Filter", ["field", "operator", "subfilters", "value", "values"])

    private static func plain(_ name: String, _ fields: [String]) -> DocumentedRequestSchema {
        DocumentedRequestSchema(
            name: name, fields: Dictionary(uniqueKeysWithValues: fields.map { ($0, .none) }))
    }

    /// Throws a 400 naming the first field (in sorted order, so the answer is stable) that the
    /// schema does not have. Type errors are left to the handler's own validation.
    func check(_ value: JSONValue, path: String = "") throws {
        guard case .object(let object) = value else { return }
        for key in object.keys.sorted() {
            guard let nested = fields[key] else {
                throw APIError.badRequest(
                    "unknown field \"\(path)\(key)\": \(name) has no such field in this API version.")
            }
            switch (nested, object[key]) {
            case (.object(let schema), let child?):
                try schema.check(child, path: "\(path)\(key).")
            case (.arrayOf(let schema), .array(let items)?):
                for (index, item) in items.enumerated() {
                    try schema.check(item, path: "\(path)\(key)[\(index)].")
                }
            default:
                break
            }
        }
    }
}
