extension PylonEndpoint {
    /// What the endpoint does, as a verb phrase for error messages ("may not create articles").
    public var action: String {
        switch self {
        case .listKnowledgeBases: "list knowledge bases"
        case .getKnowledgeBase: "read this knowledge base"
        case .listCollections: "list collections"
        case .getCollection: "read collections"
        case .createCollection: "create collections"
        case .deleteCollection: "delete collections"
        case .listArticles: "list articles"
        case .getArticle: "read articles"
        case .createArticle: "create articles"
        case .updateArticle: "update articles"
        case .deleteArticle: "delete articles"
        case .createRouteRedirect: "create route redirects"
        case .createAttachment: "upload attachments"
        case .getMe: "read the organization"
        case .listUsers: "list users"
        case .getUser: "read users"
        case .searchUsers: "search users"
        case .updateCollection: "update collections"
        case .requestArticleReview: "request article reviews"
        case .listTags: "list tags"
        case .createTag: "create tags"
        }
    }
}
