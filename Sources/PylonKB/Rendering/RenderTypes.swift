/// What the renderer needs to turn one article's Markdown into Pylon HTML.
public struct RenderInput: Sendable, Equatable {
    /// Markdown after the front matter.
    public var markdown: String
    /// The article's path relative to the content root (for resolving relative links and images).
    public var path: String
    /// Lines before the body in the file (front matter), so reported lines match the file.
    public var lineOffset: Int
    /// The article title; a leading `# heading` equal to it is not repeated in the body.
    public var title: String?
    /// When the body is not the file's lines one for one (a dialect's include was expanded),
    /// the file line of each body line (index 0 is body line 1). See `fileLine(_:)`.
    public var sourceLines: [Int]?

    public init(
        markdown: String, path: String, lineOffset: Int = 0, title: String? = nil, sourceLines: [Int]? = nil
    ) {
        self.markdown = markdown
        self.path = path
        self.lineOffset = lineOffset
        self.title = title
        self.sourceLines = sourceLines
    }

    /// The line of the file that body line `bodyLine` (1-based) came from. Every diagnostic
    /// about the body goes through this, so a line inside an expanded include still points at
    /// the page's include statement.
    public func fileLine(_ bodyLine: Int) -> Int {
        guard let sourceLines, !sourceLines.isEmpty else { return lineOffset + bodyLine }
        return sourceLines[min(max(bodyLine, 1), sourceLines.count) - 1]
    }
}

/// How the renderer turns content references into URLs. The caller supplies it: `render`
/// points at preview files, `plan`/`apply` at real Pylon URLs and uploaded attachments.
/// Returning nil keeps the reference unresolved (the renderer leaves a placeholder that is
/// stable, so plans stay deterministic); validation reports missing targets separately.
public struct LinkResolver: Sendable {
    /// The URL of the article at a content path (e.g. `guides/install.md`), without anchor.
    public var articleURL: @Sendable (_ path: String) -> String?
    /// The URL of the image at a content path (e.g. `guides/images/a.png`).
    public var imageURL: @Sendable (_ path: String) -> String?
    /// The folder the articles are read from (`Configuration.pagesFolder`): a link written
    /// from the site root (`/guides/install`) is looked for there first, then from the
    /// content root, as `LinkTargets` describes.
    public var pagesFolder: String
    /// `ContentTree.servedAddresses`: a `/…` link to an address the old site served a page
    /// at (a permalink, a redirect source) leads to that page.
    public var servedAddresses: [String: String]

    public init(
        articleURL: @escaping @Sendable (String) -> String?,
        imageURL: @escaping @Sendable (String) -> String?,
        pagesFolder: String = "", servedAddresses: [String: String] = [:]
    ) {
        self.articleURL = articleURL
        self.imageURL = imageURL
        self.pagesFolder = pagesFolder
        self.servedAddresses = servedAddresses
    }

    /// Leaves every reference as written, relative to the article.
    public static let unresolved = LinkResolver(articleURL: { _ in nil }, imageURL: { _ in nil })
}

/// A link from one article to a local file (another article, possibly with an anchor).
public struct LinkReference: Sendable, Hashable {
    /// As written in the Markdown.
    public var destination: String
    /// Resolved content path, or nil when it leaves the content root.
    public var path: String?
    /// The `#fragment`, if any, without `#`.
    public var anchor: String?
    /// 1-based line in the file.
    public var line: Int

    public init(destination: String, path: String?, anchor: String?, line: Int) {
        self.destination = destination
        self.path = path
        self.anchor = anchor
        self.line = line
    }
}

/// A local image the article shows.
public struct ImageReference: Sendable, Hashable {
    public var source: String
    /// Resolved content path, or nil when it leaves the content root.
    public var path: String?
    public var line: Int

    public init(source: String, path: String?, line: Int) {
        self.source = source
        self.path = path
        self.line = line
    }
}

/// The renderer's result for one article.
public struct RenderedArticle: Sendable, Hashable {
    /// Pylon HTML for `body_html`. Deterministic for the same input and resolver answers.
    public var html: String
    /// The id of every heading in the body, for validating `#anchor` links.
    public var anchors: [String]
    /// Links to local files, in document order.
    public var links: [LinkReference]
    /// Local images, in document order.
    public var images: [ImageReference]
    /// Warnings (and errors) found while rendering: removed raw HTML, dropped syntax, etc.
    public var diagnostics: [Diagnostic]
    /// Headings, every link and image, and unclosed raw HTML, for `check`'s other checks.
    public var facts: ArticleFacts
    /// Every id the HTML carries and how deep its elements nest, when already measured
    /// (`pylon-kb preview` keeps them with a render it reuses); nil makes `check` measure.
    package var measuredIDs: Set<String>?
    package var measuredNestingDepth: Int?

    public init(
        html: String, anchors: [String], links: [LinkReference], images: [ImageReference],
        diagnostics: [Diagnostic], facts: ArticleFacts = ArticleFacts()
    ) {
        self.facts = facts
        self.html = html
        self.anchors = anchors
        self.links = links
        self.images = images
        self.diagnostics = diagnostics
    }
}
