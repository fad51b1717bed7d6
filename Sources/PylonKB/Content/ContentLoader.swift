import Foundation

/// Loads a content folder into a `ContentTree`, collecting every problem it finds as a
/// diagnostic instead of stopping at the first one.
///
/// Rules (see docs/content-layout.md): every folder that holds articles is a collection;
/// `*.md` files are articles and `name.<lang>.md` is a translation of `name.md`; names
/// starting with `_` or `.` are not content (Jekyll's `_includes/`, `_defaults.md`, `.git`),
/// except `_collection.yml`, which describes its folder.
public struct ContentLoader: Sendable {
    public var root: URL
    /// Pages parsed by an earlier load (`pylon-kb preview`); nil parses every page.
    var parseCache: ParseCache?

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    init(root: URL, parseCache: ParseCache?) {
        self.init(root: root)
        self.parseCache = parseCache
    }

    public struct Result: Sendable {
        public var tree: ContentTree
        public var diagnostics: [Diagnostic]
    }

    /// Thrown only when the root itself cannot be read; everything else is a diagnostic.
    public struct RootError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public func load() async throws(RootError) -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw RootError(
                description:
                    "\(root.path) is not a folder. Pass the folder that holds pylon-kb.yml and your articles."
            )
        }
        var diagnostics: [Diagnostic] = []
        let listing = listFiles(diagnostics: &diagnostics)

        var configuration = Configuration()
        if listing.files.contains(Configuration.fileName) {
            if let text = readText(Configuration.fileName, diagnostics: &diagnostics) {
                configuration = Configuration.parse(text, diagnostics: &diagnostics)
            }
        }

        if !configuration.pagesFolder.isEmpty, !Self.isFolder(root, configuration.pagesFolder) {
            diagnostics.append(
                .error(
                    Configuration.fileName, line: nil,
                    "`pages` is \"\(configuration.pagesFolder)\", which is not a folder in \(root.path); set it to the folder that holds the Markdown pages."
                ))
        }
        let markdownFiles = listing.files.filter { Self.isPage($0, configuration: configuration) }.sorted()
        let parsed = await parseConcurrently(
            markdownFiles, configuration: configuration, files: listing.files)
        var tallies: [Tally] = []
        for file in parsed {
            diagnostics += file.diagnostics
            tallies += file.tallies
            tallies += unknownKeyTallies(file)
        }

        var sections = SectionPages(parsed, configuration: configuration)
        if configuration.dialect == .docusaurus {
            sections.readCategories(files: listing.files, read: { readIncluded($0) })
        }
        if configuration.dialect == .mkdocs {
            sections.navigationTitles = MkDocsNavigation.titles(
                configuration: configuration, files: listing.files, read: { readIncluded($0) })
        }
        var articles = buildArticles(
            sections.articleFiles, configuration: configuration, sections: sections, tallies: &tallies,
            diagnostics: &diagnostics)
        articles.sort { $0.path < $1.path }
        if configuration.dialect != nil { Self.disambiguateDerivedSlugs(&articles, tallies: &tallies) }
        var redirects = SiteRedirects(articles: articles, stubs: sections.stubs, configuration: configuration)
        redirects.readMaps(root: root, files: listing.files, read: { readIncluded($0) })
        redirects.apply(to: &articles, diagnostics: &diagnostics, tallies: &tallies)
        checkDuplicateSlugs(articles, diagnostics: &diagnostics)
        var collections = buildCollections(
            articles: articles, files: listing.files, pagesFolder: configuration.pagesFolder,
            diagnostics: &diagnostics)
        sections.describe(&collections)
        diagnostics += Tally.summarise(tallies)
        let tree = ContentTree(
            configuration: configuration, collections: collections, articles: articles, files: listing.files,
            root: root)
        return Result(tree: tree, diagnostics: diagnostics)
    }

    /// Whether `path` is a page to publish: Markdown (MDX in a Docusaurus folder) inside the
    /// pages folder, with no `_`/`.` component below it, except a Hugo section's `_index.md`.
    static func isPage(_ path: String, configuration: Configuration) -> Bool {
        let pages = configuration.pagesFolder
        guard pages.isEmpty || path.hasPrefix(pages + "/") else { return false }
        let inside = pages.isEmpty ? path : String(path.dropFirst(pages.count + 1))
        let isMarkdown =
            path.hasSuffix(".md") || (configuration.dialect == .docusaurus && path.hasSuffix(".mdx"))
        guard isMarkdown else { return false }
        if configuration.dialect == .hugo, (inside as NSString).lastPathComponent == "_index.md" {
            return isContent(ContentPath.directory(of: inside))
        }
        return isContent(inside)
    }

    static func isFolder(_ root: URL, _ folder: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: root.appendingPathComponent(folder).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// One finding per unknown front matter key; the loader folds them into one line per key.
    func unknownKeyTallies(_ file: ParsedFile) -> [Tally] {
        file.frontMatter.unknownKeys.map { key in
            Tally(
                key: "front matter key `\(key)`",
                message:
                    "Front matter key `\(key)` is not read by pylon-kb and is ignored (docs/front-matter.md lists the keys it reads; docs/adopting.md those of each dialect).",
                path: file.path, line: file.frontMatter.keyLines[key])
        }
    }

    /// False for paths with a component starting with `_` or `.`.
    public static func isContent(_ path: String) -> Bool {
        !path.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
    }
}
