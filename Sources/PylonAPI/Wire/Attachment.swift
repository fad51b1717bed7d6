/// An uploaded file; `url` is the long-lived CDN address to put in `<img src>`.
public struct Attachment: Sendable, Codable, Hashable {
    public var id: String?
    public var name: String?
    public var url: String?
    public var description: String?

    public init(id: String? = nil, name: String? = nil, url: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case id, name, url, description
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        name = c.lenientText(.name)
        url = c.lenientText(.url)
        description = c.lenientText(.description)
    }
}
