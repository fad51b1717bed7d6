import Foundation

/// Knowledge bases and users the emulator creates at start when they are not there yet.
/// Codable with Pylon-style snake_case keys, so a seed file can be JSON (`load(contentsOf:)`) or
/// YAML decoded by the caller with any `Decoder`:
///
/// ```json
/// {"organization_name": "Acme",
///  "knowledge_bases": [{"id": "…", "title": "Help", "slug": "help",
///                       "supported_languages": ["en", "de"], "default_language": "en"}],
///  "users": [{"email": "writer@example.com", "name": "Writer"}]}
/// ```
public struct EmulatorSeed: Sendable, Codable, Equatable {
    public struct KnowledgeBase: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var slug: String
        public var supportedLanguages: [String]
        public var defaultLanguage: String

        public init(
            id: String, title: String, slug: String, supportedLanguages: [String] = ["en"],
            defaultLanguage: String = "en"
        ) {
            self.id = id
            self.title = title
            self.slug = slug
            self.supportedLanguages = supportedLanguages
            self.defaultLanguage = defaultLanguage
        }

        enum CodingKeys: String, CodingKey {
            case id, title, slug
            case supportedLanguages = "supported_languages"
            case defaultLanguage = "default_language"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decode(String.self, forKey: .title)
            slug = try container.decode(String.self, forKey: .slug)
            supportedLanguages =
                try container.decodeIfPresent([String].self, forKey: .supportedLanguages) ?? ["en"]
            defaultLanguage =
                try container.decodeIfPresent(String.self, forKey: .defaultLanguage)
                ?? supportedLanguages.first ?? "en"
        }
    }

    public struct User: Sendable, Codable, Equatable {
        /// nil lets the emulator derive a stable UUID from the email.
        public var id: String?
        public var email: String
        public var name: String

        public init(id: String? = nil, email: String, name: String) {
            self.id = id
            self.email = email
            self.name = name
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            email = try container.decode(String.self, forKey: .email)
            name = try container.decodeIfPresent(String.self, forKey: .name) ?? email
        }
    }

    public var organizationName: String
    public var knowledgeBases: [KnowledgeBase]
    public var users: [User]

    public init(organizationName: String = "Local Pylon", knowledgeBases: [KnowledgeBase], users: [User]) {
        self.organizationName = organizationName
        self.knowledgeBases = knowledgeBases
        self.users = users
    }

    enum CodingKeys: String, CodingKey {
        case organizationName = "organization_name"
        case knowledgeBases = "knowledge_bases"
        case users
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizationName =
            try container.decodeIfPresent(String.self, forKey: .organizationName) ?? "Local Pylon"
        knowledgeBases = try container.decodeIfPresent([KnowledgeBase].self, forKey: .knowledgeBases) ?? []
        users = try container.decodeIfPresent([User].self, forKey: .users) ?? []
    }

    /// The id of the standard seed's knowledge base.
    public static let standardKnowledgeBaseID = "9f1c2d3e-0000-4000-8000-000000000001"
    /// The id of the standard seed's user.
    public static let standardUserID = "9f1c2d3e-0000-4000-8000-0000000000a1"

    /// One knowledge base (`help`, English and German) and one author.
    public static let standard = EmulatorSeed(
        knowledgeBases: [
            KnowledgeBase(
                id: standardKnowledgeBaseID, title: "Help Center", slug: "help",
                supportedLanguages: ["en", "de"], defaultLanguage: "en")
        ],
        users: [User(id: standardUserID, email: "author@example.com", name: "Local Author")]
    )

    /// Reads a JSON seed file.
    public static func load(contentsOf url: URL) throws -> EmulatorSeed {
        try decode(json: try Data(contentsOf: url), source: url.path)
    }

    /// Decodes JSON seed text, e.g. given inline on a command line; `source` names it in errors.
    public static func decode(json: Data, source: String = "the --seed value") throws -> EmulatorSeed {
        do {
            return try JSONDecoder().decode(EmulatorSeed.self, from: json)
        } catch {
            throw EmulatorError.invalidSeed(path: source, reason: "\(error)")
        }
    }
}
