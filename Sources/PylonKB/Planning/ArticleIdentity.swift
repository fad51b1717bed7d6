/// How a local article relates to the knowledge base, decided before anything is compared.
enum ArticleIdentity: Sendable {
    /// The same article: same slug, same collection. Compared field by field.
    case same(RemoteArticle)
    /// Same slug, another collection. Pylon cannot move articles, and the new article needs
    /// the slug, so the old one is deleted first.
    case moved(RemoteArticle, from: String, to: String)
    /// A new slug for an existing article; `reason` says how we know, `similarity` when the
    /// texts told us.
    case renamed(RemoteArticle, reason: String, similarity: Double?)
    /// Nothing in the knowledge base yet.
    case new
}

/// Where a local article must live in the knowledge base.
enum ArticlePlacement: Sendable, Equatable {
    case root
    case existing(collectionID: String, slugPath: String)
    /// In a collection this run creates.
    case pending(slugPath: String)

    var slugPath: String {
        switch self {
        case .root: ""
        case .existing(_, let slugPath), .pending(let slugPath): slugPath
        }
    }

    func holds(_ article: RemoteArticle) -> Bool {
        switch self {
        case .root: article.collectionID == nil
        case .existing(let id, _): article.collectionID == id
        case .pending: false
        }
    }
}
