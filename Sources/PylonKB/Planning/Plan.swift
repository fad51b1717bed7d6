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
    /// Likely renames too weak to act on (similarity under the threshold): shown, never applied.
    public var renameHints: [RenameHint] = []

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
        case estimate, languages, collectionUpdates, collectionAdoptions, defaultAuthor, renameHints
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
        renameHints = try c.decodeIfPresent([RenameHint].self, forKey: .renameHints) ?? []
    }

    public var summary: PlanSummary {
        var summary = PlanSummary()
        summary.collectionsToCreate = collections.count
        summary.collectionsToUpdate = collectionUpdates.count
        summary.imagesToUpload = images.count
        summary.redirectsToCreate = redirects.count
        // An article deleted to free a slug is a removal too, unless its own replace deletes it.
        let deletedByReplace = Set(
            articles.filter { $0.action == .replace && $0.oldArticleFate == .delete }.compactMap(
                \.existing?.id))
        summary.articlesToRemove =
            Set(
                articles.compactMap(\.slugHolder?.id).filter { !deletedByReplace.contains($0) }
            ).count
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
