import PylonAPI

/// Reads a knowledge base into a `RemoteSnapshot`: the knowledge base, its collections, and one
/// paginated listing of articles per language (Pylon returns both HTML bodies of every
/// article in a listing, so nothing is fetched one by one).
public struct SnapshotReader: Sendable {
    public let client: PylonClient

    public init(client: PylonClient) {
        self.client = client
    }

    /// - Parameter languages: the translation languages worth reading (those the content
    ///   has); the knowledge base's default language is always read.
    /// - Parameter wantsTags: whether the content has tags (see `readTags`).
    public func read(knowledgeBaseID: String, languages: Set<String> = [], wantsTags: Bool = false)
        async throws -> RemoteSnapshot
    {
        try await read(knowledgeBaseID: knowledgeBaseID, languages: { languages }, wantsTags: { wantsTags })
    }

    /// - Parameter languages: as above, asked for only once the default language's reads are
    ///   under way, so the caller can start the read before it has loaded its content.
    public func read(
        knowledgeBaseID: String, languages: @escaping @Sendable () async throws -> Set<String>,
        wantsTags: @escaping @Sendable () async throws -> Bool = { false }
    ) async throws -> RemoteSnapshot {
        async let knowledgeBaseCall = client.knowledgeBase(id: knowledgeBaseID)
        async let collectionsCall = client.listCollections(knowledgeBaseID: knowledgeBaseID)
        async let articlesCall = client.listArticles(knowledgeBaseID: knowledgeBaseID)
        let knowledgeBase = try await knowledgeBaseCall
        let defaultLanguage = knowledgeBase.defaultLanguage ?? "en"
        let supported = knowledgeBase.supportedLanguages ?? [defaultLanguage]
        let wanted = try await languages().intersection(supported).subtracting([defaultLanguage]).sorted()

        var translated: [String: [WireArticle]] = [:]
        try await withThrowingTaskGroup(of: (String, [WireArticle]).self) { group in
            for language in wanted {
                group.addTask {
                    (
                        language,
                        try await client.listArticles(knowledgeBaseID: knowledgeBaseID, language: language)
                    )
                }
            }
            for try await (language, articles) in group { translated[language] = articles }
        }

        var remoteArticles = try await articlesCall.compactMap(Self.remoteArticle)
        var position: [String: Int] = [:]
        for (index, article) in remoteArticles.enumerated() { position[article.id] = index }
        for (language, articles) in translated {
            for article in articles {
                guard let id = article.id, let index = position[id] else { continue }
                remoteArticles[index].translations[language] = RemoteTranslation(
                    title: article.title ?? "", draftHTML: article.currentDraftContentHTML,
                    publishedHTML: article.currentPublishedContentHTML)
            }
        }
        let collections = try await collectionsCall.compactMap { collection -> RemoteCollection? in
            guard let id = collection.id else { return nil }
            return RemoteCollection(
                id: id, title: collection.title ?? "", slug: collection.slug ?? "",
                description: collection.description, parentID: collection.parentCollectionID,
                visibility: collection.visibilityConfig?.visibility)
        }
        var snapshot = RemoteSnapshot(
            knowledgeBase: RemoteKnowledgeBase(
                id: knowledgeBase.id ?? knowledgeBaseID, title: knowledgeBase.title ?? knowledgeBaseID,
                slug: knowledgeBase.slug, defaultLanguage: defaultLanguage, supportedLanguages: supported),
            collections: collections, articles: remoteArticles)
        snapshot.tags = try await readTags(articles: remoteArticles, wantsTags: wantsTags)
        return snapshot
    }

    /// Nil for an article without id or slug: nothing can match or change it.
    static func remoteArticle(_ article: WireArticle) -> RemoteArticle? {
        guard let id = article.id, let slug = article.slug else { return nil }
        var remote = RemoteArticle(
            id: id, identifier: article.identifier, slug: slug, title: article.title ?? "",
            collectionID: article.collectionID, isPublished: article.isPublished ?? false,
            isUnlisted: article.isUnlisted ?? false,
            visibility: article.visibilityConfig?.visibility ?? "public",
            aiAgentAccess: article.visibilityConfig?.aiAgentAccess ?? "inherit",
            allowedAgentIDs: article.visibilityConfig?.allowedAgentIDs ?? [],
            draftHTML: article.currentDraftContentHTML, publishedHTML: article.currentPublishedContentHTML,
            url: article.url)
        remote.tagIDs = article.tagIDs
        return remote
    }
}
