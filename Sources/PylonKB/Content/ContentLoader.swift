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

    public init(root: URL) {
        self.root = root.standardizedFileURL
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

        let markdownFiles = listing.files.filter { $0.hasSuffix(".md") && Self.isContent($0) }.sorted()
        let parsed = await parseConcurrently(markdownFiles)
        for file in parsed { diagnostics += file.diagnostics }

        var articles = buildArticles(parsed, configuration: configuration, diagnostics: &diagnostics)
        articles.sort { $0.path < $1.path }
        checkDuplicateSlugs(articles, diagnostics: &diagnostics)
        let collections = buildCollections(
            articles: articles, files: listing.files, diagnostics: &diagnostics)
        let tree = ContentTree(
            configuration: configuration, collections: collections, articles: articles, files: listing.files,
            root: root)
        return Result(tree: tree, diagnostics: diagnostics)
    }

    /// False for paths with a component starting with `_` or `.`.
    public static func isContent(_ path: String) -> Bool {
        !path.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
    }
}
