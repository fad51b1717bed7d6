/// A route redirect: requests for `fromPath` on the KB's custom domain go to an object.
public struct RouteRedirect: Sendable, Codable, Hashable {
    public var id: String?
    public var fromPath: String?
    public var objectID: String?
    public var objectType: String?
    public var language: String?
    public var createdAt: String?

    public init(
        id: String? = nil, fromPath: String? = nil, objectID: String? = nil, objectType: String? = nil,
        language: String? = nil, createdAt: String? = nil
    ) {
        self.id = id
        self.fromPath = fromPath
        self.objectID = objectID
        self.objectType = objectType
        self.language = language
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, language
        case fromPath = "from_path"
        case objectID = "object_id"
        case objectType = "object_type"
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        fromPath = c.lenientText(.fromPath)
        objectID = c.lenientID(.objectID)
        objectType = c.lenientText(.objectType)
        language = c.lenientText(.language)
        createdAt = c.lenientTimestamp(.createdAt)
    }
}
