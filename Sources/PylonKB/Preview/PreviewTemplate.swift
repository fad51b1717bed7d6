import Foundation
import PylonHTML

/// The HTML of the preview site's pages: a help-center look (sidebar with the collection
/// tree and a title search, readable article column, styled callouts, code and tables).
/// The inline script exists only in the preview; Pylon never receives it.
///
/// The index lists every article; an article page's sidebar shows the collection tree opened
/// along the page's own collection, so pages stay small for 10,000-article knowledge bases
/// (a full tree on every page would make the site grow with the square of its size).
struct PreviewTemplate {
    let tree: ContentTree
    let pages: [ContentChecker.Page]
    private let childCollections: [String: [ContentCollection]]
    private let articlesByCollection: [String: [Article]]
    private let collectionsByPath: [String: ContentCollection]

    init(tree: ContentTree, pages: [ContentChecker.Page]) {
        self.tree = tree
        self.pages = pages
        childCollections = Dictionary(grouping: tree.collections) { $0.parentPath ?? "" }
        articlesByCollection = Dictionary(grouping: tree.articles) { $0.collectionPath }
        collectionsByPath = Dictionary(
            tree.collections.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func indexPage() -> String {
        var body = "<h1>Help center</h1>\n"
        body += "<p class=\"lead\">\(DiagnosticFormatter.plural(tree.articles.count, "article")) in "
        body += "\(DiagnosticFormatter.plural(tree.collections.count, "collection")). "
        body += "This is a local preview written by <code>pylon-kb render</code>.</p>\n"
        body += collectionCards(parent: "", fromFile: "index.html")
        return document(
            title: "Help center", fromFile: "index.html", main: body, nav: navigation(forCollection: ""))
    }

    /// `navigation` is `navigation(forCollection:)` of the page's collection, which the writer
    /// computes once per collection.
    func articlePage(_ page: ContentChecker.Page, navigation: String) -> String {
        let fromFile = PreviewSiteWriter.pagePath(for: page.path)
        let article = page.article
        var main = breadcrumbs(article.collectionPath, fromFile: fromFile)
        main += "<h1>\(escape(page.title))</h1>\n"
        var badges: [String] = []
        if let translation = page.translation {
            badges.append("Translation: \(escape(Self.languageName(translation.language)))")
        }
        if !article.published { badges.append("Draft") }
        if article.unlisted { badges.append("Unlisted") }
        if article.visibility != .public { badges.append("Visibility: \(article.visibility.rawValue)") }
        if article.protect { badges.append("Protected") }
        if !badges.isEmpty {
            main +=
                "<p class=\"badges\">" + badges.map { "<span>\($0)</span>" }.joined(separator: " ") + "</p>\n"
        }
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
            main += "<p class=\"languages\">" + links.joined(separator: " · ") + "</p>\n"
        }
        main += "<article class=\"article-body\">\n\(page.rendered.html)\n</article>\n"
        main +=
            "<footer class=\"source\">Source: <code>\(escape(page.path))</code> · slug <code>\(escape(article.slug))</code></footer>\n"
        var nav = navigation
        let currentLink =
            "href=\"\(escape(ContentPath.relative(to: PreviewSiteWriter.pagePath(for: article.path), fromFile: fromFile)))\""
        if let range = nav.range(of: currentLink) {
            nav.replaceSubrange(range, with: currentLink + " aria-current=\"page\"")
        }
        return document(
            title: page.title, fromFile: fromFile, main: main, nav: nav,
            language: page.translation?.language ?? "en")
    }

    // MARK: - Parts

    /// "fr" → "Français": each language named in itself, as language switchers do.
    static func languageName(_ code: String) -> String {
        guard let name = Locale(identifier: code).localizedString(forIdentifier: code), !name.isEmpty else {
            return code
        }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    private func document(
        title: String, fromFile: String, main: String, nav: String, language: String = "en"
    ) -> String {
        let home = ContentPath.relative(to: "index.html", fromFile: fromFile)
        let css = ContentPath.relative(to: Self.stylesheetPath, fromFile: fromFile)
        return """
            <!DOCTYPE html>
            <html lang="\(escape(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Preview</title>
            <link rel="stylesheet" href="\(escape(css))">
            </head>
            <body>
            <header class="top"><a href="\(escape(home))">Help center</a><span class="tag">preview</span></header>
            <div class="layout">
            <nav class="sidebar" aria-label="Articles">
            <form class="search" action="\(escape(home))" method="get"><input type="search" name="q" id="filter" placeholder="Search titles…" aria-label="Search titles"></form>
            \(nav)
            </nav>
            <main>
            \(main)
            </main>
            </div>
            <script>\(Self.script)</script>
            </body>
            </html>

            """
    }

    /// The sidebar for pages of the collection at `collectionPath` ("" for the index and
    /// root articles): every level along that collection's path is open, the rest closed.
    func navigation(forCollection collectionPath: String) -> String {
        var open: Set<String> = [""]
        var folder = collectionPath
        while !folder.isEmpty {
            open.insert(folder)
            folder = ContentPath.directory(of: folder)
        }
        let fromFile = collectionPath.isEmpty ? "page.html" : "\(collectionPath)/page.html"
        return navTree(parent: "", open: open, current: collectionPath, fromFile: fromFile)
    }

    private func navTree(parent: String, open: Set<String>, current: String, fromFile: String) -> String {
        var html = "<ul>\n"
        if parent == current {
            for article in articlesByCollection[parent] ?? [] {
                html += navItem(article, fromFile: fromFile)
            }
        }
        let index = ContentPath.relative(to: "index.html", fromFile: fromFile)
        for collection in childCollections[parent] ?? [] {
            let href = "\(index)#collection-\(collection.path)"
            html += "<li class=\"collection\"><a href=\"\(escape(href))\">\(escape(collection.title))</a>\n"
            if open.contains(collection.path) {
                html += navTree(parent: collection.path, open: open, current: current, fromFile: fromFile)
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    private func navItem(_ article: Article, fromFile: String) -> String {
        let href = ContentPath.relative(to: PreviewSiteWriter.pagePath(for: article.path), fromFile: fromFile)
        var draft = article.published ? "" : " <small>draft</small>"
        if article.unlisted { draft += " <small>unlisted</small>" }
        return
            "<li class=\"article\" data-title=\"\(escape(article.title.lowercased()))\"><a href=\"\(escape(href))\">\(escape(article.title))</a>\(draft)</li>\n"
    }

    private func collectionCards(parent: String, fromFile: String) -> String {
        var html = ""
        if let articles = articlesByCollection[parent], !articles.isEmpty {
            html += "<ul class=\"article-list\">\n"
            for article in articles { html += navItem(article, fromFile: fromFile) }
            html += "</ul>\n"
        }
        for collection in childCollections[parent] ?? [] {
            html += "<section class=\"collection-card\" id=\"collection-\(escape(collection.path))\">\n"
            html += "<h2>\(escape(collection.title))</h2>\n"
            if let description = collection.description { html += "<p>\(escape(description))</p>\n" }
            html += collectionCards(parent: collection.path, fromFile: fromFile)
            html += "</section>\n"
        }
        return html
    }

    private func breadcrumbs(_ collectionPath: String, fromFile: String) -> String {
        var crumbs: [String] = []
        var path = collectionPath
        while !path.isEmpty {
            if let collection = collectionsByPath[path] {
                let href =
                    ContentPath.relative(to: "index.html", fromFile: fromFile)
                    + "#collection-\(collection.path)"
                crumbs.insert("<a href=\"\(escape(href))\">\(escape(collection.title))</a>", at: 0)
            }
            path = ContentPath.directory(of: path)
        }
        let home = ContentPath.relative(to: "index.html", fromFile: fromFile)
        crumbs.insert("<a href=\"\(escape(home))\">Help center</a>", at: 0)
        return "<p class=\"crumbs\">" + crumbs.joined(separator: " › ") + "</p>\n"
    }

    private func escape(_ text: String) -> String {
        HTMLSerializer.escapeAttribute(text)
    }

    // MARK: - Style and script

    /// Filters the index's article list by title, live and from `?q=` (article pages send
    /// their search box there).
    static let script = """
        var input = document.getElementById('filter');
        var items = document.querySelectorAll('main li.article');
        function filter() {
          var query = input.value.trim().toLowerCase();
          items.forEach(function (item) { item.hidden = query !== '' && item.dataset.title.indexOf(query) === -1; });
        }
        if (items.length) {
          input.value = new URLSearchParams(location.search).get('q') || '';
          input.addEventListener('input', filter);
          filter();
        }
        """

    /// One stylesheet for all pages, so each page stays small.
    static let stylesheetPath = "_preview/style.css"

    static let css = """
        :root { --ink: #1d2330; --muted: #5b6474; --line: #e3e6ec; --accent: #3b5bdb; --bg: #f7f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
        header.top { display: flex; align-items: center; gap: .6rem; padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); font-weight: 600; }
        header.top a { color: var(--ink); }
        .tag { font-size: .7rem; text-transform: uppercase; letter-spacing: .06em; background: #fff4d6; color: #8a6100; padding: .1rem .45rem; border-radius: 4px; }
        .layout { display: flex; min-height: calc(100vh - 3.2rem); }
        .sidebar { width: 280px; flex-shrink: 0; padding: 1rem; background: var(--bg); border-right: 1px solid var(--line); font-size: .92rem; }
        .sidebar input { width: 100%; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; margin-bottom: .8rem; font: inherit; }
        .sidebar ul { list-style: none; margin: 0; padding-left: .8rem; } .sidebar > ul { padding-left: 0; }
        .sidebar li { margin: .15rem 0; } .sidebar .collection > a { display: block; margin-top: .6rem; font-weight: 600; color: var(--muted); }
        .sidebar a[aria-current] { font-weight: 600; color: var(--ink); }
        small { color: var(--muted); }
        main { flex: 1; min-width: 0; max-width: 52rem; padding: 1.5rem 2.5rem 4rem; }
        h1 { font-size: 2rem; line-height: 1.25; margin: .3rem 0 1rem; }
        h2 { font-size: 1.4rem; margin-top: 2rem; } h3 { font-size: 1.15rem; margin-top: 1.5rem; }
        .lead { color: var(--muted); font-size: 1.05rem; }
        .crumbs, .source { color: var(--muted); font-size: .85rem; } .source { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .8rem; }
        .badges span { display: inline-block; font-size: .75rem; padding: .1rem .5rem; margin-right: .3rem; border-radius: 999px; background: #eef1f6; color: var(--muted); }
        .languages a[aria-current] { font-weight: 600; color: var(--ink); }
        .collection-card { border: 1px solid var(--line); border-radius: 10px; padding: .4rem 1.2rem 1rem; margin: 1rem 0; }
        .collection-card .collection-card { border-style: dashed; }
        .article-list { padding-left: 1.2rem; }
        .article-body img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f3f6; padding: .1em .3em; border-radius: 4px; }
        pre { background: #1f2430; color: #e6e9ef; padding: 1rem; border-radius: 8px; overflow-x: auto; }
        pre code { background: none; padding: 0; color: inherit; }
        table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
        th, td { border: 1px solid var(--line); padding: .4rem .7rem; } th { background: var(--bg); }
        blockquote { margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid var(--line); background: var(--bg); border-radius: 0 6px 6px 0; }
        blockquote > :first-child { margin-top: 0; } blockquote > :last-child { margin-bottom: 0; }
        blockquote[class*="note"], blockquote[class*="info"] { border-color: #4c6ef5; background: #eef2ff; }
        blockquote[class*="tip"], blockquote[class*="success"] { border-color: #2f9e44; background: #ebfbee; }
        blockquote[class*="important"] { border-color: #7950f2; background: #f3f0ff; }
        blockquote[class*="warning"], blockquote[class*="caution"] { border-color: #f08c00; background: #fff4e6; }
        blockquote[class*="danger"], blockquote[class*="error"] { border-color: #e03131; background: #fff5f5; }
        details { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin: 1rem 0; }
        iframe { max-width: 100%; }
        @media (max-width: 760px) { .layout { display: block; } .sidebar { width: auto; border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 1rem; } }
        """
}
