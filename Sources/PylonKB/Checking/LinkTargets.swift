/// Where a local link leads, decided in one place for `check`, the renderer's hrefs and the
/// preview, so a link the check accepts is a link that works on the published page.
///
/// Docs sites link the way their generator serves pages, not the way files are named:
/// `../install/`, `./install`, `/guides/install` (Docusaurus, MkDocs, Hugo, Jekyll
/// permalinks), `install.html`, or a folder whose page is `index.md`, `_index.md` (Hugo) or
/// `README.md` (GitHub). A link is tried as written, then as each of those files. A link
/// starting with `/` is tried against the pages folder (`pages:`, where the site serves its
/// pages from, also when the link names it by the folder's served name: `/guides/x` for
/// `_guides/x.md`) before the content root, and last against the addresses the old site
/// served pages at (permalinks, redirect sources).
public enum LinkTargets {
    /// What a link's content path names.
    public enum Target: Sendable, Equatable {
        case page(String)
        case collection(String)
        case file(String)
    }

    /// File extensions of articles: Markdown, and MDX for Docusaurus folders.
    static let articleExtensions = [".md", ".mdx", ".markdown"]

    /// Files a folder link shows, in the order generators look for them.
    static let folderPages = ["index.md", "index.mdx", "_index.md", "README.md", "readme.md"]

    /// The content paths a link may name, most likely first. `resolved` is the link's path
    /// resolved from the page (`ContentPath.resolve`); `rootRelative` is true when the link was
    /// written with a leading `/`.
    public static func bases(_ resolved: String, rootRelative: Bool, pagesFolder: String) -> [String] {
        guard rootRelative, !pagesFolder.isEmpty else { return [resolved] }
        var bases = [resolved.isEmpty ? pagesFolder : "\(pagesFolder)/\(resolved)"]
        // The pages folder is often served under its own name: Docusaurus serves `docs/` at
        // `/docs/`, Jekyll a collection `_guides/` at `/guides/` (`/:collection/:path/`).
        let served = pagesFolder.split(separator: "/").last.map { $0.drop { $0 == "_" } } ?? ""
        if !served.isEmpty, resolved == served || resolved.hasPrefix("\(served)/") {
            bases.append(pagesFolder + resolved.dropFirst(served.count))
        }
        bases.append(resolved)
        return bases
    }

    /// The article files a content path may stand for: itself, then with an article
    /// extension (or in place of `.html`), then a folder's page.
    public static func pageCandidates(_ base: String) -> [String] {
        let lowered = base.lowercased()
        if articleExtensions.contains(where: { lowered.hasSuffix($0) }) { return [base] }
        var stem = base
        if lowered.hasSuffix(".html") {
            stem = String(base.dropLast(5))
        } else if lowered.hasSuffix(".htm") {
            stem = String(base.dropLast(4))
        }
        var candidates = base.isEmpty ? [] : [base]
        if !stem.isEmpty { candidates += articleExtensions.map { stem + $0 } }
        candidates += folderPages.map { stem.isEmpty ? $0 : "\(stem)/\($0)" }
        return candidates
    }

    /// Every path the renderer offers `LinkResolver.articleURL`, in order; last, for a `/…`
    /// link, the article the old site served at that address (`ContentTree.servedAddresses`).
    public static func candidates(
        _ resolved: String, rootRelative: Bool, pagesFolder: String, addresses: [String: String] = [:]
    ) -> [String] {
        bases(resolved, rootRelative: rootRelative, pagesFolder: pagesFolder).flatMap(pageCandidates)
            + (rootRelative ? served(resolved, addresses).map { [$0] } ?? [] : [])
    }

    static func served(_ resolved: String, _ addresses: [String: String]) -> String? {
        addresses.isEmpty ? nil : addresses[SiteRedirects.normalise(resolved)]
    }

    /// What the link names: an article or translation file, else a folder (a collection),
    /// else another file; nil when nothing exists there.
    public static func target(
        _ resolved: String, rootRelative: Bool = false, pagesFolder: String = "",
        pagePaths: some Collection<String>, collectionPaths: Set<String>, files: Set<String>,
        addresses: [String: String] = [:]
    ) -> Target? {
        let bases = bases(resolved, rootRelative: rootRelative, pagesFolder: pagesFolder)
        for base in bases {
            for candidate in pageCandidates(base) where pagePaths.contains(candidate) {
                return .page(candidate)
            }
        }
        if rootRelative, let page = served(resolved, addresses), pagePaths.contains(page) {
            return .page(page)
        }
        for base in bases where base.isEmpty || collectionPaths.contains(base) {
            return .collection(base)
        }
        // A section page with no text of its own (`guides/_index.md`, as Hugo's `ref` names
        // a section) is no article: the link names its collection.
        for base in bases where folderPages.contains(String(base.split(separator: "/").last ?? "")) {
            let folder = ContentPath.directory(of: base)
            if !folder.isEmpty, collectionPaths.contains(folder) { return .collection(folder) }
        }
        for base in bases where files.contains(base) { return .file(base) }
        return nil
    }

    /// True when a link as written starts at the root (`/guides/install`).
    static func isRootRelative(_ destination: String) -> Bool {
        destination.first(where: { !$0.isWhitespace }) == "/"
    }
}
