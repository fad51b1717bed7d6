import PylonAPI

/// A tag as `GET /tags` lists it, reduced to what pylon-kb uses.
public struct RemoteTag: Sendable, Codable, Equatable {
    public var id: String
    public var value: String
    /// `article`, `account`, `issue`, …; nil when the server did not say.
    public var objectType: String?

    public init(id: String, value: String, objectType: String? = "article") {
        self.id = id
        self.value = value
        self.objectType = objectType
    }

    /// Whether an article may carry it: tags of other objects (accounts, issues) are not reused.
    public var isForArticles: Bool { objectType.map { $0.isEmpty || $0 == "article" } ?? true }
}

extension SnapshotReader {
    /// One `GET /tags`, only when tags matter to this run: some article in Pylon carries one
    /// (its values are needed to compare and export), or the content has tags and the server may
    /// have article tags (a knowledge base with articles of which none carries a tag field has
    /// none; an empty one is probed by apply). nil when not read, or when the server has no tag
    /// listing at all (which apply then treats as a server without article tags).
    func readTags(
        articles: [RemoteArticle], wantsTags: @escaping @Sendable () async throws -> Bool
    ) async throws -> [RemoteTag]? {
        let carriesTags = articles.contains { !($0.tagIDs ?? []).isEmpty }
        let serverLacksTags = !articles.isEmpty && articles.allSatisfy { $0.tagIDs == nil }
        var wanted = carriesTags
        if !wanted && !serverLacksTags { wanted = try await wantsTags() }
        guard wanted else { return nil }
        do {
            return try await client.listTags().compactMap(Self.remoteTag)
        } catch let error as PylonAPIError where error.indicatesMissingCapability() {
            return nil
        }
    }

    static func remoteTag(_ tag: Tag) -> RemoteTag? {
        guard let id = tag.id, let value = tag.value else { return nil }
        return RemoteTag(id: id, value: value, objectType: tag.objectType)
    }
}
