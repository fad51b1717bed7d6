/// The body of `POST /knowledge-bases/{id}/articles`. Slug and collection are fixed at
/// creation: Pylon's PATCH cannot change them later.
public struct CreateArticleRequest: Sendable, Codable, Hashable {
    public var title: String
    public var bodyHTML: String
    public var authorUserID: String
    public var slug: String?
    public var collectionID: String?
    public var isPublished: Bool?
    public var isUnlisted: Bool?
    public var translations: [ArticleTranslationInput]?
    public var visibilityConfig: VisibilityConfig?

    public init(
        title: String, bodyHTML: String, authorUserID: String, slug: String? = nil,
        collectionID: String? = nil, isPublished: Bool? = nil, isUnlisted: Bool? = nil,
        translations: [ArticleTranslationInput]? = nil, visibilityConfig: VisibilityConfig? = nil
    ) {
        self.title = title
        self.bodyHTML = bodyHTML
        self.authorUserID = authorUserID
        self.slug = slug
        self.collectionID = collectionID
        self.isPublished = isPublished
        self.isUnlisted = isUnlisted
        self.translations = translations
        self.visibilityConfig = visibilityConfig
    }

    enum CodingKeys: String, CodingKey {
        case title, slug, translations
        case bodyHTML = "body_html"
        case authorUserID = "author_user_id"
        case collectionID = "collection_id"
        case isPublished = "is_published"
        case isUnlisted = "is_unlisted"
        case visibilityConfig = "visibility_config"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(bodyHTML, forKey: .bodyHTML)
        try c.encode(authorUserID, forKey: .authorUserID)
        try c.encodeIfPresent(slug, forKey: .slug)
        try c.encodeID(collectionID, forKey: .collectionID)
        try c.encodeIfPresent(isPublished, forKey: .isPublished)
        try c.encodeIfPresent(isUnlisted, forKey: .isUnlisted)
        try c.encodeIfPresent(translations, forKey: .translations)
        try c.encodeIfPresent(visibilityConfig, forKey: .visibilityConfig)
    }
}
