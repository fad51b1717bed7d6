/// One article: a Markdown file in the content tree, with its translations.
public struct Article: Sendable, Hashable {
    /// Path relative to the content root, e.g. `getting-started/install.md`.
    public var path: String
    /// The folder of the collection it belongs to ("" for an article outside any collection).
    public var collectionPath: String
    public var slug: String
    public var title: String
    public var published: Bool
    public var unlisted: Bool
    public var visibility: ArticleVisibility
    public var aiAgentAccess: AIAgentAccess
    public var allowedAgentIDs: [String]
    /// From the front matter, else `author` in `pylon-kb.yml`.
    public var author: String?
    public var previousSlugs: [String]
    public var redirectFrom: [String]
    public var protect: Bool
    /// The Markdown after the front matter.
    public var markdown: String
    /// Lines before the body (front matter), so body line N is file line N + bodyLineOffset.
    public var bodyLineOffset: Int
    /// The front matter as written.
    public var frontMatter: FrontMatter
    /// Translations, sorted by language.
    public var translations: [Translation]
    /// Pylon tag values (`tags` in the front matter). Tags belong to the article, so its
    /// translations have the same ones.
    public var tags: [String] = []
    /// Set when the body is not the file's lines one for one (see `RenderInput.sourceLines`).
    public var sourceLines: [Int]? = nil
    /// Where the source put the page among its siblings (`weight`, `sidebar_position`,
    /// `nav_order`). The preview orders its navigation by it; Pylon's API has no position
    /// field, so the knowledge base orders articles its own way (docs/adopting.md).
    public var orderHint: Double? = nil

    public init(
        path: String, collectionPath: String, slug: String, title: String, published: Bool,
        unlisted: Bool, visibility: ArticleVisibility, aiAgentAccess: AIAgentAccess,
        allowedAgentIDs: [String], author: String?, previousSlugs: [String], redirectFrom: [String],
        protect: Bool, markdown: String, bodyLineOffset: Int, frontMatter: FrontMatter,
        translations: [Translation]
    ) {
        self.path = path
        self.collectionPath = collectionPath
        self.slug = slug
        self.title = title
        self.published = published
        self.unlisted = unlisted
        self.visibility = visibility
        self.aiAgentAccess = aiAgentAccess
        self.allowedAgentIDs = allowedAgentIDs
        self.author = author
        self.previousSlugs = previousSlugs
        self.redirectFrom = redirectFrom
        self.protect = protect
        self.markdown = markdown
        self.bodyLineOffset = bodyLineOffset
        self.frontMatter = frontMatter
        self.translations = translations
    }

    /// What the renderer needs for this article's body.
    public var renderInput: RenderInput {
        RenderInput(
            markdown: markdown, path: path, lineOffset: bodyLineOffset, title: title, sourceLines: sourceLines
        )
    }
}
