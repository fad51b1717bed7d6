/// A Pylon tag (`openapi-tags.json`). Articles carry tags by id; pylon-kb's front matter names
/// them by `value`, so a tag is looked up by value and created when missing.
public struct Tag: Sendable, Codable, Hashable {
    public var id: String?
    public var value: String?
    /// `account`, `article`, `issue` or `contact`; kept as a string so new kinds round-trip.
    public var objectType: String?
    public var hexColor: String?

    public init(id: String? = nil, value: String? = nil, objectType: String? = nil, hexColor: String? = nil) {
        self.id = id
        self.value = value
        self.objectType = objectType
        self.hexColor = hexColor
    }

    enum CodingKeys: String, CodingKey {
        case id, value
        case objectType = "object_type"
        case hexColor = "hex_color"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        value = c.lenientText(.value)
        objectType = c.lenientText(.objectType)
        hexColor = c.lenientText(.hexColor)
    }
}

/// The body of `POST /tags`.
public struct CreateTagRequest: Sendable, Codable, Hashable {
    public var value: String
    public var objectType: String
    public var hexColor: String?

    public init(value: String, objectType: String = "article", hexColor: String? = nil) {
        self.value = value
        self.objectType = objectType
        self.hexColor = hexColor
    }

    enum CodingKeys: String, CodingKey {
        case value
        case objectType = "object_type"
        case hexColor = "hex_color"
    }
}
