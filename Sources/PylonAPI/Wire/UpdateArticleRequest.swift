/// The body of `PATCH /knowledge-bases/{id}/articles/{article_id}`: the only fields Pylon lets
/// change after creation. Without `publishUpdatedBodyHTML: true` an edit stays in draft.
public struct UpdateArticleRequest: Sendable, Codable, Hashable {
    public var title: String?
    public var bodyHTML: String?
    public var isUnlisted: Bool?
    /// The translation to update; nil means the knowledge base's default language.
    public var language: String?
    public var publishUpdatedBodyHTML: Bool?
    public var visibilityConfig: VisibilityConfig?
    /// Not in Pylon's OpenAPI, but sent by other clients of the same API. A server that
    /// honours it answers with the new slug; one that does not ignores it. Only pylon-kb's
    /// rename probe sets it, and it trusts the response, never the request.
    public var slug: String?
    /// Newer surface: `false` unpublishes the article. Detect before relying on it.
    public var isPublished: Bool?
    /// Newer surface: replaces all of the article's tags. Detect before relying on it.
    public var tagIDs: [String]?

    public init(
        title: String? = nil, bodyHTML: String? = nil, isUnlisted: Bool? = nil, language: String? = nil,
        publishUpdatedBodyHTML: Bool? = nil, visibilityConfig: VisibilityConfig? = nil, slug: String? = nil,
        isPublished: Bool? = nil, tagIDs: [String]? = nil
    ) {
        self.slug = slug
        self.isPublished = isPublished
        self.tagIDs = tagIDs
        self.title = title
        self.bodyHTML = bodyHTML
        self.isUnlisted = isUnlisted
        self.language = language
        self.publishUpdatedBodyHTML = publishUpdatedBodyHTML
        self.visibilityConfig = visibilityConfig
    }

    enum CodingKeys: String, CodingKey {
        case title, language, slug
        case bodyHTML = "body_html"
        case isUnlisted = "is_unlisted"
        case publishUpdatedBodyHTML = "publish_updated_body_html"
        case visibilityConfig = "visibility_config"
        case isPublished = "is_published"
        case tagIDs = "tag_ids"
    }
}
