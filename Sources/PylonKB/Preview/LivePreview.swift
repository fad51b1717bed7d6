import Foundation
import PylonAPI
import PylonPreview

/// The site `pylon-kb preview` serves: the same pages as `render`, kept in memory and rebuilt
/// when a file of the content folder changes, with every diagnostic of the last build.
///
/// A rebuild loads and checks the folder as `check` does, but renders only the pages whose text
/// changed since the last build (`PageCache`) when nothing else did; pages are assembled when
/// a browser asks for them, so an edit costs one render and a load, not a whole site. The HTTP
/// side (`PreviewServer` in the command library) asks `response(for:)` and streams `updates()`.
public actor LivePreview {
    /// What the pages show of the last build, sent to every open page (server-sent events).
    public struct Status: Sendable, Codable, Equatable {
        /// A diagnostic as the pages' script reads it (JSON).
        public struct Entry: Sendable, Codable, Equatable {
            public var file: String
            public var line: Int?
            public var severity: String
            public var message: String

            init(_ diagnostic: Diagnostic) {
                (file, line, severity, message) = (
                    diagnostic.path, diagnostic.line, diagnostic.severity.rawValue, diagnostic.message
                )
            }

            /// The diagnostic again, for the terminal (`DiagnosticFormatter`).
            public var diagnostic: Diagnostic {
                Diagnostic(
                    Diagnostic.Severity(rawValue: severity) ?? .warning, path: file, line: line, message)
            }
        }

        /// The summary line of the build, as `check` prints it.
        public var summary: String {
            if let failure { return "the folder cannot be read: \(failure)" }
            return DiagnosticFormatter.summary(
                errors: errors, warnings: warnings, articles: articles, translations: translations)
        }

        /// Increases with every build; a page built earlier reloads.
        public var version: Int
        public var errors: Int
        public var warnings: Int
        public var articles = 0
        public var translations = 0
        public var diagnostics: [Entry]
        /// What the build changed, for the terminal: the files, or "" for the first build.
        public var changedFiles: [String]
        public var milliseconds: Int
        /// The folder could not be read at all (no pylon-kb.yml, unreadable): said in place of pages.
        public var failure: String?
    }

    public struct Response: Sendable {
        public var body: Data
        public var contentType: String
        public var status: Int = 200
    }

    public let root: URL
    /// Renders of unchanged pages, reused while nothing but pages' text changed.
    private let cache = PageCache<RenderInput, RenderedArticle>()
    private let parseCache = ContentLoader.ParseCache()
    private var stamps = FolderStamps()
    private var tree: ContentTree?
    private var pagesByFile: [String: ContentChecker.Page] = [:]
    private var template: PreviewTemplate?
    private var navigation: [String: String] = [:]
    private var searchIndex: Data?
    private var status = Status(
        version: 0, errors: 0, warnings: 0, diagnostics: [], changedFiles: [], milliseconds: 0)
    private var subscribers: [UUID: AsyncStream<Status>.Continuation] = [:]

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var current: Status { status }

    /// How long the last look for changes took (the command looks less often when it is long).
    public private(set) var lastLook = Duration.zero

    /// Builds the whole site (the first time, or to be sure).
    @discardableResult
    public func build() async -> Status {
        let now = FolderStamps.scan(root)
        return await build(stamps: now, changed: [], keepRenders: false)
    }

    /// Looks at the folder and rebuilds when a file changed; nil when none did.
    @discardableResult public func refreshIfChanged() async -> Status? {
        let started = ContinuousClock.now
        let now = FolderStamps.scan(root)
        lastLook = ContinuousClock.now - started
        let changed = now.changes(since: stamps)
        guard !changed.isEmpty else { return nil }
        return await build(stamps: now, changed: changed, keepRenders: now.onlyPagesEdited(since: stamps))
    }

    private func build(stamps now: FolderStamps, changed: [String], keepRenders: Bool) async -> Status {
        let started = ContinuousClock.now
        if !keepRenders {
            cache.removeAll()
            parseCache.removeAll()
        }
        let renderer = Renderer()
        let cache = self.cache
        var next = Status(
            version: status.version + 1, errors: 0, warnings: 0, diagnostics: [], changedFiles: changed,
            milliseconds: 0)
        searchIndex = nil
        do {
            let result = try await ContentCheck.run(
                root: root,
                render: { input, resolver in
                    cache.value(for: input.path, input: input) {
                        var rendered = renderer.render(input, resolver: resolver)
                        // Measured once per render, not on every build that reuses it.
                        rendered.measuredIDs = HTMLAnchors.ids(in: rendered.html)
                        rendered.measuredNestingDepth = HTMLNestingDepth.of(rendered.html)
                        return (rendered, keep: true)
                    }
                },
                resolver: { tree in PreviewSiteWriter.resolvers(for: tree) }, strict: false,
                parseCache: parseCache)
            tree = result.tree
            pagesByFile = Dictionary(
                result.report.pages.map { (PreviewSiteWriter.pagePath(for: $0.path), $0) },
                uniquingKeysWith: { first, _ in first })
            template = PreviewTemplate(tree: result.tree, pages: result.report.pages)
            navigation = [:]
            next.errors = result.report.errorCount
            next.warnings = result.report.warningCount
            next.articles = result.tree.articles.count
            next.translations = result.tree.pageCount - result.tree.articles.count
            next.diagnostics = result.report.diagnostics.map(Status.Entry.init)
        } catch {
            next.failure = error.description
            tree = nil
            template = nil
            pagesByFile = [:]
        }
        cache.keepOnlyUsed()
        parseCache.keepOnlyUsed()
        stamps = now
        next.milliseconds = Int((ContinuousClock.now - started).inSeconds * 1000)
        status = next
        for continuation in subscribers.values { continuation.yield(next) }
        return next
    }

    /// Every status from now on, starting with the current one.
    public func updates() -> AsyncStream<Status> {
        let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        subscribers[id] = continuation
        continuation.yield(status)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Ends every stream (the server is stopping).
    public func finishUpdates() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    /// What to answer for a path of the site (`/`, `/guides/install.html`, an image, an asset);
    /// nil for a path the site does not have.
    public func response(for requestPath: String) -> Response? {
        var path = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        path = path.removingPercentEncoding ?? path
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty { path = "index.html" }
        switch path {
        case PreviewTemplate.stylesheetPath:
            return Response(body: Data(PreviewAssets.stylesheet.utf8), contentType: "text/css; charset=utf-8")
        case PreviewTemplate.scriptPath:
            return Response(
                body: Data(PreviewAssets.script.utf8), contentType: "text/javascript; charset=utf-8")
        case LivePreviewScript.path:
            return Response(
                body: Data(LivePreviewScript.source.utf8), contentType: "text/javascript; charset=utf-8")
        case PreviewTemplate.searchIndexPath:
            // Built once per build: 50 ms for 1,000 articles, and every open page may ask.
            let script =
                searchIndex
                ?? {
                    let made = Data(PreviewSearchEntry.scriptFile(template?.searchEntries() ?? []).utf8)
                    searchIndex = made
                    return made
                }()
            return Response(body: script, contentType: "text/javascript; charset=utf-8")
        case LivePreviewScript.statusPath:
            return Response(
                body: (try? JSONEncoder().encode(status)) ?? Data(), contentType: "application/json")
        default:
            break
        }
        guard let template else { return page(LivePreviewScript.failurePage(status), status: 503) }
        if path == "index.html" { return page(template.indexPage()) }
        if let found = pagesByFile[path] {
            let collection = found.article.collectionPath
            let navigation =
                self.navigation[collection]
                ?? {
                    let html = template.navigation(forCollection: collection)
                    self.navigation[collection] = html
                    return html
                }()
            return page(template.articlePage(found, navigation: navigation))
        }
        // Images and other files the pages show: only files of the content folder, never a
        // path that leaves it, never hidden ones (the state file), never the sources (Markdown,
        // pylon-kb.yml, _collection.yml): the preview shows the site, not the repository.
        let sourceSuffixes = [".md", ".markdown", ".yml", ".yaml"]
        guard let tree, ContentPath.resolve(path, fromFile: "") == path, tree.files.contains(path),
            !sourceSuffixes.contains(where: { path.lowercased().hasSuffix($0) }),
            !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
            let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        else { return page(LivePreviewScript.notFoundPage(path), status: 404) }
        return Response(body: data, contentType: ImageCatalog.mediaType(of: path))
    }

    /// A page with the live script, which reloads it after the next build and shows the
    /// diagnostics over it.
    private func page(_ html: String, status code: Int = 200) -> Response {
        // A script file, not inline code: the pages' Content-Security-Policy allows only the
        // site's own scripts, and the live script must not be the exception.
        let script =
            "<script src=\"/\(LivePreviewScript.path)\" data-version=\"\(status.version)\"></script>\n"
        var text = html
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script, at: end.lowerBound)
        } else {
            text += script
        }
        return Response(body: Data(text.utf8), contentType: "text/html; charset=utf-8", status: code)
    }
}
