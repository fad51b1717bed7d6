/// Everything one `apply` would do, as data. Printed as text, Markdown or JSON; saved with
/// `plan --out` and applied exactly by `apply plan.json`. A saved plan records a fingerprint of
/// every remote object it covers, so applying it after the knowledge base moved is refused.
///
/// The JSON form is versioned by `formatVersion` (documented in docs/plan-format.md); a reader
/// refuses versions it does not know.
public struct Plan: Sendable, Codable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var knowledgeBase: PlanTarget
    /// Collections to create, parents first.
    public var collections: [CollectionStep]
    /// Images to upload, one per distinct content.
    public var images: [ImageStep]
    /// Article creates, updates, replaces and removals, in apply order.
    public var articles: [ArticleStep]
    /// Route redirects to create.
    public var redirects: [RedirectStep]
    /// Things a reviewer should know that change nothing by themselves.
    public var warnings: [PlanNote]
    /// Things that stop `apply` (drift under `on_drift: fail`, too many removals, …).
    public var blockers: [PlanNote]
    public var estimate: PlanEstimate
    /// The translation languages read from the knowledge base; applying a saved plan reads
    /// the same ones, so the fingerprints compare like with like.
    public var languages: [String] = []
    /// Existing collections changed in place (newer surface: the collection PATCH).
    public var collectionUpdates: [CollectionUpdateStep] = []
    /// Existing collections whose state record gains the folder they come from, so a later slug
    /// change is recognised; no request is sent for them.
    public var collectionAdoptions: [CollectionAdoption] = []
    /// The author used for articles that name none: the token's user (`GET /me`), when
    /// `author` is not configured.
    public var defaultAuthor: PlanAuthor?

    public init(
        knowledgeBase: PlanTarget, collections: [CollectionStep] = [], images: [ImageStep] = [],
        articles: [ArticleStep] = [], redirects: [RedirectStep] = [], warnings: [PlanNote] = [],
        blockers: [PlanNote] = [], estimate: PlanEstimate = PlanEstimate()
    ) {
        formatVersion = Self.currentFormatVersion
        self.knowledgeBase = knowledgeBase
        self.collections = collections
        self.images = images
        self.articles = articles
        self.redirects = redirects
        self.warnings = warnings
        self.blockers = blockers
        self.estimate = estimate
    }

    /// True when applying would write nothing.
    public var hasChanges: Bool {
        !collections.isEmpty || !collectionUpdates.isEmpty || !images.isEmpty || !articles.isEmpty
            || !redirects.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion, knowledgeBase, collections, images, articles, redirects, warnings, blockers
        case estimate, languages, collectionUpdates, collectionAdoptions, defaultAuthor
    }

    /// Fields added after format 1 first appeared are optional, so an older plan still reads.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        knowledgeBase = try c.decode(PlanTarget.self, forKey: .knowledgeBase)
        collections = try c.decode([CollectionStep].self, forKey: .collections)
        images = try c.decode([ImageStep].self, forKey: .images)
        articles = try c.decode([ArticleStep].self, forKey: .articles)
        redirects = try c.decode([RedirectStep].self, forKey: .redirects)
        warnings = try c.decode([PlanNote].self, forKey: .warnings)
        blockers = try c.decode([PlanNote].self, forKey: .blockers)
        estimate = try c.decode(PlanEstimate.self, forKey: .estimate)
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        collectionUpdates =
            try c.decodeIfPresent([CollectionUpdateStep].self, forKey: .collectionUpdates) ?? []
        collectionAdoptions =
            try c.decodeIfPresent([CollectionAdoption].self, forKey: .collectionAdoptions) ?? []
        defaultAuthor = try c.decodeIfPresent(PlanAuthor.self, forKey: .defaultAuthor)
    }

    public var summary: PlanSummary {
        var summary = PlanSummary()
        summary.collectionsToCreate = collections.count
        summary.collectionsToUpdate = collectionUpdates.count
        summary.imagesToUpload = images.count
        summary.redirectsToCreate = redirects.count
        for step in articles {
            switch step.action {
            case .create: summary.articlesToCreate += 1
            case .update: summary.articlesToUpdate += 1
            case .replace: summary.articlesToReplace += 1
            case .remove: summary.articlesToRemove += 1
            case .unlist: summary.articlesToUnlist += 1
            }
        }
        return summary
    }
}

public struct PlanTarget: Sendable, Codable, Equatable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

public struct PlanSummary: Sendable, Codable, Equatable {
    public var collectionsToCreate = 0
    public var imagesToUpload = 0
    public var articlesToCreate = 0
    public var articlesToUpdate = 0
    public var articlesToReplace = 0
    public var articlesToRemove = 0
    public var articlesToUnlist = 0
    public var redirectsToCreate = 0
    public var collectionsToUpdate = 0

    public init() {}
}

public struct CollectionStep: Sendable, Codable, Equatable {
    /// Slug path, e.g. `guides/integrations`.
    public var slugPath: String
    /// The folder in the content tree.
    public var folder: String
    public var title: String
    public var slug: String
    public var description: String?
    /// The parent's slug path, nil for a top-level collection.
    public var parentSlugPath: String?
    /// `visibility` from `_collection.yml`; nil: not set (Pylon's default, public).
    public var visibility: String?

