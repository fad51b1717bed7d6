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

    public init(
        title: String? = nil, bodyHTML: String? = nil, isUnlisted: Bool? = nil, language: String? = nil,
        publishUpdatedBodyHTML: Bool? = nil, visibilityConfig: VisibilityConfig? = nil
    ) {
        self.title = title
        self.bodyHTML = bodyHTML
        self.isUnlisted = isUnlisted
        self.language = language
        self.publishUpdatedBodyHTML = publishUpdatedBodyHTML
        self.visibilityConfig = visibilityConfig
    }

    enum CodingKeys: String, CodingKey {
        case title, language
        case bodyHTML = "body_html"
        case isUnlisted = "is_unlisted"
        case publishUpdatedBodyHTML = "publish_updated_body_html"
        case visibilityConfig = "visibility_config"
    }
}
