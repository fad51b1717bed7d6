/// The body of `POST /knowledge-bases/{id}/collections`. The parent is final; the rest can be
/// changed only where the server has the newer collection PATCH.
public struct CreateCollectionRequest: Sendable, Codable, Hashable {
    public var title: String
    public var slug: String?
    public var description: String?
    public var parentCollectionID: String?
    /// Newer surface only (not in `openapi-kb.json`): send it only to a server known to take it.
    public var visibilityConfig: VisibilityConfig?

    public init(
        title: String, slug: String? = nil, description: String? = nil, parentCollectionID: String? = nil,
        visibilityConfig: VisibilityConfig? = nil
    ) {
        self.visibilityConfig = visibilityConfig
        self.title = title
        self.slug = slug
        self.description = description
        self.parentCollectionID = parentCollectionID
    }

    enum CodingKeys: String, CodingKey {
        case title, slug, description
        case parentCollectionID = "parent_collection_id"
        case visibilityConfig = "visibility_config"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(slug, forKey: .slug)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeID(parentCollectionID, forKey: .parentCollectionID)
        try c.encodeIfPresent(visibilityConfig, forKey: .visibilityConfig)
    }
}
