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
    /// The article's tag ids (newer surface). nil when the server sent no tag field at all,
    /// which is how a server without article tags is recognised; `[]` when it has none.
    public var tagIDs: [String]?

    public init(
        id: String? = nil, identifier: String? = nil, slug: String? = nil, title: String? = nil,
        collectionID: String? = nil, authorUserID: String? = nil, currentDraftContentHTML: String? = nil,
        currentPublishedContentHTML: String? = nil, isPublished: Bool? = nil, isUnlisted: Bool? = nil,
        url: String? = nil, visibilityConfig: VisibilityConfig? = nil, createdAt: String? = nil,
        updatedAt: String? = nil, lastPublishedAt: String? = nil, tagIDs: [String]? = nil
    ) {
        self.tagIDs = tagIDs
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
        case tagIDs = "tag_ids"
        case tags
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        identifier = c.lenientIdentifier(.identifier)
        slug = c.lenientText(.slug)
        title = c.lenientText(.title)
        collectionID = c.lenientID(.collectionID)
        authorUserID = c.lenientID(.authorUserID)
        currentDraftContentHTML = c.lenientHTML(.currentDraftContentHTML)
        isPublished = c.lenientBool(.isPublished)
        isUnlisted = c.lenientBool(.isUnlisted)
        // A Go encoder writes a never-published article's published body as `""`: that is "no
        // published body", unless the article says it is published (then it is an empty one).
        let published = c.lenientHTML(.currentPublishedContentHTML)
        currentPublishedContentHTML = published == "" && isPublished != true ? nil : published
        url = c.lenientText(.url)
        visibilityConfig = c.lenientObject(.visibilityConfig)
        createdAt = c.lenientTimestamp(.createdAt)
        updatedAt = c.lenientTimestamp(.updatedAt)
        lastPublishedAt = c.lenientTimestamp(.lastPublishedAt)
        // `tag_ids: ["…"]`, or `tags: [{id, value}]` / `tags: ["…"]`; `null` counts as present
        // (a Go encoder's empty slice), absent as "this server has no article tags".
        if c.contains(.tagIDs) {
            tagIDs = c.lenientStrings(.tagIDs) ?? []
        } else if c.contains(.tags) {
            let objects = c.lenientArray(.tags, as: Tag.self)?.compactMap(\.id) ?? []
            tagIDs = objects.isEmpty ? (c.lenientStrings(.tags) ?? []) : objects
        } else {
            tagIDs = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(identifier, forKey: .identifier)
        try c.encodeIfPresent(slug, forKey: .slug)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(collectionID, forKey: .collectionID)
        try c.encodeIfPresent(authorUserID, forKey: .authorUserID)
        try c.encodeIfPresent(currentDraftContentHTML, forKey: .currentDraftContentHTML)
        try c.encodeIfPresent(currentPublishedContentHTML, forKey: .currentPublishedContentHTML)
        try c.encodeIfPresent(isPublished, forKey: .isPublished)
        try c.encodeIfPresent(isUnlisted, forKey: .isUnlisted)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeIfPresent(visibilityConfig, forKey: .visibilityConfig)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(lastPublishedAt, forKey: .lastPublishedAt)
        try c.encodeIfPresent(tagIDs, forKey: .tagIDs)
    }
}
