/// Everything the planner reads. Gathering it (loading content, reading the knowledge base,
/// hashing images, resolving authors) happens before planning, so planning itself is pure.
public struct PlanningInput: Sendable {
    public var content: ContentTree
    public var snapshot: RemoteSnapshot
    public var state: DeploymentState?
    /// Local images by content path.
    public var images: [String: LocalImage]
    /// Pylon user id for each author as written (email or id), already validated.
    public var authorUserIDs: [String: String]
    public var options: PlanOptions
    /// Bodies given as HTML, by article or translation path; the planner uses them instead of
    /// rendering that path's Markdown (see `PrerenderedBody`). Empty for a content folder.
    public var prerendered: [String: PrerenderedBody] = [:]
    /// Pages the content check rendered with placeholders for links and images
    /// (`PlaceholderRendering`), by path; the planner fills in the URLs instead of rendering
    /// them again. Empty: every page is rendered.
    public var checkRenders: [String: RenderedArticle] = [:]
    /// The author of articles that name none when `author` is not configured: the token's user
    /// (`GET /me`, newer surface). nil: such articles have no author (apply's error).
    public var defaultAuthor: PlanAuthor?

    public init(
        content: ContentTree, snapshot: RemoteSnapshot, state: DeploymentState?,
        images: [String: LocalImage] = [:], authorUserIDs: [String: String] = [:],
        options: PlanOptions = PlanOptions()
    ) {
        self.content = content
        self.snapshot = snapshot
        self.state = state
        self.images = images
        self.authorUserIDs = authorUserIDs
        self.options = options
    }
}

public struct LocalImage: Sendable, Hashable {
    public var sha256: String
    public var byteCount: Int
    public var mediaType: String

    public init(sha256: String, byteCount: Int, mediaType: String) {
        self.sha256 = sha256
        self.byteCount = byteCount
        self.mediaType = mediaType
    }
}

/// Policies and limits; nil fields fall back to `pylon-kb.yml`.
public struct PlanOptions: Sendable, Hashable {
    public var onRemove: Configuration.RemovePolicy?
    public var onRename: Configuration.RenamePolicy?
    public var onDrift: Configuration.DriftPolicy?
    public var renameSimilarityThreshold: Double?
    /// `policies.redirect_merged_pages`: redirect a removed article to the page its text went into.
    public var redirectMergedPages: Bool?
    /// Refuse to remove or unlist more articles than this in one run.
    public var maxRemovals: Int?
    public var renderOptions: RenderOptions

    public init(
        onRemove: Configuration.RemovePolicy? = nil, onRename: Configuration.RenamePolicy? = nil,
        onDrift: Configuration.DriftPolicy? = nil, renameSimilarityThreshold: Double? = nil,
        maxRemovals: Int? = nil, renderOptions: RenderOptions = RenderOptions(),
        redirectMergedPages: Bool? = nil
    ) {
        self.redirectMergedPages = redirectMergedPages
        self.onRemove = onRemove
        self.onRename = onRename
        self.onDrift = onDrift
        self.renameSimilarityThreshold = renameSimilarityThreshold
        self.maxRemovals = maxRemovals
        self.renderOptions = renderOptions
    }
}
