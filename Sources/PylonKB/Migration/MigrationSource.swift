import Foundation

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

    /// Built in steps, each in `MigrationSource+Steps.swift`: the collections' folders, the
    /// articles' paths, the bodies with their links rewritten, the articles' settings, and the
    /// notes the plan shows.
    public init(snapshot: RemoteSnapshot, options: Options) {
        var notes: [PlanNote] = []
        let folders = Self.collectionFolders(snapshot.collections, notes: &notes)
        let paths = ArticlePaths(snapshot.articles, folders: folders)
        let bodies = Self.rewrittenBodies(snapshot, paths: paths)
        let articles = Self.contentArticles(
            snapshot, paths: paths, folders: folders, options: options, notes: &notes)
        notes += Self.collectionLinkNotes(bodies.collectionLinkPaths)
        tree = ContentTree(
            configuration: Self.configuration(options),
            collections: Self.contentCollections(snapshot.collections, folders: folders), articles: articles,
            files: [])
        prerendered = bodies.prerendered
        self.articles = paths.articlesByPath
        self.notes = notes
        rewrittenLinks = bodies.rewrittenLinks
    }
}
