import PylonHTML

/// A minimal browsable view of the local knowledge bases: `/` lists them, `/kb/<slug>/` shows
/// the collection tree, `/kb/<slug>/articles/<identifier>-<slug>` shows published HTML.
struct PreviewSite: Sendable {
    let store: EmulatorStore

    /// An HTML page, or nil for 404.
    func page(path: String) async throws -> String? {
        let segments = path.split(separator: "/").map(String.init)
        if segments.isEmpty { return try await index() }
        guard segments[0] == "kb", segments.count >= 2,
            let base = try await store.knowledgeBase(slug: segments[1])
        else { return nil }
        if segments.count == 2 { return try await knowledgeBase(base) }
        if segments.count == 4, segments[2] == "articles" {
            let identifier = String(segments[3].prefix { $0.isNumber })
            guard
                let article = try await store.publishedArticle(
                    knowledgeBaseID: base.id, identifier: identifier)
            else { return nil }
            return layout(
                title: article.title,
                body: "<p><a href=\"/kb/\(escape(base.slug))/\">\(escape(base.title))</a></p>"
                    + "<h1>\(escape(article.title))</h1>\n<article>\(article.publishedHTML ?? "")</article>")
        }
        return nil
    }

    private func index() async throws -> String {
        let bases = try await store.knowledgeBases()
        let items = bases.map { "<li><a href=\"/kb/\(escape($0.slug))/\">\(escape($0.title))</a></li>" }
        return layout(title: "Local Pylon", body: "<h1>Knowledge bases</h1>\n<ul>\(items.joined())</ul>")
    }

    private func knowledgeBase(_ base: KnowledgeBaseRecord) async throws -> String {
        let collections = try await store.collections(knowledgeBaseID: base.id)
        var articles: [ArticleRecord] = []
        var cursor: Int64?
        repeat {
            let page = try await store.articles(
                knowledgeBaseID: base.id, after: cursor, limit: 999, language: nil)
            articles += page.items
            cursor = page.nextCursor.flatMap(Cursor.decode)
        } while cursor != nil
        let published = articles.filter { $0.isPublished && !$0.isUnlisted }
        func articleList(_ collectionID: String?) -> String {
            let items = published.filter { $0.collectionID == collectionID }.map {
                "<li><a href=\"/kb/\(escape(base.slug))/articles/\($0.identifier)-\(escape($0.slug))\">"
                    + "\(escape($0.title))</a></li>"
            }
            return items.isEmpty ? "" : "<ul>\(items.joined())</ul>"
        }
        func tree(_ parentID: String?) -> String {
            let children = collections.filter { $0.parentID == parentID }
            guard !children.isEmpty else { return "" }
            let items = children.map {
                "<li><strong>\(escape($0.title))</strong>\(articleList($0.id))\(tree($0.id))</li>"
            }
            return "<ul>\(items.joined())</ul>"
        }
        return layout(
            title: base.title,
            body: "<p><a href=\"/\">All knowledge bases</a></p><h1>\(escape(base.title))</h1>\n"
                + articleList(nil) + tree(nil))
    }

    private func layout(title: String, body: String) -> String {
        """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}</style>
        </head><body>
        \(body)
        </body></html>
        """
    }

    private func escape(_ text: String) -> String { HTMLSerializer.escapeAttribute(text) }
}
