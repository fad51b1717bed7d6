/// The Pylon knowledge-base API endpoints this project uses, with their documented per-minute
/// rate limits (docs/pylon-api-compatibility.md, "Rate limits"). Both the client's token
/// buckets and the emulator's limiter read this one table, so the two cannot disagree.
public enum PylonEndpoint: String, Sendable, CaseIterable, Hashable, Codable {
    case listKnowledgeBases
    case getKnowledgeBase
    case listCollections
    case getCollection
    case createCollection
    case deleteCollection
    case listArticles
    case getArticle
    case createArticle
    case updateArticle
    case deleteArticle
    case createRouteRedirect
    case createAttachment
    case getMe
    case listUsers
    case getUser
    case searchUsers
    // Newer surface (`shared` contract, "Newer surface"): detected at run time, never assumed.
    /// `PATCH …/collections/{collection_id}`: title, description, slug, visibility.
    case updateCollection
    /// `POST …/articles/{article_id}/request-review`.
    case requestArticleReview
    /// `GET /tags` (in Pylon's mid-2026 document, `openapi-tags.json`).
    case listTags
    /// `POST /tags`.
    case createTag

    /// The HTTP method.
    public var method: String {
        switch self {
        case .createCollection, .createArticle, .createRouteRedirect, .createAttachment, .searchUsers,
            .requestArticleReview, .createTag:
            "POST"
        case .updateArticle, .updateCollection: "PATCH"
        case .deleteCollection, .deleteArticle: "DELETE"
        default: "GET"
        }
    }

    /// The path template, as in Pylon's OpenAPI document.
    public var pathTemplate: String {
        switch self {
        case .listKnowledgeBases: "/knowledge-bases"
        case .getKnowledgeBase: "/knowledge-bases/{id}"
        case .listCollections, .createCollection: "/knowledge-bases/{id}/collections"
        case .getCollection, .deleteCollection, .updateCollection:
            "/knowledge-bases/{id}/collections/{collection_id}"
        case .listArticles, .createArticle: "/knowledge-bases/{id}/articles"
        case .getArticle, .updateArticle, .deleteArticle: "/knowledge-bases/{id}/articles/{article_id}"
        case .createRouteRedirect: "/knowledge-bases/{id}/route-redirects"
        case .createAttachment: "/attachments"
        case .getMe: "/me"
        case .listUsers: "/users"
        case .getUser: "/users/{id}"
        case .searchUsers: "/users/search"
        case .requestArticleReview: "/knowledge-bases/{id}/articles/{article_id}/request-review"
        case .listTags, .createTag: "/tags"
        }
    }

    /// Documented requests per minute.
    public var requestsPerMinute: Int {
        switch self {
        case .listKnowledgeBases, .getKnowledgeBase: 60
        case .listCollections, .getCollection: 20
        case .createCollection, .deleteCollection: 10
        case .listArticles: 20
        case .getArticle: 60
        case .createArticle: 10
        case .updateArticle, .deleteArticle: 20
        case .createRouteRedirect: 10
        case .createAttachment: 10
        case .getMe, .listUsers, .getUser: 60
        case .searchUsers: 20
        // Unknown for the collection PATCH: the contract says to assume 10, like the other
        // collection writes, and it shares their bucket so the two together stay under it.
        case .updateCollection: 10
        case .requestArticleReview: 10
        case .listTags, .createTag: 60
        }
    }

    /// Endpoints that share one documented limit share one bucket (the README lists
    /// "PATCH …/articles/{id}, DELETE …/articles/{id}" as one row, for example).
    public var rateLimitGroup: String {
        switch self {
        case .listKnowledgeBases, .getKnowledgeBase: "knowledge-bases:read"
        case .listCollections, .getCollection: "collections:read"
        case .createCollection, .deleteCollection: "collections:write"
        case .listArticles: "articles:list"
        case .getArticle: "articles:get"
        case .createArticle: "articles:create"
        case .updateArticle, .deleteArticle: "articles:write"
        case .createRouteRedirect: "route-redirects:create"
        case .createAttachment: "attachments:create"
        case .getMe, .listUsers, .getUser: "users:read"
        case .searchUsers: "users:search"
        case .updateCollection: "collections:write"
        case .requestArticleReview: "articles:request-review"
        case .listTags: "tags:read"
        case .createTag: "tags:create"
        }
    }

    /// Whether re-sending a request that may have been applied is harmless.
    public var isIdempotent: Bool { method != "POST" || self == .searchUsers }

    /// Finds the endpoint for a method and a concrete path such as
    /// `/knowledge-bases/kb1/articles/a1` (query string excluded).
    public static func match(method: String, path: String) -> PylonEndpoint? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let upper = method.uppercased()
        return allCases.first { endpoint in
            guard endpoint.method == upper else { return false }
            let template = endpoint.pathTemplate.split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == parts.count else { return false }
            return zip(template, parts).allSatisfy { pattern, part in
                pattern.hasPrefix("{") || pattern == part
            }
        }
    }
}
