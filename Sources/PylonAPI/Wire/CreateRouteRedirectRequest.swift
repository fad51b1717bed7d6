/// The body of `POST /knowledge-bases/{id}/route-redirects`. Redirects cannot be listed or
/// deleted afterwards: the caller must remember what it created.
public struct CreateRouteRedirectRequest: Sendable, Codable, Hashable {
    /// A root-relative path such as `/articles/7918427120-old-slug`.
    public var fromPath: String
    public var objectID: String
    /// `article` or `collection`.
    public var objectType: String
    public var language: String?

    public init(fromPath: String, objectID: String, objectType: String = "article", language: String? = nil) {
        self.fromPath = fromPath
        self.objectID = objectID
        self.objectType = objectType
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case language
        case fromPath = "from_path"
        case objectID = "object_id"
        case objectType = "object_type"
    }
}
