import Foundation
import PylonHTML

/// The steps that build a `MigrationSource`, each doing one thing.
extension MigrationSource {
    /// Collection id → migration path (its slug path). A collection whose parent is missing
    /// counts as top-level; a parent loop (which Pylon should not allow) is cut at the repeat.
    static func collectionFolders(_ collections: [RemoteCollection], notes: inout [PlanNote]) -> [String:
        String]
    {
        let byID = Dictionary(collections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var folders: [String: String] = [:]
        func folder(_ collection: RemoteCollection, seen: Set<String>) -> String {
            if let known = folders[collection.id] { return known }
            let name = pathComponent(collection.slug)
            var result = name
            if let parentID = collection.parentID, let parent = byID[parentID], !seen.contains(parentID) {
                result = folder(parent, seen: seen.union([collection.id])) + "/" + name
            }
            folders[collection.id] = result
            return result
        }
        var owner: [String: String] = [:]
        for collection in collections.sorted(by: { $0.id < $1.id }) {
            let path = folder(collection, seen: [])
            if let first = owner[path] {
                notes.append(
                    PlanNote(
                        kind: .collectionTitleDrift, subject: path,
                        message:
                            "The source has more than one collection at “\(path)” (\(first) and \(collection.id)); their articles all go to one collection on the target."
                    ))
            } else {
                owner[path] = collection.id
            }
        }
        return folders
    }

    /// The content tree's collections, one per folder (the first collection listed at a path).
    static func contentCollections(_ collections: [RemoteCollection], folders: [String: String])
        -> [ContentCollection]
    {
        var result: [ContentCollection] = []
        var placed: Set<String> = []
        for collection in collections {
            guard let folder = folders[collection.id], !placed.contains(folder) else { continue }
            placed.insert(folder)
            let parent = collection.parentID.flatMap { folders[$0] }
            result.append(
                ContentCollection(
                    path: folder, parentPath: parent, slug: collection.slug, title: collection.title,
                    description: collection.description))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Each source article's migration path: its collection's folder plus its slug.
    struct ArticlePaths {
        /// Article id → migration path.
        var byID: [String: String] = [:]
        /// Migration path → the source article.
        var articlesByPath: [String: RemoteArticle] = [:]
        /// The article's public identifier (in its URL) → migration path, for rewriting links.
        var byIdentifier: [String: String] = [:]

        init(_ articles: [RemoteArticle], folders: [String: String]) {
            for article in articles {
                let folder = article.collectionID.flatMap { folders[$0] } ?? ""
                let name = MigrationSource.pathComponent(article.slug)
                let path = folder.isEmpty ? name : folder + "/" + name
                byID[article.id] = path
                articlesByPath[path] = article
                if let identifier = article.identifier { byIdentifier[identifier] = path }
            }
        }
    }

    /// The translations a copy gets: the real ones in languages other than the default, by
    /// language, each with its migration path.
    static func copiedTranslations(of article: RemoteArticle, path: String, defaultLanguage: String)
        -> [(language: String, path: String, translation: RemoteTranslation)]
    {
        article.translations.sorted(by: { $0.key < $1.key }).compactMap { language, translation in
            guard language != defaultLanguage, translation.isReal(of: article) else { return nil }
            return (language, path + "@" + language, translation)
        }
    }

    /// The bodies as prerendered HTML, with links between source articles rewritten.
    struct RewrittenBodies {
        /// Migration path → body.
        var prerendered: [String: PrerenderedBody] = [:]
        /// Links rewritten, over all bodies.
        var rewrittenLinks = 0
        /// Articles with links to collection pages, which cannot be rewritten.
        var collectionLinkPaths: Set<String> = []

        fileprivate mutating func add(
            path: String, published: String?, draft: String?, isPublished: Bool,
            rewriter: MigrationLinkRewriter
        ) {
            func rewrite(_ html: String) -> String {
                let result = rewriter.rewrite(html)
                rewrittenLinks += result.rewritten
                if !result.collectionLinks.isEmpty { collectionLinkPaths.insert(path) }
                return result.html
            }
            let bodies = MigrationSource.bodies(published: published, draft: draft, isPublished: isPublished)
            prerendered[path] = PrerenderedBody(
                html: rewrite(bodies.html), draftHTML: bodies.draft.map(rewrite))
        }
    }

    static func rewrittenBodies(_ snapshot: RemoteSnapshot, paths: ArticlePaths) -> RewrittenBodies {
        let rewriter = MigrationLinkRewriter(pathsByIdentifier: paths.byIdentifier)
        var result = RewrittenBodies()
        for article in snapshot.articles {
            guard let path = paths.byID[article.id] else { continue }
            result.add(
                path: path, published: article.publishedHTML, draft: article.draftHTML,
                isPublished: article.isPublished, rewriter: rewriter)
            let translations = copiedTranslations(
                of: article, path: path, defaultLanguage: snapshot.knowledgeBase.defaultLanguage)
            for (_, translationPath, translation) in translations {
                result.add(
                    path: translationPath, published: translation.publishedHTML, draft: translation.draftHTML,
                    isPublished: article.isPublished, rewriter: rewriter)
            }
        }
        return result
    }

    /// The body to create and, for a published article whose draft differs, the pending draft.
    static func bodies(published: String?, draft: String?, isPublished: Bool) -> (
        html: String, draft: String?
    ) {
        guard isPublished else { return (draft ?? published ?? "", nil) }
        let live = published ?? draft ?? ""
        guard let draft, draft != live, CanonicalHTML.canonicalize(draft) != CanonicalHTML.canonicalize(live)
        else { return (live, nil) }
        return (live, draft)
    }

    /// The content tree's articles: each source article's settings and translations, sorted
    /// by path. Settings pylon-kb does not know get the defaults and a note.
    static func contentArticles(
        _ snapshot: RemoteSnapshot, paths: ArticlePaths, folders: [String: String], options: Options,
        notes: inout [PlanNote]
    ) -> [Article] {
        var contentArticles: [Article] = []
        for article in snapshot.articles {
            guard let path = paths.byID[article.id] else { continue }
            let translations = copiedTranslations(
                of: article, path: path, defaultLanguage: snapshot.knowledgeBase.defaultLanguage
            ).map { language, translationPath, translation in
                Translation(
                    language: language, path: translationPath, title: translation.title, markdown: "",
                    bodyLineOffset: 0, frontMatter: FrontMatter())
            }
            let visibility = ArticleVisibility(rawValue: article.visibility ?? "public")
            let access = AIAgentAccess(rawValue: article.aiAgentAccess ?? "inherit")
            if visibility == nil || access == nil {
                notes.append(
                    PlanNote(
                        kind: .apiLimitation, subject: path,
                        message:
                            "“\(article.title)” has visibility “\(article.visibility ?? "")” and AI agent access “\(article.aiAgentAccess ?? "")”, which pylon-kb does not know; its copy gets the defaults (public, inherit). Set them in Pylon after the migration."
                    ))
            }
            var redirectFrom: [String] = []
            if options.redirectOldPaths, article.isPublished, let oldPath = article.publicPath {
                redirectFrom.append(oldPath)
            }
            var copy =
                Article(
                    path: path, collectionPath: article.collectionID.flatMap { folders[$0] } ?? "",
                    slug: article.slug, title: article.title, published: article.isPublished,
                    unlisted: article.isUnlisted, visibility: visibility ?? .public,
                    aiAgentAccess: access ?? .inherit, allowedAgentIDs: article.allowedAgentIDs,
                    author: nil, previousSlugs: [], redirectFrom: redirectFrom, protect: false, markdown: "",
                    bodyLineOffset: 0, frontMatter: FrontMatter(), translations: translations)
            // Tags travel by value: the target's tags of the same values are used, or created.
            copy.tags = snapshot.tagValues(of: article)
            contentArticles.append(copy)
        }
        return contentArticles.sorted { $0.path < $1.path }
    }

    /// Links to collection pages stay as they are (the API gives collections no identifier).
    static func collectionLinkNotes(_ paths: Set<String>) -> [PlanNote] {
        paths.sorted().map { path in
            PlanNote(
                kind: .apiLimitation, subject: path,
                message:
                    "This article links to a collection page of the source knowledge base. Pylon's API gives collections no identifier, so such links are copied unchanged and still lead to the source; fix them in Pylon after the migration."
            )
        }
    }

    /// The target's settings: removals are only reported, renamed articles unlisted, and drift
    /// stops the apply.
    static func configuration(_ options: Options) -> Configuration {
        Configuration(
            target: .knowledgeBase(options.targetKnowledgeBaseID), author: options.author,
            siteURL: options.targetSiteURL, onRemove: .report, onRename: .unlist, onDrift: .fail)
    }

    /// A slug as one path component: characters that would break a path or an HTML attribute
    /// are percent-encoded.
    static func pathComponent(_ slug: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        let encoded = slug.addingPercentEncoding(withAllowedCharacters: allowed) ?? slug
        return encoded.isEmpty || encoded == "." || encoded == ".." ? "%" + encoded : encoded
    }
}
