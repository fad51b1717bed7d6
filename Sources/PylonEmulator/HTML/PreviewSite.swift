import Foundation
import PylonHTML
import PylonPreview

/// The emulator's help-center preview of its knowledge bases, in the frame `pylon-kb render`
/// uses for its static preview (`PreviewPage`, `PreviewAssets` in PylonHTML): `/` lists the
/// knowledge bases, `/kb/<slug>/` shows one (collection cards and the full listing),
/// `/kb/<slug>/articles/<identifier>-<slug>` shows an article's published HTML beside the
/// collection tree, and `/_preview/…` serves the shared stylesheet and script.
///
/// Only published, listed articles are listed (as in Pylon), collections and articles by
/// title; an unlisted one still opens by its URL. Links in article HTML that point at an article of the same knowledge base
/// (`…/articles/<identifier>-<slug>` on any host, since the emulator does not know the help
/// center's real address) and images stored on this emulator under another port are pointed
/// at this preview, so the pages can be browsed without leaving it.
struct PreviewSite: Sendable {
    let store: EmulatorStore

    /// An answer of the preview: its media type and text.
    struct Resource: Sendable, Equatable {
        var contentType: String
        var body: String
    }

    static let assetPrefix = "/_preview/"

    /// The resource at `path`, or nil for 404.
    func resource(path: String) async throws -> Resource? {
        if path.hasPrefix(Self.assetPrefix) {
            switch path.dropFirst(Self.assetPrefix.count) {
            case PreviewAssets.stylesheetName:
                return Resource(contentType: "text/css; charset=utf-8", body: PreviewAssets.stylesheet)
            case PreviewAssets.scriptName:
                return Resource(contentType: "text/javascript; charset=utf-8", body: PreviewAssets.script)
            default:
                return nil
            }
        }
        return try await page(path: path).map { Resource(contentType: "text/html; charset=utf-8", body: $0) }
    }

    /// An HTML page, or nil for 404.
    func page(path: String) async throws -> String? {
        let segments = path.split(separator: "/").map(String.init)
        if segments.isEmpty { return try await index() }
        guard segments[0] == "kb", segments.count >= 2,
            let base = try await store.knowledgeBase(slug: segments[1])
        else { return nil }
        if segments.count == 2 { return knowledgeBasePage(try await contents(of: base)) }
        if segments.count == 4, segments[2] == "articles" {
            let identifier = String(segments[3].prefix { $0.isNumber })
            guard
                let article = try await store.publishedArticle(
                    knowledgeBaseID: base.id, identifier: identifier)
            else { return nil }
            return articlePage(article, in: try await contents(of: base))
        }
        return nil
    }

    // MARK: - Pages

    private func index() async throws -> String {
        var all: [Contents] = []
        for base in try await store.knowledgeBases() { all.append(try await contents(of: base)) }
        var main = "<div class=\"card-grid\">\n"
        for contents in all {
            main +=
                "<a class=\"card\" href=\"\(escape(contents.home))\"><h2>\(escape(contents.base.title))</h2>"
            main +=
                "<p>/kb/\(escape(contents.base.slug))/ · \(escape(contents.base.supportedLanguages.joined(separator: ", ")))</p>"
            main += "<span class=\"count\">\(Self.plural(contents.listed.count, "article"))</span></a>\n"
        }
        main += "</div>\n<div class=\"listing\">\n"
        for contents in all where !contents.listed.isEmpty {
            main +=
                "<section id=\"kb-\(escape(contents.base.slug))\">\n<h2>\(escape(contents.base.title))</h2>\n"
            main += articleList(contents.listed, contents) + "</section>\n"
        }
        main += "<p class=\"no-results\" hidden>No article titles match your search.</p>\n</div>\n"
        let entries = all.flatMap { contents in
            contents.listed.map { article in
                PreviewSearchEntry(
                    title: article.title, url: contents.url(of: article),
                    path: ([contents.base.title] + contents.collectionTitles(article.collectionID))
                        .joined(separator: " › "))
            }
        }
        return frame(siteTitle: "Local Pylon", home: "/", entries: entries).home(
            title: "Local Pylon", heading: "Local Pylon",
            lead: "\(Self.plural(all.count, "knowledge base")) served by pylon-kb emulator", main: main)
    }

    private func knowledgeBasePage(_ contents: Contents) -> String {
        var main = "<div class=\"card-grid\">\n"
        for collection in contents.children[nil] ?? [] {
            main +=
                "<a class=\"card\" href=\"#collection-\(escape(collection.id))\"><h2>\(escape(collection.title))</h2>"
            main +=
                "<span class=\"count\">\(Self.plural(contents.articleCount(below: collection.id), "article"))</span></a>\n"
        }
        main += "</div>\n<div class=\"listing\">\n" + listing(contents, parent: nil, depth: 2)
        if let root = contents.articlesByCollection[nil], !root.isEmpty {
            main += "<section id=\"more-articles\">\n<h2>More articles</h2>\n" + articleList(root, contents)
            main += "</section>\n"
        }
        main += "<p class=\"no-results\" hidden>No article titles match your search.</p>\n</div>\n"
        let lead =
            "\(Self.plural(contents.listed.count, "article")) in "
            + "\(Self.plural(contents.collections.count, "collection")) · served by pylon-kb emulator"
        return frame(contents).home(
            title: contents.base.title, heading: "How can we help?", lead: lead, main: main,
            language: contents.base.defaultLanguage)
    }

