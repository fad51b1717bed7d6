/// The body of `POST /knowledge-bases/{id}/collections`. Collections cannot be updated, so
/// everything here is final.
public struct CreateCollectionRequest: Sendable, Codable, Hashable {
    public var title: String
    public var slug: String?
    public var description: String?
    public var parentCollectionID: String?

    public init(
        title: String, slug: String? = nil, description: String? = nil, parentCollectionID: String? = nil
    ) {
        self.title = title
        self.slug = slug
        self.description = description
        self.parentCollectionID = parentCollectionID
    }

    enum CodingKeys: String, CodingKey {
        case title, slug, description
        case parentCollectionID = "parent_collection_id"
    }
}
