import Foundation

/// Articles of a knowledge base.
extension PylonClient {
    // MARK: Articles

    /// Every article of the knowledge base, following all pages (`limit` 999 per page).
    public func listArticles(
        knowledgeBaseID: String, language: String? = nil, pageSize: Int = PylonClient.maximumArticlePageSize
    ) async throws -> [Article] {
        var query = [URLQueryItem(name: "limit", value: String(pageSize))]
        if let language { query.append(URLQueryItem(name: "language", value: language)) }
        return try await allPages(
            .listArticles, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles", query: query,
            subject: "knowledge base \(knowledgeBaseID)")
    }

    /// One page of articles; pass the previous page's `cursor` to continue.
    public func articlesPage(
        knowledgeBaseID: String, cursor: String? = nil, limit: Int = PylonClient.maximumArticlePageSize,
        language: String? = nil
    ) async throws -> Page<Article> {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let language { query.append(URLQueryItem(name: "language", value: language)) }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        return try await page(
            Call(
                .listArticles, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles", query: query,
                subject: "knowledge base \(knowledgeBaseID)"))
    }

    public func article(knowledgeBaseID: String, id: String, language: String? = nil) async throws -> Article
    {
        try await object(
            Call(
                .getArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                query: language.map { [URLQueryItem(name: "language", value: $0)] } ?? [],
                subject: "article \(id) in knowledge base \(knowledgeBaseID)"))
    }

    /// Creates an article. A 5xx, reset or timeout surfaces as `.ambiguous` (not re-sent):
    /// look the slug up before trying again.
    public func createArticle(knowledgeBaseID: String, _ body: CreateArticleRequest) async throws -> Article {
        var subject = "knowledge base \(knowledgeBaseID)"
        if let collection = body.collectionID { subject += " (or collection \(collection))" }
        return try await object(
            Call(
                .createArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles",
                subject: subject,
                json: body, sent: body.slug.map { "slug \"\($0)\"" } ?? "title \"\(body.title)\""))
    }

    public func updateArticle(knowledgeBaseID: String, id: String, _ body: UpdateArticleRequest) async throws
        -> Article
    {
        try await object(
            Call(
                .updateArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)", json: body))
    }

    public func deleteArticle(knowledgeBaseID: String, id: String) async throws {
        _ = try await send(
            Call(
                .deleteArticle, path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)"), as: SkippedValue.self)
    }

    /// Newer surface: asks reviewers (and/or Pylon's AI) to review the article's unpublished
    /// version.
    public func requestArticleReview(knowledgeBaseID: String, id: String, _ body: RequestReviewRequest)
        async throws
    {
        _ = try await send(
            Call(
                .requestArticleReview,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/articles/\(segment(id))/request-review",
                subject: "article \(id) in knowledge base \(knowledgeBaseID)", json: body,
                sent: "a review request"),
            as: SkippedValue.self)
    }
}
