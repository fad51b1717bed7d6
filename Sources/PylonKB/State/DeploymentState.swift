/// What pylon-kb remembers between runs, in `.pylon-kb/state.json` next to `pylon-kb.yml`.
///
/// The API cannot list route redirects and cannot tell which article a file used to be, so
/// the state file records what this tool created. It is meant to be committed: CI applies on
/// merge and commits the updated file back, so every run starts from what the last one did.
/// Everything still works without it (matching falls back to slugs), with less rename and
/// drift detection. It never holds the API token.
public struct DeploymentState: Sendable, Codable, Equatable {
    /// 2 added what the server stored after each write (`stored_body_hashes`, `stored_titles`),
    /// applied tags, collection folders and the server's detected capabilities. A version-1
    /// file reads as version 2 with those unknown (the next apply fills them in).
    public static let currentVersion = 2

    public var version: Int
    public var knowledgeBaseID: String
    /// Collections this tool created or adopted, by slug path (`guides/advanced`).
    public var collections: [String: CollectionRecord]
    /// Articles, by source path relative to the content root (`guides/install.md`).
    public var articles: [String: ArticleRecord]
    /// Route redirects this tool created; the API cannot list them.
    public var redirects: [RedirectRecord]
    /// Uploaded images, by SHA-256 of their bytes (hex).
    public var images: [String: ImageRecord]
    /// Redirects promised but not yet created: apply records one before it deletes an old
    /// article to free its slug, so a run killed in between still creates it next time.
    public var pendingRedirects: [PendingRedirect]
    /// Old articles a rename kept unlisted (`on_rename: unlist`, or because earlier redirects
    /// lead to them). They are not orphans: nothing removes them later.
    public var retiredArticleIDs: [String]
    /// Whether this server was seen to change an article's slug through PATCH (Pylon's
    /// OpenAPI does not list `slug` there). nil until a rename tried once.
    public var serverRenamesInPlace: Bool?
    /// What this server was seen to support of the newer API surface (detected, never assumed).
    public var capabilities: ServerCapabilities?

    public init(knowledgeBaseID: String) {
        version = Self.currentVersion
        self.knowledgeBaseID = knowledgeBaseID
        collections = [:]
        articles = [:]
        redirects = []
        images = [:]
        pendingRedirects = []
        retiredArticleIDs = []
    }

    public struct PendingRedirect: Sendable, Codable, Hashable {
        public var fromPath: String
        /// The source file of the article it must lead to.
        public var targetSource: String

        public init(fromPath: String, targetSource: String) {
            self.fromPath = fromPath
            self.targetSource = targetSource
        }

        enum CodingKeys: String, CodingKey {
            case fromPath = "from_path"
            case targetSource = "target_source"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        knowledgeBaseID = try container.decode(String.self, forKey: .knowledgeBaseID)
        collections =
            try container.decodeIfPresent([String: CollectionRecord].self, forKey: .collections) ?? [:]
        articles = try container.decodeIfPresent([String: ArticleRecord].self, forKey: .articles) ?? [:]
        redirects = try container.decodeIfPresent([RedirectRecord].self, forKey: .redirects) ?? []
        images = try container.decodeIfPresent([String: ImageRecord].self, forKey: .images) ?? [:]
        pendingRedirects =
            try container.decodeIfPresent([PendingRedirect].self, forKey: .pendingRedirects) ?? []
        retiredArticleIDs = try container.decodeIfPresent([String].self, forKey: .retiredArticleIDs) ?? []
        serverRenamesInPlace = try container.decodeIfPresent(Bool.self, forKey: .serverRenamesInPlace)
        capabilities = try container.decodeIfPresent(ServerCapabilities.self, forKey: .capabilities)
        // Older files are read as the current version: every field added since is optional.
        version = max(version, Self.currentVersion)
    }

    /// Each capability of the contract's "Newer surface": nil until tried or seen, then whether
    /// this server has it. Remembered so a missing capability is probed once, not every run.
    public struct ServerCapabilities: Sendable, Codable, Equatable {
        /// `PATCH …/collections/{id}`.
        public var collectionUpdates: Bool?
        /// `is_published: false` on the article PATCH.
        public var articleUnpublish: Bool?
        /// Article tags (`tag_ids`).
        public var articleTags: Bool?
        /// `POST …/articles/{id}/request-review`.
        public var reviewRequests: Bool?

        public init(
            collectionUpdates: Bool? = nil, articleUnpublish: Bool? = nil, articleTags: Bool? = nil,
            reviewRequests: Bool? = nil
        ) {
            self.collectionUpdates = collectionUpdates
            self.articleUnpublish = articleUnpublish
            self.articleTags = articleTags
            self.reviewRequests = reviewRequests
        }

