/// A Pylon user; an article's `author_user_id` must be one of these ids.
public struct User: Sendable, Codable, Hashable {
    public var id: String?
    public var name: String?
    public var email: String?
    public var emails: [String]?
    public var avatarURL: String?
    public var roleID: String?
    public var status: String?

    public init(
        id: String? = nil, name: String? = nil, email: String? = nil, emails: [String]? = nil,
        avatarURL: String? = nil, roleID: String? = nil, status: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.emails = emails
        self.avatarURL = avatarURL
        self.roleID = roleID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, name, email, emails, status
        case avatarURL = "avatar_url"
        case roleID = "role_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        name = c.lenientText(.name)
        email = c.lenientText(.email)
        emails = c.lenientStrings(.emails)
        avatarURL = c.lenientText(.avatarURL)
        roleID = c.lenientID(.roleID)
        status = c.lenientText(.status)
    }
}
