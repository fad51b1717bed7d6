import Foundation
import PylonHTML

/// The source knowledge base, turned into what the planner reads for the target: a content
/// tree (the collection tree and the articles with their settings) and the articles' bodies as
/// prerendered HTML — the source HTML as it is, except links between source articles, which
/// become placeholders for the target's articles.
///
/// Each source object gets a *migration path* that names it in the plan and the migration
/// state file: a collection's path is its slug path (`guides/advanced`), an article's is its
/// collection path plus its slug (`guides/advanced/install`), a translation's adds `@<lang>`.
/// Source slugs are unique in a knowledge base, so the paths are too.
public struct MigrationSource: Sendable {
    public var tree: ContentTree
    public var prerendered: [String: PrerenderedBody]
    /// Migration path → the source article.
    public var articles: [String: RemoteArticle]
    /// Things the plan should say about the source (links that cannot be rewritten, …).
    public var notes: [PlanNote]
    /// Links rewritten, over all bodies.
    public var rewrittenLinks: Int

    public struct Options: Sendable {
        public var targetKnowledgeBaseID: String
        /// The author (email or user id) of created articles.
        public var author: String?
        /// Prefix for rewritten links (the target's public address); nil writes them root-relative.
        public var targetSiteURL: URL?
        /// Redirect each published source article's public path to its copy.
        public var redirectOldPaths: Bool

        public init(
            targetKnowledgeBaseID: String, author: String?, targetSiteURL: URL? = nil,
            redirectOldPaths: Bool = false
        ) {
            self.targetKnowledgeBaseID = targetKnowledgeBaseID
            self.author = author
            self.targetSiteURL = targetSiteURL
            self.redirectOldPaths = redirectOldPaths
        }
    }

    public init(snapshot: RemoteSnapshot, options: Options) {
        var notes: [PlanNote] = []
        let folders = Self.collectionFolders(snapshot.collections, notes: &notes)
        var collections: [ContentCollection] = []
        var placed: Set<String> = []
        for collection in snapshot.collections {
            guard let folder = folders[collection.id], !placed.contains(folder) else { continue }
            placed.insert(folder)
            let parent = collection.parentID.flatMap { folders[$0] }
            collections.append(
                ContentCollection(
                    path: folder, parentPath: parent, slug: collection.slug, title: collection.title,
                    description: collection.description))
        }
        collections.sort { $0.path < $1.path }

        var paths: [String: String] = [:]
        var pathsByIdentifier: [String: String] = [:]
        var articlesByPath: [String: RemoteArticle] = [:]
        for article in snapshot.articles {
            let folder = article.collectionID.flatMap { folders[$0] } ?? ""
            let name = Self.pathComponent(article.slug)
            let path = folder.isEmpty ? name : folder + "/" + name
            paths[article.id] = path
            articlesByPath[path] = article
            if let identifier = article.identifier { pathsByIdentifier[identifier] = path }
        }
        let rewriter = MigrationLinkRewriter(pathsByIdentifier: pathsByIdentifier)

        var prerendered: [String: PrerenderedBody] = [:]
        var contentArticles: [Article] = []
        var rewrittenLinks = 0
        var collectionLinkPaths: Set<String> = []
        func rewrite(_ html: String, path: String) -> String {
            let result = rewriter.rewrite(html)
            rewrittenLinks += result.rewritten
            if !result.collectionLinks.isEmpty { collectionLinkPaths.insert(path) }
            return result.html
        }
        let defaultLanguage = snapshot.knowledgeBase.defaultLanguage
        for article in snapshot.articles {
            guard let path = paths[article.id] else { continue }
            let bodies = Self.bodies(
                published: article.publishedHTML, draft: article.draftHTML, isPublished: article.isPublished)
            prerendered[path] = PrerenderedBody(
                html: rewrite(bodies.html, path: path),
                draftHTML: bodies.draft.map { rewrite($0, path: path) })
            var translations: [Translation] = []
            for (language, translation) in article.translations.sorted(by: { $0.key < $1.key })
            where language != defaultLanguage && Self.isRealTranslation(translation, of: article) {
                let translationPath = path + "@" + language
                let bodies = Self.bodies(
                    published: translation.publishedHTML, draft: translation.draftHTML,
                    isPublished: article.isPublished)
                prerendered[translationPath] = PrerenderedBody(
                    html: rewrite(bodies.html, path: translationPath),
                    draftHTML: bodies.draft.map { rewrite($0, path: translationPath) })
                translations.append(
                    Translation(
                        language: language, path: translationPath, title: translation.title, markdown: "",
                        bodyLineOffset: 0, frontMatter: FrontMatter()))
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
        contentArticles.sort { $0.path < $1.path }
        for path in collectionLinkPaths.sorted() {
            notes.append(
                PlanNote(
                    kind: .apiLimitation, subject: path,
                    message:
                        "This article links to a collection page of the source knowledge base. Pylon's API gives collections no identifier, so such links are copied unchanged and still lead to the source; fix them in Pylon after the migration."
                ))
        }

        let configuration = Configuration(
            target: .knowledgeBase(options.targetKnowledgeBaseID), author: options.author,
            siteURL: options.targetSiteURL, onRemove: .report, onRename: .unlist, onDrift: .fail)
        tree = ContentTree(
            configuration: configuration, collections: collections, articles: contentArticles, files: [])
        self.prerendered = prerendered
        articles = articlesByPath
        self.notes = notes
        self.rewrittenLinks = rewrittenLinks
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

    /// Pylon answers a listing in a language an article has no translation for with the
    /// article's own title and bodies; such an answer is not copied as a translation (the copy
    /// then shows the same fallback).
    static func isRealTranslation(_ translation: RemoteTranslation, of article: RemoteArticle) -> Bool {
        translation.title != article.title || translation.draftHTML != article.draftHTML
            || translation.publishedHTML != article.publishedHTML
    }

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

    /// A slug as one path component: characters that would break a path or an HTML attribute
    /// are percent-encoded.
    static func pathComponent(_ slug: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        let encoded = slug.addingPercentEncoding(withAllowedCharacters: allowed) ?? slug
        return encoded.isEmpty || encoded == "." || encoded == ".." ? "%" + encoded : encoded
    }
}