        enum CodingKeys: String, CodingKey {
            case collectionUpdates = "collection_updates"
            case articleUnpublish = "article_unpublish"
            case articleTags = "article_tags"
            case reviewRequests = "review_requests"
        }
    }

    public struct CollectionRecord: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        /// The content folder it was published from (`guides/advanced`), so a slug change in
        /// `_collection.yml` is recognised as the same collection. nil in older files.
        public var folder: String?
        /// The description and visibility last applied, to tell a change here from one in Pylon.
        public var description: String?
        public var visibility: String?

        public init(
            id: String, title: String, folder: String? = nil, description: String? = nil,
            visibility: String? = nil
        ) {
            self.id = id
            self.title = title
            self.folder = folder
            self.description = description
            self.visibility = visibility
        }
    }

    public struct ArticleRecord: Sendable, Codable, Equatable {
        public var id: String
        public var identifier: String?
        public var slug: String
        public var collectionID: String?
        /// SHA-256 of the canonical HTML last applied, per language ("" is the default
        /// language). A remote body that no longer matches it was edited in Pylon: drift.
        public var appliedBodyHashes: [String: String]
        /// The title last applied, per language, for the same purpose.
        public var appliedTitles: [String: String]
        /// Published with `protect: true`: never removed, even after its file is gone.
        public var protect: Bool?
        /// SHA-256 of the canonical HTML of a pending draft apply saved after publishing (only
        /// `migrate` does), per language, so that draft is not mistaken for an edit in Pylon.
        public var appliedDraftHashes: [String: String]?
        /// SHA-256 of the canonical HTML the server *returned* after the last write, per
        /// language: a server that normalises HTML on write stores something other than what was
        /// sent, and only what it stored tells a later edit in Pylon from that normalisation.
        public var storedBodyHashes: [String: String]?
        /// The same for a pending draft saved after publishing (migrate).
        public var storedDraftHashes: [String: String]?
        /// The title the server returned after the last write, per language.
        public var storedTitles: [String: String]?
        /// The tag values last applied (sorted), where the server has article tags.
        public var appliedTags: [String]?
        /// The visibility and `unlisted` last sent, so `pull` can tell a change made in Pylon
        /// from one made in the front matter. nil in files written before they were recorded.
        public var appliedVisibility: String?
        public var appliedUnlisted: Bool?

        public init(
            id: String, identifier: String?, slug: String, collectionID: String?,
            appliedBodyHashes: [String: String] = [:], appliedTitles: [String: String] = [:],
            protect: Bool? = nil
        ) {
            self.id = id
            self.identifier = identifier
            self.slug = slug
            self.collectionID = collectionID
            self.appliedBodyHashes = appliedBodyHashes
            self.appliedTitles = appliedTitles
            self.protect = protect
        }
    }

    public struct RedirectRecord: Sendable, Codable, Hashable {
        public var fromPath: String
        public var objectID: String
        public var objectType: String
        public var language: String?

        public init(fromPath: String, objectID: String, objectType: String, language: String? = nil) {
            self.fromPath = fromPath
            self.objectID = objectID
            self.objectType = objectType
            self.language = language
        }
    }

    public struct ImageRecord: Sendable, Codable, Equatable {
        public var url: String
        /// The content path it was first uploaded from, for people reading the file.
        public var source: String

        public init(url: String, source: String) {
            self.url = url
            self.source = source
        }
    }

    enum CodingKeys: String, CodingKey {
        case version
        case knowledgeBaseID = "knowledge_base_id"
        case collections, articles, redirects, images, capabilities
        case pendingRedirects = "pending_redirects"
        case retiredArticleIDs = "retired_article_ids"
        case serverRenamesInPlace = "server_renames_in_place"
    }
}

extension DeploymentState.ArticleRecord {
    enum CodingKeys: String, CodingKey {
        case id, identifier, slug
        case collectionID = "collection_id"
        case appliedBodyHashes = "applied_body_hashes"
        case appliedTitles = "applied_titles"
        case protect
        case appliedDraftHashes = "applied_draft_hashes"
        case storedBodyHashes = "stored_body_hashes"
        case storedDraftHashes = "stored_draft_hashes"
        case storedTitles = "stored_titles"
        case appliedTags = "applied_tags"
        case appliedVisibility = "applied_visibility"
        case appliedUnlisted = "applied_unlisted"
    }
}

extension DeploymentState.RedirectRecord {
    enum CodingKeys: String, CodingKey {
        case fromPath = "from_path"
        case objectID = "object_id"
        case objectType = "object_type"
        case language
    }
}
