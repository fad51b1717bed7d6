/// The body of `PATCH /knowledge-bases/{id}/collections/{collection_id}`, part of the newer
/// surface (not in `openapi-kb.json`): only the fields sent change, and there is no parent
/// (a collection still cannot move). Detect it before relying on it.
public struct UpdateCollectionRequest: Sendable, Codable, Hashable {
    public var title: String?
    public var description: String?
    public var slug: String?
    public var visibilityConfig: VisibilityConfig?

    public init(
        title: String? = nil, description: String? = nil, slug: String? = nil,
        visibilityConfig: VisibilityConfig? = nil
    ) {
        self.title = title
        self.description = description
        self.slug = slug
        self.visibilityConfig = visibilityConfig
    }

    /// True when nothing would change.
    public var isEmpty: Bool { title == nil && description == nil && slug == nil && visibilityConfig == nil }

    enum CodingKeys: String, CodingKey {
        case title, description, slug
        case visibilityConfig = "visibility_config"
    }
}
