/// What the knowledge base holds, read once at the start of `plan` (one paginated listing per
/// language mirrors a knowledge base: Pylon returns both HTML bodies of every article).
/// Independent of the API's wire types so planning is pure and testable without a server.
public struct RemoteSnapshot: Sendable, Codable, Equatable {
    public var knowledgeBase: RemoteKnowledgeBase
    public var collections: [RemoteCollection]
    public var articles: [RemoteArticle]
    /// The organization's tags, read only when tags matter to this run (some content has tags,
    /// or some article in Pylon carries one); nil when not read. See `SnapshotReader+Tags`.
    public var tags: [RemoteTag]? = nil

    public init(
        knowledgeBase: RemoteKnowledgeBase, collections: [RemoteCollection], articles: [RemoteArticle]
    ) {
        self.knowledgeBase = knowledgeBase
        self.collections = collections
        self.articles = articles
    }
}

public struct RemoteKnowledgeBase: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var slug: String?
    public var defaultLanguage: String
    public var supportedLanguages: [String]
    /// Public address of the help center, when known (for printing live URLs).
    public var siteURL: String?

    public init(
        id: String, title: String, slug: String? = nil, defaultLanguage: String = "en",
        supportedLanguages: [String] = ["en"], siteURL: String? = nil
    ) {
        self.id = id
        self.title = title
        self.slug = slug
        self.defaultLanguage = defaultLanguage
        self.supportedLanguages = supportedLanguages
        self.siteURL = siteURL
    }
}

public struct RemoteCollection: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var slug: String
    public var description: String?
    public var parentID: String?
    /// `visibility_config.visibility` when the server reports it (newer surface); nil otherwise.
    public var visibility: String?

    public init(
        id: String, title: String, slug: String, description: String? = nil, parentID: String? = nil,
        visibility: String? = nil
    ) {
        self.visibility = visibility
        self.id = id
        self.title = title
        self.slug = slug
        self.description = description
        self.parentID = parentID
    }
}

public struct RemoteArticle: Sendable, Codable, Equatable {
    public var id: String
    public var identifier: String?
    public var slug: String
    public var title: String
    public var collectionID: String?
    public var isPublished: Bool
    public var isUnlisted: Bool
    public var visibility: String?
    public var aiAgentAccess: String?
    public var allowedAgentIDs: [String]
    public var draftHTML: String?
    public var publishedHTML: String?
    public var url: String?
    /// Other languages, by code.
    public var translations: [String: RemoteTranslation]
    /// The article's tag ids; nil when the server sent no tag field (a server without
    /// article tags), `[]` when it has none.
    public var tagIDs: [String]? = nil

    public init(
        id: String, identifier: String?, slug: String, title: String, collectionID: String?,
        isPublished: Bool, isUnlisted: Bool = false, visibility: String? = "public",
        aiAgentAccess: String? = "inherit", allowedAgentIDs: [String] = [], draftHTML: String?,
        publishedHTML: String?, url: String? = nil, translations: [String: RemoteTranslation] = [:]
    ) {
        self.id = id
        self.identifier = identifier
        self.slug = slug
        self.title = title
        self.collectionID = collectionID
        self.isPublished = isPublished
        self.isUnlisted = isUnlisted
        self.visibility = visibility
        self.aiAgentAccess = aiAgentAccess
        self.allowedAgentIDs = allowedAgentIDs
        self.draftHTML = draftHTML
        self.publishedHTML = publishedHTML
        self.url = url
        self.translations = translations
    }

    /// The body readers see: the published one when published, else the draft.
    public var liveHTML: String { (isPublished ? publishedHTML : draftHTML) ?? draftHTML ?? "" }

    /// Its public path, `/articles/<identifier>-<slug>`, used for links and redirects.
    public var publicPath: String? { identifier.map { "/articles/\($0)-\(slug)" } }
}

public struct RemoteTranslation: Sendable, Codable, Equatable {
    public var title: String
    public var draftHTML: String?
    public var publishedHTML: String?

    public init(title: String, draftHTML: String?, publishedHTML: String?) {
        self.title = title
        self.draftHTML = draftHTML
        self.publishedHTML = publishedHTML
    }

    public var liveHTML: String { publishedHTML ?? draftHTML ?? "" }

    /// Pylon answers a listing in a language an article has no translation for with the
    /// article itself, so a "translation" identical to the original in title and both bodies
    /// is that fallback, not a translation (export and migrate copy only real ones).
    func isReal(of article: RemoteArticle) -> Bool {
        title != article.title || publishedHTML != article.publishedHTML || draftHTML != article.draftHTML
    }
}
