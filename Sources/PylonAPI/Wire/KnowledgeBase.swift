/// A knowledge base (help center), as `GET /knowledge-bases` returns it.
public struct KnowledgeBase: Sendable, Codable, Hashable {
    public var id: String?
    public var title: String?
    public var slug: String?
    public var defaultLanguage: String?
    public var supportedLanguages: [String]?

    public init(
        id: String? = nil, title: String? = nil, slug: String? = nil, defaultLanguage: String? = nil,
        supportedLanguages: [String]? = nil
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.defaultLanguage = defaultLanguage
        self.supportedLanguages = supportedLanguages
    }

    enum CodingKeys: String, CodingKey {
        case id, title, slug
        case defaultLanguage = "default_language"
        case supportedLanguages = "supported_languages"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientID(.id)
        title = c.lenientText(.title)
        slug = c.lenientText(.slug)
        defaultLanguage = c.lenientText(.defaultLanguage)
        supportedLanguages = c.lenientStrings(.supportedLanguages)
    }
}