    private func articlePage(_ article: ArticleRecord, in contents: Contents) -> String {
        var crumbs = ["<li><a href=\"/\">Local Pylon</a></li>"]
        crumbs.append("<li><a href=\"\(escape(contents.home))\">\(escape(contents.base.title))</a></li>")
        for collection in contents.ancestry(article.collectionID) {
            crumbs.append(
                "<li><a href=\"\(escape(contents.home))#collection-\(escape(collection.id))\">\(escape(collection.title))</a></li>"
            )
        }
        var main = "<ol class=\"crumbs\" aria-label=\"Breadcrumb\">" + crumbs.joined() + "</ol>\n"
        main += "<h1 class=\"article-title\">\(escape(article.title))</h1>\n"
        var meta: [String] = []
        if article.isUnlisted { meta.append("<span class=\"badge\">Unlisted</span>") }
        if let published = article.lastPublishedAt, published.count >= 10 {
            meta.append("<span>Updated \(escape(String(published.prefix(10))))</span>")
        }
        if !meta.isEmpty { main += "<div class=\"article-meta\">" + meta.joined(separator: " ") + "</div>\n" }
        main += "<article class=\"article-body\">\n"
        main += Self.localized(article.publishedHTML ?? "", contents: contents)
        main += "\n</article>\n"
        main +=
            "<footer class=\"article-footer\">Article <code>\(escape(article.identifier))</code> · slug <code>\(escape(article.slug))</code> · id <code>\(escape(article.id))</code></footer>"
        return frame(contents).article(
            title: article.title, sidebar: navigation(contents, current: article), main: main,
            language: contents.base.defaultLanguage)
    }

    // MARK: - Parts

    private func frame(_ contents: Contents) -> PreviewPage {
        let entries = contents.listed.map { article in
            PreviewSearchEntry(
                title: article.title, url: contents.url(of: article),
                path: contents.collectionTitles(article.collectionID).joined(separator: " › "))
        }
        return frame(siteTitle: contents.base.title, home: contents.home, entries: entries)
    }

    private func frame(siteTitle: String, home: String, entries: [PreviewSearchEntry]) -> PreviewPage {
        PreviewPage(
            siteTitle: siteTitle, homeHref: home, assetsHref: Self.assetPrefix, root: "/",
            searchIndexJSON: PreviewSearchEntry.json(entries),
            footer: "Local preview served by pylon-kb emulator. Pylon shows these articles in its own theme.")
    }

    /// The tree opened along the article's collection; each open level lists its articles.
    private func navigation(_ contents: Contents, current: ArticleRecord) -> String {
        let open = Set(contents.ancestry(current.collectionID).map(\.id))
        func items(_ parent: String?) -> [PreviewNavigationItem] {
            let articles = (contents.articlesByCollection[parent] ?? []).map { article in
                PreviewNavigationItem(
                    kind: .article, title: article.title, href: contents.url(of: article),
                    isCurrent: article.id == current.id)
            }
            let collections = (contents.children[parent] ?? []).map { collection in
                let isOpen = open.contains(collection.id)
                return PreviewNavigationItem(
                    kind: .collection, title: collection.title,
                    href: "\(contents.home)#collection-\(collection.id)", isOpen: isOpen,
                    children: isOpen ? items(collection.id) : [])
            }
            return parent == nil ? collections + articles : articles + collections
        }
        return PreviewNavigationItem.treeHTML(items(nil))
    }

    private func listing(_ contents: Contents, parent: String?, depth: Int) -> String {
        var html = ""
        for collection in contents.children[parent] ?? [] {
            let heading = "h\(min(depth, 4))"
            html += "<section id=\"collection-\(escape(collection.id))\">\n"
            html += "<\(heading)>\(escape(collection.title))</\(heading)>\n"
            if let articles = contents.articlesByCollection[collection.id], !articles.isEmpty {
                html += articleList(articles, contents)
            }
            html += listing(contents, parent: collection.id, depth: depth + 1) + "</section>\n"
        }
        return html
    }

    private func articleList(_ articles: [ArticleRecord], _ contents: Contents) -> String {
        var html = "<ul class=\"article-list\">\n"
        for article in articles {
            html +=
                "<li data-title=\"\(escape(article.title))\"><a href=\"\(escape(contents.url(of: article)))\">"
            html += "\(escape(article.title))</a></li>\n"
        }
        return html + "</ul>\n"
    }

