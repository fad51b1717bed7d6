import Foundation

/// Renders every article and translation of a content tree concurrently and validates what
/// the Markdown refers to: links to other articles and their `#anchors`, and local images.
/// Used by `check` (which discards the HTML) and `render` (which writes it).
public struct ContentChecker: Sendable {
    /// Renders one page; `Renderer.render` in production, a stub in tests.
    public typealias RenderFunction = @Sendable (RenderInput, LinkResolver) -> RenderedArticle

    public var render: RenderFunction

    public init(render: @escaping RenderFunction) {
        self.render = render
    }

    /// One article file or translation file, as rendered.
    public struct Page: Sendable {
        public var path: String
        public var article: Article
        /// Nil for the article itself.
        public var translation: Translation?
        public var rendered: RenderedArticle

        public var title: String { translation?.title ?? article.title }
    }

    public struct Report: Sendable {
        /// Sorted; includes the loader's diagnostics passed in.
        public var diagnostics: [Diagnostic]
        /// Sorted by path.
        public var pages: [Page]

        public var errorCount: Int { diagnostics.count { $0.severity == .error } }
        public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    }

    /// Renders and validates `tree`. `resolver` gives the link resolver for the page at a path
    /// (the preview needs page-relative URLs); `loadDiagnostics` are merged into the report.
    public func check(
        _ tree: ContentTree, loadDiagnostics: [Diagnostic] = [],
        resolver: @escaping @Sendable (_ pagePath: String) -> LinkResolver = { _ in .unresolved }
    ) async -> Report {
        let work: [(Article, Translation?)] = tree.articles.flatMap { article in
            [(article, nil)] + article.translations.map { (article, $0) }
        }
        let pages = await renderAll(work, resolver: resolver)
        var diagnostics = loadDiagnostics
        // Heading ids plus every id the HTML really carries (`<a name>` in raw HTML, footnotes).
        let anchorsByPath = Dictionary(
            uniqueKeysWithValues: pages.map {
                (
                    $0.path,
                    Set($0.rendered.anchors).union(
                        $0.rendered.measuredIDs ?? HTMLAnchors.ids(in: $0.rendered.html))
                )
            })
        let collectionPaths = Set(tree.collections.map(\.path))
        for page in pages {
            diagnostics += page.rendered.diagnostics
            let depth = page.rendered.measuredNestingDepth ?? HTMLNestingDepth.of(page.rendered.html)
            if depth > HTMLNestingDepth.maximum {
                diagnostics.append(
                    .error(
                        page.path, line: nil,
                        "The text nests quotes, lists or HTML elements \(depth) levels deep; at most \(HTMLNestingDepth.maximum) are supported, so flatten it."
                    ))
            }
            if page.rendered.html.allSatisfy(\.isWhitespace) {
                // Pylon requires `body_html`; an empty one is refused or shows a blank page.
                diagnostics.append(
                    .warning(
                        page.path, line: nil,
                        "The article has no text after its front matter (or only comments), so it would publish as a blank page; Pylon requires a body. Write its text, or delete the file."
                    ))
            }
            diagnostics += validateReferences(
                of: page, tree: tree, anchorsByPath: anchorsByPath, collectionPaths: collectionPaths)
        }
        // The checks `checks:` in pylon-kb.yml configures (docs/checks.md).
        diagnostics += ConfigurableChecks.diagnostics(pages: pages, tree: tree)
        let settings = tree.configuration.checks
        return Report(
            diagnostics: Array(Set(settings.applyingStrictness(to: diagnostics))).sorted(), pages: pages)
    }

