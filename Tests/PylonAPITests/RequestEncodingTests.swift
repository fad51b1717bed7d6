import Foundation
import PylonAPI
import Testing

/// Requests send exactly what the schema allows: unset fields are left out (never `null`),
/// and every key sent is one the schema (or the newer surface) names.
@Suite struct RequestEncodingTests {
    /// (name, request with every optional unset, request with every field set, keys allowed).
    static let requests: [(String, any Encodable & Sendable, any Encodable & Sendable, Set<String>)] = [
        (
            "CreateArticleRequest",
            CreateArticleRequest(title: "T", bodyHTML: "<p>x</p>", authorUserID: "u1"),
            CreateArticleRequest(
                title: "T", bodyHTML: "<p>x</p>", authorUserID: "u1", slug: "t", collectionID: "c1",
                isPublished: true, isUnlisted: false,
                translations: [ArticleTranslationInput(language: "de", title: "T", bodyHTML: "<p>y</p>")],
                visibilityConfig: fullVisibility),
            [
                "title", "body_html", "author_user_id", "slug", "collection_id", "is_published",
                "is_unlisted",
                "translations", "visibility_config",
            ]
        ),
        (
            "CreateCollectionRequest", CreateCollectionRequest(title: "T"),
            CreateCollectionRequest(
                title: "T", slug: "t", description: "d", parentCollectionID: "c0",
                visibilityConfig: fullVisibility),
            ["title", "slug", "description", "parent_collection_id", "visibility_config"]
        ),
        (
            "UpdateArticleRequest", UpdateArticleRequest(),
            UpdateArticleRequest(
                title: "T", bodyHTML: "<p>x</p>", isUnlisted: true, language: "de",
                publishUpdatedBodyHTML: true,
                visibilityConfig: fullVisibility, slug: "t", isPublished: false, tagIDs: ["t1"]),
            [
                "title", "body_html", "is_unlisted", "language", "publish_updated_body_html",
                "visibility_config",
                "slug", "is_published", "tag_ids",
            ]
        ),
        (
            "UpdateCollectionRequest", UpdateCollectionRequest(),
            UpdateCollectionRequest(
                title: "T", description: "d", slug: "t", visibilityConfig: fullVisibility),
            ["title", "description", "slug", "visibility_config"]
        ),
        (
            "CreateRouteRedirectRequest",
            CreateRouteRedirectRequest(fromPath: "/articles/1-a", objectID: "a1"),
            CreateRouteRedirectRequest(
                fromPath: "/articles/1-a", objectID: "a1", objectType: "article", language: "de"),
            ["from_path", "object_id", "object_type", "language"]
        ),
        (
            "RequestReviewRequest", RequestReviewRequest(),
            RequestReviewRequest(reviewerUserIDs: ["u1"], requestAIReview: true),
            ["reviewer_user_ids", "request_ai_review"]
        ),
        (
            "CreateTagRequest", CreateTagRequest(value: "billing"),
            CreateTagRequest(value: "billing", objectType: "article", hexColor: "#00ff00"),
            ["value", "object_type", "hex_color"]
        ),
        (
            "SearchUsersRequest", SearchUsersRequest(filter: .equals("email", "a@example.com")),
            SearchUsersRequest(filter: fullFilter, cursor: "p2", limit: 100),
            ["filter", "cursor", "limit"]
        ),
        (
            "VisibilityConfig", VisibilityConfig(), fullVisibility,
            ["visibility", "ai_agent_access", "allowed_agent_ids", "customer_visibility_condition"]
        ),
        ("SearchFilter", SearchFilter(), fullFilter, ["field", "operator", "value", "values", "subfilters"]),
    ]

    static let fullFilter = SearchFilter(
        field: "email", operator: "in", value: "a", values: ["a", "b"], subfilters: [.equals("x", "y")])
    static let fullVisibility = VisibilityConfig(
        visibility: "customer", aiAgentAccess: "specific_agents", allowedAgentIDs: ["g1"],
        customerVisibilityCondition: fullFilter)

    private func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func keys(_ value: any Encodable) throws -> Set<String> {
        let data = try JSONEncoder().encode(value)
        return Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
    }

    @Test(arguments: requests.map(\.0))
    func unsetFieldsAreLeftOutAndOnlySchemaKeysAreSent(name: String) throws {
        let (_, minimal, full, allowed) = try #require(Self.requests.first { $0.0 == name })
        let minimalJSON = try json(minimal)
        let fullJSON = try json(full)
        #expect(!minimalJSON.contains("null"), "\(minimalJSON)")
        #expect(!fullJSON.contains("null"), "\(fullJSON)")
        #expect(try keys(minimal).isSubset(of: allowed))
        // The full request uses every allowed key: none is silently dropped either.
        #expect(try keys(full) == allowed)
    }

    @Test func anEmptyIDIsNeverSentAsAnID() throws {
        let article = try keys(
            CreateArticleRequest(title: "T", bodyHTML: "", authorUserID: "u1", collectionID: ""))
        #expect(!article.contains("collection_id"))
        let collection = try keys(CreateCollectionRequest(title: "T", parentCollectionID: " "))
        #expect(!collection.contains("parent_collection_id"))
    }

    @Test func theClientSendsNoNullsOnTheWire() async throws {
        let (client, transport) = try fakeClient { _, _ in
            FakeTransport.json(200, #"{"data": {"id": "a1"}, "request_id": "r"}"#)
        }
        _ = try await client.updateArticle(
            knowledgeBaseID: "kb", id: "a1", UpdateArticleRequest(title: "New"))
        _ = try await client.createCollection(knowledgeBaseID: "kb", CreateCollectionRequest(title: "Guides"))
        let bodies = transport.requests.compactMap(\.body).map { String(decoding: $0, as: UTF8.self) }
        #expect(bodies == [#"{"title":"New"}"#, #"{"title":"Guides"}"#])
    }
}
