import Foundation

/// The one entry point `check` and `render` share: load a content folder, render every page
/// and validate it.
public enum ContentCheck {
    public struct Result: Sendable {
        public var tree: ContentTree
        public var report: ContentChecker.Report

        /// The summary line, e.g. "2 errors, 5 warnings in 14 articles and 1 translation".
        public var summary: String {
            DiagnosticFormatter.summary(
                errors: report.errorCount, warnings: report.warningCount, articles: tree.articles.count,
                translations: tree.pageCount - tree.articles.count)
        }
    }

    /// Loads and checks the content at `root`. `resolver` gives each page's link resolver
    /// (the preview passes one that points at its own files). `strict` (`check --strict`)
    /// makes every warning an error, as `checks: strict: true` does.
    public static func run(
        root: URL, render: @escaping ContentChecker.RenderFunction,
        resolver: (@Sendable (ContentTree) -> @Sendable (String) -> LinkResolver)? = nil, strict: Bool = false
    ) async throws(ContentLoader.RootError) -> Result {
        try await run(root: root, render: render, resolver: resolver, strict: strict, parseCache: nil)
    }

    /// As above, reusing the pages `parseCache` holds (`pylon-kb preview`).
    static func run(
        root: URL, render: @escaping ContentChecker.RenderFunction,
        resolver: (@Sendable (ContentTree) -> @Sendable (String) -> LinkResolver)?, strict: Bool,
        parseCache: ContentLoader.ParseCache?
    ) async throws(ContentLoader.RootError) -> Result {
        let loaded = try await ContentLoader(root: root, parseCache: parseCache).load()
        var tree = loaded.tree
        if strict { tree.configuration.checks.strict = true }
        let checker = ContentChecker(render: render)
        var pageResolver: @Sendable (String) -> LinkResolver = { _ in .unresolved }
        if let resolver { pageResolver = resolver(tree) }
        let report = await checker.check(tree, loadDiagnostics: loaded.diagnostics, resolver: pageResolver)
        return Result(tree: tree, report: report)
    }
}
