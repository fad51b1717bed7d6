/// A knowledge-base collection. Named `PylonCollection` so it never shadows Swift's
/// `Collection` protocol in files that import this module.
public struct PylonCollection: Sendable, Codable, Hashable {
    public var id: String?
    public var title: String?
    public var slug: String?
    public var description: String?
    public var icon: String?
    public var parentCollectionID: String?
    public var visibilityConfig: VisibilityConfig?
    public var createdAt: String?

    public init(
        id: String? = nil, title: String? = nil, slug: String? = nil, description: String? = nil,
        icon: String? = nil, parentCollectionID: String? = nil, visibilityConfig: VisibilityConfig? = nil,
        createdAt: String? = nil
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.description = description
        self.icon = icon
        self.parentCollectionID = parentCollectionID
        self.visibilityConfig = visibilityConfig
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, slug, description, icon
        case parentCollectionID = "parent_collection_id"
        case visibilityConfig = "visibility_config"
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        title = c.lenientText(.title)
        slug = c.lenientText(.slug)
        description = c.lenientText(.description)
        icon = c.lenientText(.icon)
        // `""` is a top-level collection (a Go encoder's unset string), never a parent id.
        parentCollectionID = c.lenientID(.parentCollectionID)
        visibilityConfig = c.lenientObject(.visibilityConfig)
        createdAt = c.lenientTimestamp(.createdAt)
    }
}
