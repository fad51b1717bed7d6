import Foundation
import PylonAPI
import Testing

@Suite struct WireTypeTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    private func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func identifierIsReadFromAStringOrANumber() throws {
        let fromString = try decode(Article.self, #"{"id": "a1", "identifier": "7918427120"}"#)
        let fromNumber = try decode(Article.self, #"{"id": "a1", "identifier": 7918427120}"#)
        let fromFloat = try decode(Article.self, #"{"id": "a1", "identifier": 7918427120.0}"#)
        #expect(fromString.identifier == "7918427120")
        #expect(fromNumber.identifier == "7918427120")
        #expect(fromFloat.identifier == "7918427120")
    }

    @Test func missingUnknownAndMistypedFieldsDoNotFailADecode() throws {
        let article = try decode(
            Article.self,
            #"""
            {"slug": "install", "is_published": "true", "title": 42, "brand_new_field": {"x": [1, 2]},
             "visibility_config": {"visibility": "public", "ai_agent_access": "brand_new_mode", "extra": 1}}
            """#)
        #expect(article.slug == "install")
        #expect(article.id == nil)
        #expect(article.isPublished == true)
        #expect(article.title == nil)
        #expect(article.visibilityConfig?.visibility == "public")
        #expect(article.visibilityConfig?.aiAgentAccess == "brand_new_mode")
        let empty = try decode(Article.self, "{}")
        #expect(empty == Article())
        let user = try decode(User.self, #"{"id": 5, "emails": ["a@example.com", 7]}"#)
        #expect(user.id == "5")
        #expect(user.emails == ["a@example.com", "7"])
    }

    @Test func createArticleEncodesPylonsKeysAndOmitsNil() throws {
        let body = CreateArticleRequest(
            title: "Install", bodyHTML: "<p>Hi</p>", authorUserID: "u1", slug: "install",
            isPublished: true,
            translations: [
                ArticleTranslationInput(language: "de", title: "Installieren", bodyHTML: "<p>Hallo</p>")
            ],
            visibilityConfig: VisibilityConfig(visibility: "public", aiAgentAccess: "inherit"))
        let json = try object(body)
        #expect(
            Set(json.keys) == [
                "title", "body_html", "author_user_id", "slug", "is_published", "translations",
                "visibility_config",
            ])
        let translation = try #require((json["translations"] as? [[String: Any]])?.first)
        #expect(translation["body_html"] as? String == "<p>Hallo</p>")
        #expect(translation["language"] as? String == "de")
        let visibility = try #require(json["visibility_config"] as? [String: Any])
        #expect(Set(visibility.keys) == ["visibility", "ai_agent_access"])
    }

    @Test func updateCollectionRedirectAndSearchBodiesUseSnakeCase() throws {
        let update = try object(
            UpdateArticleRequest(bodyHTML: "<p>x</p>", language: "de", publishUpdatedBodyHTML: true))
        #expect(Set(update.keys) == ["body_html", "language", "publish_updated_body_html"])
        let collection = try object(CreateCollectionRequest(title: "Guides", parentCollectionID: "c0"))
        #expect(Set(collection.keys) == ["title", "parent_collection_id"])
        let redirect = try object(CreateRouteRedirectRequest(fromPath: "/articles/1-old", objectID: "a2"))
        #expect(
            redirect as NSDictionary == [
                "from_path": "/articles/1-old", "object_id": "a2", "object_type": "article",
            ])
        let search = try object(SearchUsersRequest(filter: .equals("email", "a@example.com")))
        #expect(
            search as NSDictionary == [
                "filter": ["field": "email", "operator": "equals", "value": "a@example.com"]
            ])
    }
}