    private func renderAll(
        _ work: [(Article, Translation?)], resolver: @escaping @Sendable (String) -> LinkResolver
    )
        async -> [Page]
    {
        let render = self.render
        // Chunks keep task overhead small for 10,000 pages while still using every core for
        // the parts of rendering that run outside cmark's lock.
        let chunkSize = max(16, work.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        return await withTaskGroup(of: [Page].self) { group in
            for start in stride(from: 0, to: work.count, by: chunkSize) {
                let chunk = Array(work[start..<min(start + chunkSize, work.count)])
                group.addTask {
                    chunk.map { article, translation in
                        let input = translation?.renderInput ?? article.renderInput
                        let rendered = render(input, resolver(input.path))
                        return Page(
                            path: input.path, article: article, translation: translation, rendered: rendered)
                    }
                }
            }
            var pages: [Page] = []
            for await chunk in group { pages += chunk }
            return pages.sorted { $0.path < $1.path }
        }
    }

    /// What a link's resolved content path names.
    public typealias LinkTarget = LinkTargets.Target

    /// Resolves a link path the way a reader means it (see `LinkTargets`): `install.md`,
    /// `install` or `install/` (a permalink), `guides/` (a collection) or another file.
    public static func linkTarget(
        _ path: String, rootRelative: Bool = false, pagesFolder: String = "",
        pagePaths: some Collection<String>, collectionPaths: Set<String>, files: Set<String>,
        addresses: [String: String] = [:]
    ) -> LinkTarget? {
        LinkTargets.target(
            path, rootRelative: rootRelative, pagesFolder: pagesFolder, pagePaths: pagePaths,
            collectionPaths: collectionPaths, files: files, addresses: addresses)
    }

    /// For a `/…` link, says that the pages folder was searched too.
    static func pagesFolderNote(_ link: LinkReference, _ pagesFolder: String) -> String {
        guard !pagesFolder.isEmpty, LinkTargets.isRootRelative(link.destination) else { return "" }
        return " (looked in \(pagesFolder)/ and the content root)"
    }

    /// What is wrong with a link to `#anchor` on a page with these ids, or nil when it works.
    /// Browsers match fragments exactly (case included), so a case-only difference is an
    /// error too, with the id to write.
    static func anchorProblem(_ anchor: String, in anchors: Set<String>, samePage: Bool, target: String)
        -> String?
    {
        let decoded = anchor.removingPercentEncoding ?? anchor
        if anchors.contains(anchor) || anchors.contains(decoded) { return nil }
        let place = samePage ? "on this page" : "in \(target)"
        if let match = anchors.sorted().first(where: { $0.lowercased() == decoded.lowercased() }) {
            return
                "#\(anchor), which is not a heading or id \(place): ids are case-sensitive; did you mean `#\(match)`?"
        }
        let known = anchors.sorted().prefix(8).map { "#\($0)" }.joined(separator: ", ")
        let more = anchors.count > 8 ? ", …" : ""
        let hint = anchors.isEmpty ? "it has no headings or ids" : "its headings and ids are \(known)\(more)"
        return "#\(anchor), which is not a heading or id \(place); \(hint)."
    }

    private func validateReferences(
        of page: Page, tree: ContentTree, anchorsByPath: [String: Set<String>], collectionPaths: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for link in page.rendered.links {
            guard let path = link.path else {
                diagnostics.append(
                    .error(
                        page.path, line: link.line,
                        "The link `\(link.destination)` points outside the content root; link only to files inside it."
                    ))
                continue
            }
            switch Self.linkTarget(
                path, rootRelative: LinkTargets.isRootRelative(link.destination),
                pagesFolder: tree.configuration.pagesFolder, pagePaths: anchorsByPath.keys,
                collectionPaths: collectionPaths, files: tree.files, addresses: tree.servedAddresses)
            {
            case nil:
                diagnostics.append(
                    .error(
                        page.path, line: link.line,
                        "The link `\(link.destination)` points to \(path), which does not exist\(Self.pagesFolderNote(link, tree.configuration.pagesFolder)); fix the path or add the article."
                    ))
            case .page(let target):
                guard let anchor = link.anchor, !anchor.isEmpty else { continue }
                let anchors = anchorsByPath[target] ?? []
                if let problem = Self.anchorProblem(
                    anchor, in: anchors, samePage: target == page.path, target: target)
                {
                    diagnostics.append(
                        .error(
                            page.path, line: link.line, "The link `\(link.destination)` points to \(problem)")
                    )
                }
            case .collection(let folder):
                diagnostics.append(
                    .warning(
                        page.path, line: link.line,
                        "The link `\(link.destination)` points to the folder \(folder.isEmpty ? "(the content root)" : folder), a collection; Pylon's API gives collections no address, so the link is published as written and will not work there. Link to an article in it instead."
                    ))
            case .file(let target):
                diagnostics.append(
                    .warning(
                        page.path, line: link.line,
                        "The link `\(link.destination)` points to \(target), which is not an article; Pylon only hosts articles and images, so this link will not work there."
                    ))
            }
        }
        for image in page.rendered.images {
            guard let path = image.path else {
                diagnostics.append(
                    .error(
                        page.path, line: image.line,
                        "The image `\(image.source)` is outside the content root; move it into the content folder."
                    ))
                continue
            }
            if !tree.files.contains(path) {
                diagnostics.append(
                    .error(
                        page.path, line: image.line,
                        "The image `\(image.source)` does not exist (looked for \(path) in the content root)."
                    ))
            }
        }
        return diagnostics
    }
}
