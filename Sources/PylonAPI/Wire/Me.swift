/// What `GET /me` returns. Pylon's document describes the organization the token belongs to;
/// the live API is described as also naming the user (`data.user`), the natural default author.
/// Both shapes are read: `{id, name}` and `{organization: {id, name}, user: {…}}`.
public struct Me: Sendable, Codable, Hashable {
    /// The organization's id.
    public var id: String?
    /// The organization's name.
    public var name: String?
    /// The token's user, where the server says.
    public var user: User?

    public init(id: String? = nil, name: String? = nil, user: User? = nil) {
        self.id = id
        self.name = name
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case id, name, user, organization
    }

    private struct Organization: Decodable {
        var id: String?
        var name: String?

        enum CodingKeys: String, CodingKey { case id, name }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = c.lenientID(.id)
            name = c.lenientText(.name)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let organization = c.lenient(.organization, as: Organization.self)
        id = c.lenientID(.id) ?? organization?.id
        name = c.lenientText(.name) ?? organization?.name
        // A user without an id (a Go zero struct, or `user: {}`) cannot be an author: none.
        user = c.lenient(.user, as: User.self).flatMap { $0.id == nil ? nil : $0 }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(user, forKey: .user)
    }
}