    /// Points article links and this emulator's attachment URLs at the preview (see the type's
    /// documentation). Returns `html` unchanged when nothing needs rewriting.
    static func localized(_ html: String, contents: Contents) -> String {
        var changed = false
        func rewrite(_ nodes: [HTMLNode]) -> [HTMLNode] {
            nodes.map { node in
                guard case .element(var element) = node else { return node }
                for index in element.attributes.indices {
                    let attribute = element.attributes[index]
                    let replacement: String? =
                        switch (element.name, attribute.name) {
                        case ("a", "href"): contents.previewLink(for: attribute.value)
                        case ("img", "src"): previewAttachment(for: attribute.value)
                        default: nil
                        }
                    if let replacement, replacement != attribute.value {
                        element.attributes[index].value = replacement
                        changed = true
                    }
                }
                element.children = rewrite(element.children)
                return .element(element)
            }
        }
        let nodes = rewrite(HTMLParser.parseFragment(html))
        return changed ? HTMLSerializer.serialize(nodes) : html
    }

    /// `http://127.0.0.1:4780/attachments/<id>/<name>` → `/attachments/<id>/<name>`: an image
    /// uploaded while the emulator listened on another port still shows.
    static func previewAttachment(for source: String) -> String? {
        guard let url = URLComponents(string: source), let host = url.host,
            ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host), url.path.hasPrefix("/attachments/")
        else { return nil }
        return url.percentEncodedPath
    }

    private func escape(_ text: String) -> String { HTMLSerializer.escapeAttribute(text) }

    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    // MARK: - Contents

    private func contents(of base: KnowledgeBaseRecord) async throws -> Contents {
        let collections = try await store.collections(knowledgeBaseID: base.id)
        var articles: [ArticleRecord] = []
        var cursor: Int64?
        repeat {
            let page = try await store.articles(
                knowledgeBaseID: base.id, after: cursor, limit: 999, language: nil)
            articles += page.items
            cursor = page.nextCursor.flatMap(Cursor.decode)
        } while cursor != nil
        return Contents(base: base, collections: collections, articles: articles)
    }

    /// One knowledge base's collections and articles, indexed for the pages.
    struct Contents: Sendable {
        let base: KnowledgeBaseRecord
        let collections: [CollectionRecord]
        /// Published and listed: what the help center lists.
        let listed: [ArticleRecord]
        let children: [String?: [CollectionRecord]]
        let articlesByCollection: [String?: [ArticleRecord]]
        private let collectionsByID: [String: CollectionRecord]
        /// Published articles by identifier, listed or not (links to unlisted ones work).
        private let publishedByIdentifier: [String: ArticleRecord]

        init(base: KnowledgeBaseRecord, collections: [CollectionRecord], articles: [ArticleRecord]) {
            self.base = base
            // By title: the store's order is creation order, which concurrent creates make vary
            // from one publish to the next.
            let collections = collections.sorted { Self.precedes($0.title, $0.id, $1.title, $1.id) }
            self.collections = collections
            let published = articles.filter(\.isPublished)
                .sorted { Self.precedes($0.title, $0.id, $1.title, $1.id) }
            listed = published.filter { !$0.isUnlisted }
            children = Dictionary(grouping: collections, by: \.parentID)
            articlesByCollection = Dictionary(grouping: listed, by: \.collectionID)
            collectionsByID = Dictionary(
                collections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            publishedByIdentifier = Dictionary(
                published.map { ($0.identifier, $0) }, uniquingKeysWith: { first, _ in first })
        }

        static func precedes(_ title: String, _ id: String, _ otherTitle: String, _ otherID: String) -> Bool {
            let (left, right) = (title.lowercased(), otherTitle.lowercased())
            return left == right ? id < otherID : left < right
        }

        var home: String { "/kb/\(base.slug)/" }

        func url(of article: ArticleRecord) -> String {
            "/kb/\(base.slug)/articles/\(article.identifier)-\(article.slug)"
        }

        /// The collections from the top down to `collectionID`.
        func ancestry(_ collectionID: String?) -> [CollectionRecord] {
            var chain: [CollectionRecord] = []
            var next = collectionID
            while let id = next, let collection = collectionsByID[id], chain.count <= collections.count {
                chain.insert(collection, at: 0)
                next = collection.parentID
            }
            return chain
        }

        func collectionTitles(_ collectionID: String?) -> [String] { ancestry(collectionID).map(\.title) }

        func articleCount(below collectionID: String) -> Int {
            (articlesByCollection[collectionID]?.count ?? 0)
                + (children[collectionID] ?? []).reduce(0) { $0 + articleCount(below: $1.id) }
        }

        /// The preview URL of a link to one of this knowledge base's published articles
        /// (`/articles/<identifier>-<slug>`, optionally below `/kb/<any>/` and on any host),
        /// keeping its fragment; nil for every other link.
        func previewLink(for href: String) -> String? {
            guard let components = URLComponents(string: href),
                components.scheme == nil || ["http", "https"].contains(components.scheme)
            else { return nil }
            let segments = components.path.split(separator: "/")
            guard segments.count >= 2, segments[segments.count - 2] == "articles",
                segments.count == 2 || (segments.count == 4 && segments[0] == "kb")
            else { return nil }
            let last = segments[segments.count - 1]
            let identifier = String(last.prefix { $0.isNumber })
            guard let article = publishedByIdentifier[identifier], last == "\(identifier)-\(article.slug)"
            else {
                return nil
            }
            return url(of: article) + (components.percentEncodedFragment.map { "#\($0)" } ?? "")
        }
    }
}
