/// A knowledge-base article as Pylon returns it. Every field is optional: the OpenAPI document
/// marks none required, and a listing must survive one odd article.
public struct Article: Sendable, Codable, Hashable {
    public var id: String?
    /// The number in the article's public URL (`/articles/<identifier>-<slug>`). Pylon sends it
    /// as a JSON string or a number; it is always normalised to a string of digits.
    public var identifier: String?
    public var slug: String?
    public var title: String?
    public var collectionID: String?
    public var authorUserID: String?
    public var currentDraftContentHTML: String?
    public var currentPublishedContentHTML: String?
    public var isPublished: Bool?
    public var isUnlisted: Bool?
    public var url: String?
    public var visibilityConfig: VisibilityConfig?
    public var createdAt: String?
    public var updatedAt: String?
    public var lastPublishedAt: String?

    public init(
        id: String? = nil, identifier: String? = nil, slug: String? = nil, title: String? = nil,
        collectionID: String? = nil, authorUserID: String? = nil, currentDraftContentHTML: String? = nil,
        currentPublishedContentHTML: String? = nil, isPublished: Bool? = nil, isUnlisted: Bool? = nil,
        url: String? = nil, visibilityConfig: VisibilityConfig? = nil, createdAt: String? = nil,
        updatedAt: String? = nil, lastPublishedAt: String? = nil
    ) {
        self.id = id
        self.identifier = identifier
        self.slug = slug
        self.title = title
        self.collectionID = collectionID
        self.authorUserID = authorUserID
        self.currentDraftContentHTML = currentDraftContentHTML
        self.currentPublishedContentHTML = currentPublishedContentHTML
        self.isPublished = isPublished
        self.isUnlisted = isUnlisted
        self.url = url
        self.visibilityConfig = visibilityConfig
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastPublishedAt = lastPublishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, identifier, slug, title, url
        case collectionID = "collection_id"
        case authorUserID = "author_user_id"
        case currentDraftContentHTML = "current_draft_content_html"
        case currentPublishedContentHTML = "current_published_content_html"
        case isPublished = "is_published"
        case isUnlisted = "is_unlisted"
        case visibilityConfig = "visibility_config"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastPublishedAt = "last_published_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientString(.id)
        identifier = c.lenientString(.identifier)
        slug = c.lenient(.slug)
        title = c.lenient(.title)
        collectionID = c.lenientString(.collectionID)
        authorUserID = c.lenientString(.authorUserID)
        currentDraftContentHTML = c.lenient(.currentDraftContentHTML)
        currentPublishedContentHTML = c.lenient(.currentPublishedContentHTML)
        isPublished = c.lenientBool(.isPublished)
        isUnlisted = c.lenientBool(.isUnlisted)
        url = c.lenient(.url)
        visibilityConfig = c.lenient(.visibilityConfig)
        createdAt = c.lenient(.createdAt)
        updatedAt = c.lenient(.updatedAt)
        lastPublishedAt = c.lenient(.lastPublishedAt)
    }
}
