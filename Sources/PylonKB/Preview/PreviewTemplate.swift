import Foundation
import PylonHTML
import PylonPreview

/// The HTML of the preview site's pages, in the help-center frame shared with the emulator
/// (`PreviewPage`, `PreviewAssets`): a home page with a hero search, collection cards and the
/// full listing; article pages with the collection tree, breadcrumbs and the rendered body.
/// The script exists only in the preview; Pylon never receives it.
///
/// The home page lists every article; an article page's sidebar shows the collection tree
/// opened along the page's own collection, so pages stay small for 10,000-article knowledge
/// bases (a full tree on every page would make the site grow with the square of its size).
/// The title search reads one shared index file for the same reason.
struct PreviewTemplate {
    let tree: ContentTree
    let pages: [ContentChecker.Page]
    private let childCollections: [String: [ContentCollection]]
    private let articlesByCollection: [String: [Article]]
    private let collectionsByPath: [String: ContentCollection]

    /// The name the preview shows for the knowledge base (the content has no title of its own).
    static let siteTitle = "Help center"
    /// The folder of the stylesheet, script and search index, relative to the site root.
    static let assetFolder = "_preview/"
    static let stylesheetPath = assetFolder + PreviewAssets.stylesheetName
    static let scriptPath = assetFolder + PreviewAssets.scriptName
    static let searchIndexPath = assetFolder + "search-index.js"