    public init(
        slugPath: String, folder: String, title: String, slug: String, description: String?,
        parentSlugPath: String?, visibility: String? = nil
    ) {
        self.visibility = visibility
        self.slugPath = slugPath
        self.folder = folder
        self.title = title
        self.slug = slug
        self.description = description
        self.parentSlugPath = parentSlugPath
    }
}

/// An existing collection changed in place with the collection PATCH (newer surface). Only the
/// fields in `changes` are sent; the articles inside are untouched.
public struct CollectionUpdateStep: Sendable, Codable, Equatable {
    public var collectionID: String
    /// The folder in the content tree.
    public var folder: String
    /// Slug path before and after (the same unless the slug changes).
    public var oldSlugPath: String
    public var slugPath: String
    /// Each changed field (`title`, `description`, `slug`, `visibility`) with its value in Pylon
    /// and the value the content asks for.
    public var changes: [CollectionFieldChange]
    /// Whether the server is not yet known to have the collection PATCH: apply asks once and
    /// remembers the answer; without it nothing is changed and a warning says so.
    public var probesCapability: Bool
    /// The collection as the content describes it, recorded in the state after the update.
    public var title: String
    public var description: String?
    public var visibility: String?

    public init(
        collectionID: String, folder: String, oldSlugPath: String, slugPath: String,
        changes: [CollectionFieldChange], probesCapability: Bool, title: String, description: String?,
        visibility: String?
    ) {
        self.collectionID = collectionID
        self.folder = folder
        self.oldSlugPath = oldSlugPath
        self.slugPath = slugPath
        self.changes = changes
        self.probesCapability = probesCapability
        self.title = title
        self.description = description
        self.visibility = visibility
    }
}

public struct CollectionFieldChange: Sendable, Codable, Equatable {
    public enum Field: String, Sendable, Codable, Equatable {
        case title, description, slug, visibility
    }

    public var field: Field
    /// The value in Pylon; nil when it has none.
    public var old: String?
    /// The value to set; nil clears it (only a description can be cleared).
    public var new: String?

    public init(field: Field, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// An existing collection whose state record lacks its folder (an older state file).
public struct CollectionAdoption: Sendable, Codable, Equatable {
    public var slugPath: String
    public var folder: String
    public var collectionID: String
    public var title: String

    public init(slugPath: String, folder: String, collectionID: String, title: String) {
        self.slugPath = slugPath
        self.folder = folder
        self.collectionID = collectionID
        self.title = title
    }
}

/// Who new articles are credited to when the content names no author.
public struct PlanAuthor: Sendable, Codable, Equatable {
    public var userID: String
    public var name: String?
    public var email: String?
    /// Where it came from: `token_user` (the user `GET /me` names).
    public var source: String

    public init(userID: String, name: String?, email: String?, source: String = "token_user") {
        self.userID = userID
        self.name = name
        self.email = email
        self.source = source
    }

    /// "Ada Lovelace <ada@example.com>", or whatever of that is known.
    public var display: String {
        switch (name, email) {
        case (let name?, let email?): "\(name) <\(email)>"
        case (let name?, nil): name
        case (nil, let email?): email
        case (nil, nil): userID
        }
    }
}

public struct ImageStep: Sendable, Codable, Equatable {
    /// Hex SHA-256 of the bytes: the identity of an image.
    public var sha256: String
    /// The first content path that shows it.
    public var path: String
    public var byteCount: Int
    public var mediaType: String

    public init(sha256: String, path: String, byteCount: Int, mediaType: String) {
        self.sha256 = sha256
        self.path = path
        self.byteCount = byteCount
        self.mediaType = mediaType
    }
}

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

public struct RedirectStep: Sendable, Codable, Equatable {
    /// Root-relative path, e.g. `/articles/7918427120-old-slug`.
    public var fromPath: String
    /// The source file of the article it leads to (created or existing in this run).
    public var targetSource: String
    /// The target's id when it exists already; nil when this run creates it.
    public var targetID: String?
    public var reason: String

    public init(fromPath: String, targetSource: String, targetID: String? = nil, reason: String) {
        self.fromPath = fromPath
        self.targetSource = targetSource
        self.targetID = targetID
        self.reason = reason
    }
}

public struct PlanNote: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        case collectionTitleDrift = "collection_title_drift"
        case articleDrift = "article_drift"
        case ambiguousRename = "ambiguous_rename"
        case apiLimitation = "api_limitation"
        case orphan
        case protected
        case tooManyRemovals = "too_many_removals"
        case staleRedirects = "stale_redirects"
        case state
        /// A newer API capability that is unknown (apply asks once) or missing (a fallback).
        case capability
    }

    public var kind: Kind
    /// The file or object it is about.
    public var subject: String
    public var message: String

    public init(kind: Kind, subject: String, message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }
}

public struct PlanEstimate: Sendable, Codable, Equatable {
    /// Requests per endpoint (PylonEndpoint raw values).
    public var requests: [String: Int]
    /// The least time Pylon's documented rate limits allow for these requests.
    public var minimumSeconds: Double

    public init(requests: [String: Int] = [:], minimumSeconds: Double = 0) {
        self.requests = requests
        self.minimumSeconds = minimumSeconds
    }

    public var totalRequests: Int { requests.values.reduce(0, +) }
}
