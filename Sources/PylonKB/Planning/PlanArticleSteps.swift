// The article steps of a plan: the article as it is in Pylon, as the content wants it, and
// what apply does to get from one to the other.

/// An article as it exists in the knowledge base when the plan was made.
public struct ExistingArticle: Sendable, Codable, Equatable {
    public var id: String
    public var identifier: String?
    public var slug: String
    public var title: String
    public var collectionID: String?
    /// Summarises what the plan saw; `apply plan.json` refuses the plan when it changed.
    public var fingerprint: String

    public init(
        id: String, identifier: String?, slug: String, title: String, collectionID: String?,
        fingerprint: String
    ) {
        self.id = id
        self.identifier = identifier
        self.slug = slug
        self.title = title
        self.collectionID = collectionID
        self.fingerprint = fingerprint
    }

    public var publicPath: String? { identifier.map { "/articles/\($0)-\(slug)" } }
}

/// The article the content describes, ready to send. Links to articles this run creates are
/// `pylon-kb-pending:` placeholders until apply knows their identifiers; image sources are
/// `pylon-kb-image:<sha256>` until uploaded.
public struct DesiredArticle: Sendable, Codable, Equatable {
    public var title: String
    public var bodyHTML: String
    public var published: Bool
    public var unlisted: Bool
    public var visibility: String
    public var aiAgentAccess: String
    public var allowedAgentIDs: [String]
    public var authorUserID: String?
    public var translations: [DesiredTranslation]
    /// `protect: true`: never replaced or removed automatically (remembered in the state).
    public var protect: Bool
    /// A newer unpublished draft of a published article (only `migrate` sets it): apply
    /// publishes `bodyHTML`, then saves this as the draft without publishing it. nil: the
    /// draft is the published body.
    public var draftBodyHTML: String?
    /// Tag values to set (after create or update); nil: tags are not sent (a server without
    /// article tags, or a plan saved before tags).
    public var tags: [String]? = nil

    public init(
        title: String, bodyHTML: String, published: Bool, unlisted: Bool, visibility: String,
        aiAgentAccess: String, allowedAgentIDs: [String], authorUserID: String?,
        translations: [DesiredTranslation], protect: Bool = false
    ) {
        self.protect = protect
        self.title = title
        self.bodyHTML = bodyHTML
        self.published = published
        self.unlisted = unlisted
        self.visibility = visibility
        self.aiAgentAccess = aiAgentAccess
        self.allowedAgentIDs = allowedAgentIDs
        self.authorUserID = authorUserID
        self.translations = translations
    }
}

public struct DesiredTranslation: Sendable, Codable, Equatable {
    public var language: String
    public var path: String
    public var title: String
    public var bodyHTML: String
    /// False when the knowledge base already holds exactly this.
    public var changed: Bool
    /// A newer unpublished draft of this translation, as `DesiredArticle.draftBodyHTML`.
    public var draftBodyHTML: String?

    public init(language: String, path: String, title: String, bodyHTML: String, changed: Bool) {
        self.language = language
        self.path = path
        self.title = title
        self.bodyHTML = bodyHTML
        self.changed = changed
    }
}

public struct ArticleStep: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable, Equatable {
        /// A new article.
        case create
        /// PATCH the existing article (and translations) in place.
        case update
        /// Create a new article, redirect the old path to it, then remove or unlist the old
        /// one: Pylon cannot change an article's slug or collection.
        case replace
        /// Delete an orphan (no source file) in an owned collection.
        case remove
        /// Unlist an orphan.
        case unlist
    }

    public enum OldArticleFate: String, Sendable, Codable, Equatable {
        case delete
        case unlist
        /// Kept as it is (e.g. earlier redirects still lead to it).
        case keep
    }

    public var action: Action
    /// The Markdown file, nil for orphans.
    public var source: String?
    public var slug: String
    public var title: String
    /// Slug path of the collection ("" for the knowledge base's root).
    public var collectionSlugPath: String
    public var existing: ExistingArticle?
    public var desired: DesiredArticle?
    /// Why: the rename evidence for a replace, the policy for a removal.
    public var reason: String?
    /// Content similarity that detected a rename, 0–1.
    public var similarity: Double?
    /// Which fields change: title, body, unlisted, visibility, published, translation:fr …
    public var changes: [String]
    /// The article text before and after, for reviewers.
    public var diff: TextDiff?
    /// The article was edited in Pylon since pylon-kb last wrote it.
    public var drift: Bool
    /// For replaces: what happens to the old article.
    public var oldArticleFate: OldArticleFate?
    /// For replaces: the old article must be deleted before the new one can take its slug
    /// (a move to another collection keeps the slug).
    public var freesSlugFirst: Bool
    /// For a rename: apply first asks the server to change the slug in place (Pylon's OpenAPI
    /// does not allow it, some servers do); if the answer carries the new slug, the article
    /// keeps its identifier and the replace is not needed. Asked once per knowledge base.
    public var probesRenameInPlace: Bool = false
    /// For an update whose changes include `tags`: the values before and after.
    public var tags: TagChange? = nil
    /// For a create or replace: an unrelated article that holds the slug (the state file says
    /// another file published it, and the texts differ), deleted first to free it.
    public var slugHolder: ExistingArticle? = nil

    public init(
        action: Action, source: String?, slug: String, title: String, collectionSlugPath: String,
        existing: ExistingArticle? = nil, desired: DesiredArticle? = nil, reason: String? = nil,
        similarity: Double? = nil, changes: [String] = [], diff: TextDiff? = nil, drift: Bool = false,
        oldArticleFate: OldArticleFate? = nil, freesSlugFirst: Bool = false, probesRenameInPlace: Bool = false
    ) {
        self.probesRenameInPlace = probesRenameInPlace
        self.action = action
        self.source = source
        self.slug = slug
        self.title = title
        self.collectionSlugPath = collectionSlugPath
        self.existing = existing
        self.desired = desired
        self.reason = reason
        self.similarity = similarity
        self.changes = changes
        self.diff = diff
        self.drift = drift
        self.oldArticleFate = oldArticleFate
        self.freesSlugFirst = freesSlugFirst
    }
}