    init(tree: ContentTree, pages: [ContentChecker.Page]) {
        self.tree = tree
        self.pages = pages
        childCollections = Dictionary(grouping: tree.collections) { $0.parentPath ?? "" }
        // The source's order (`weight`, `sidebar_position`, `nav_order`) first, then by path:
        // the preview shows a collection the way the old site's navigation did.
        let ordered = tree.articles.sorted {
            ($0.orderHint ?? .infinity, $0.path) < ($1.orderHint ?? .infinity, $1.path)
        }
        articlesByCollection = Dictionary(grouping: ordered) { $0.collectionPath }
        collectionsByPath = Dictionary(
            tree.collections.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func indexPage() -> String {
        var main = "<div class=\"card-grid\">\n"
        for collection in childCollections[""] ?? [] {
            let count = articleCount(below: collection.path)
            main += "<a class=\"card\" href=\"#collection-\(escape(collection.path))\">"
            main += "<h2>\(escape(collection.title))</h2>"
            if let description = collection.description { main += "<p>\(escape(description))</p>" }
            main += "<span class=\"count\">\(DiagnosticFormatter.plural(count, "article"))</span></a>\n"
        }
        main += "</div>\n<div class=\"listing\">\n"
        main += listing(parent: "", depth: 2)
        if let articles = articlesByCollection[""], !articles.isEmpty {
            main += "<section id=\"more-articles\">\n<h2>More articles</h2>\n"
            main += articleList(articles, fromFile: "index.html")
            main += "</section>\n"
        }
        main += "<p class=\"no-results\" hidden>No article titles match your search.</p>\n</div>\n"
        let lead =
            "\(DiagnosticFormatter.plural(tree.articles.count, "article")) in "
            + "\(DiagnosticFormatter.plural(tree.collections.count, "collection")) · a local preview written by pylon-kb render"
        return frame(fromFile: "index.html").home(
            title: Self.siteTitle, heading: "How can we help?", lead: lead, main: main)
    }

    /// `navigation` is `navigation(forCollection:)` of the page's collection, which the writer
    /// computes once per collection.
    func articlePage(_ page: ContentChecker.Page, navigation: String) -> String {
        let fromFile = PreviewSiteWriter.pagePath(for: page.path)
        let article = page.article
        var main = breadcrumbs(article.collectionPath, fromFile: fromFile)
        main += "<h1 class=\"article-title\">\(escape(page.title))</h1>\n"
        var meta: [String] = []
        if !article.published { meta.append("<span class=\"badge draft\">Draft</span>") }
        if article.unlisted { meta.append("<span class=\"badge\">Unlisted</span>") }
        if article.visibility != .public {
            meta.append("<span class=\"badge\">Visibility: \(escape(article.visibility.rawValue))</span>")
        }
        if article.protect { meta.append("<span class=\"badge\">Protected</span>") }
        let languages: [(label: String, path: String)] =
            [("English", article.path)]
            + article.translations.map { (Self.languageName($0.language), $0.path) }
        if languages.count > 1 {
            let links = languages.map { language in
                let href = ContentPath.relative(
                    to: PreviewSiteWriter.pagePath(for: language.path), fromFile: fromFile)
                let current = language.path == page.path ? " aria-current=\"page\"" : ""
                return "<a href=\"\(escape(href))\"\(current)>\(escape(language.label))</a>"
            }
            meta.append("<span class=\"languages\">" + links.joined() + "</span>")
        }
        if !meta.isEmpty { main += "<div class=\"article-meta\">" + meta.joined(separator: " ") + "</div>\n" }
        main += "<article class=\"article-body\">\n\(page.rendered.html)\n</article>\n"
        main +=
            "<footer class=\"article-footer\">Source: <code>\(escape(page.path))</code> · slug <code>\(escape(article.slug))</code></footer>"
        var nav = navigation
        let currentLink =
            "href=\"\(escape(ContentPath.relative(to: PreviewSiteWriter.pagePath(for: article.path), fromFile: fromFile)))\""
        if let range = nav.range(of: currentLink) {
            nav.replaceSubrange(range, with: currentLink + " aria-current=\"page\"")
        }
        return frame(fromFile: fromFile).article(
            title: page.title, sidebar: nav, main: main, language: page.translation?.language ?? "en")
    }

    /// Every article and translation, for the title search; URLs relative to the site root.
    func searchEntries() -> [PreviewSearchEntry] {
        var entries: [PreviewSearchEntry] = []
        for page in pages {
            entries.append(
                PreviewSearchEntry(
                    title: page.title, url: PreviewSiteWriter.pagePath(for: page.path),
                    path: collectionTitles(page.article.collectionPath).joined(separator: " › "),
                    language: page.translation?.language ?? ""))
        }
        return entries
    }

    // MARK: - Parts

    /// "fr" → "Français": each language named in itself, as language switchers do.
    static func languageName(_ code: String) -> String {
        guard let name = Locale(identifier: code).localizedString(forIdentifier: code), !name.isEmpty else {
            return code
        }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    private func frame(fromFile: String) -> PreviewPage {
        let root = String(
            ContentPath.relative(to: "index.html", fromFile: fromFile).dropLast("index.html".count))
        return PreviewPage(
            siteTitle: Self.siteTitle, homeHref: ContentPath.relative(to: "index.html", fromFile: fromFile),
            assetsHref: root + Self.assetFolder, root: root,
            searchIndexHref: root + Self.searchIndexPath,
            footer: "Local preview written by pylon-kb render. Pylon shows these articles in its own theme.")
    }

    /// The sidebar for pages of the collection at `collectionPath` ("" for root articles):
    /// every level along that collection's path is open, the rest closed; the articles shown
    /// are those of the page's own collection.
    func navigation(forCollection collectionPath: String) -> String {
        var open: Set<String> = [""]
        var folder = collectionPath
        while !folder.isEmpty {
            open.insert(folder)
            folder = ContentPath.directory(of: folder)
        }
        let fromFile = collectionPath.isEmpty ? "page.html" : "\(collectionPath)/page.html"
        let index = ContentPath.relative(to: "index.html", fromFile: fromFile)
        func items(parent: String) -> [PreviewNavigationItem] {
            let articles =
                parent == collectionPath
                ? (articlesByCollection[parent] ?? []).map { navItem($0, fromFile: fromFile) } : []
            let collections = (childCollections[parent] ?? []).map { collection in
                let isOpen = open.contains(collection.path)
                return PreviewNavigationItem(
                    kind: .collection, title: collection.title,
                    href: "\(index)#collection-\(collection.path)",
                    isOpen: isOpen, children: isOpen ? items(parent: collection.path) : [])
            }
            return parent.isEmpty ? collections + articles : articles + collections
        }
        return PreviewNavigationItem.treeHTML(items(parent: ""))
    }

    private func navItem(_ article: Article, fromFile: String) -> PreviewNavigationItem {
        var badges: [String] = []
        if !article.published { badges.append("draft") }
        if article.unlisted { badges.append("unlisted") }
        return PreviewNavigationItem(
            kind: .article, title: article.title,
            href: ContentPath.relative(to: PreviewSiteWriter.pagePath(for: article.path), fromFile: fromFile),
            badges: badges)
    }

    private func articleCount(below collectionPath: String) -> Int {
        (articlesByCollection[collectionPath]?.count ?? 0)
            + (childCollections[collectionPath] ?? []).reduce(0) { $0 + articleCount(below: $1.path) }
    }

    private func articleList(_ articles: [Article], fromFile: String) -> String {
        var html = "<ul class=\"article-list\">\n"
        for article in articles {
            let href = ContentPath.relative(
                to: PreviewSiteWriter.pagePath(for: article.path), fromFile: fromFile)
            html +=
                "<li data-title=\"\(escape(article.title))\"><a href=\"\(escape(href))\">\(escape(article.title))</a>"
            if !article.published { html += "<span class=\"nav-badge\">draft</span>" }
            if article.unlisted { html += "<span class=\"nav-badge\">unlisted</span>" }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    private func listing(parent: String, depth: Int) -> String {
        var html = ""
        for collection in childCollections[parent] ?? [] {
            let heading = "h\(min(depth, 4))"
            html += "<section id=\"collection-\(escape(collection.path))\">\n"
            html += "<\(heading)>\(escape(collection.title))</\(heading)>\n"
            if let description = collection.description { html += "<p>\(escape(description))</p>\n" }
            if let articles = articlesByCollection[collection.path], !articles.isEmpty {
                html += articleList(articles, fromFile: "index.html")
            }
            html += listing(parent: collection.path, depth: depth + 1)
            html += "</section>\n"
        }
        return html
    }

    private func collectionTitles(_ collectionPath: String) -> [String] {
        var titles: [String] = []
        var path = collectionPath
        while !path.isEmpty {
            if let collection = collectionsByPath[path] { titles.insert(collection.title, at: 0) }
            path = ContentPath.directory(of: path)
        }
        return titles
    }

    private func breadcrumbs(_ collectionPath: String, fromFile: String) -> String {
        let index = ContentPath.relative(to: "index.html", fromFile: fromFile)
        var crumbs = ["<li><a href=\"\(escape(index))\">\(escape(Self.siteTitle))</a></li>"]
        var paths: [String] = []
        var path = collectionPath
        while !path.isEmpty {
            paths.insert(path, at: 0)
            path = ContentPath.directory(of: path)
        }
        for path in paths {
            guard let collection = collectionsByPath[path] else { continue }
            crumbs.append(
                "<li><a href=\"\(escape("\(index)#collection-\(collection.path)"))\">\(escape(collection.title))</a></li>"
            )
        }
        return "<ol class=\"crumbs\" aria-label=\"Breadcrumb\">" + crumbs.joined() + "</ol>\n"
    }

    private func escape(_ text: String) -> String {
        HTMLSerializer.escapeAttribute(text)
    }
}
