import Foundation
import PylonEmulator
import Testing

/// `apiSurface: .documented`: exactly Pylon's OpenAPI document.
@Suite("Documented API surface")
struct DocumentedSurfaceTests {
    private static func start(_ adjust: @escaping (inout EmulatorConfiguration) -> Void = { _ in })
        async throws
        -> TestClient
    {
        try await TestClient.start {
            $0.apiSurface = .documented
            adjust(&$0)
        }
    }

    @Test(arguments: [
        (#"{"slug": "new-slug"}"#, "slug"), (#"{"is_published": false}"#, "is_published"),
        (#"{"tag_ids": []}"#, "tag_ids"),
        (#"{"visibility_config": {"visibility": "public", "agents": []}}"#, "visibility_config.agents"),
    ])
    func anArticlePatchFieldOutsideTheSchemaIsA400NamingIt(body: String, field: String) async throws {
        let client = try await Self.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([:])
        let id = try #require(article["id"] as? String)
        let result = try await client.send(
            "PATCH", "/knowledge-bases/\(client.kb)/articles/\(id)", body: Data(body.utf8),
            contentType: "application/json")
        #expect(result.status == 400)
        #expect(result.errors.first?.hasPrefix("unknown field \"\(field)\"") == true, "\(result.errors)")
        #expect(result.requestID != nil)
    }

    @Test func aCollectionCreatedWithVisibilityIsA400() async throws {
        let client = try await Self.start()
        defer { Task { await client.stop() } }
        let result = try await client.post(
            "/knowledge-bases/\(client.kb)/collections",
            ["title": "Guides", "visibility_config": ["visibility": "internal_only"]])
        #expect(result.status == 400)
        #expect(result.errors.first?.contains("\"visibility_config\"") == true)
        let list = try await client.get("/knowledge-bases/\(client.kb)/collections")
        #expect(list.dataArray?.isEmpty == true, "a rejected create stores nothing")
    }

    @Test func honourSlugUpdatesStillLetsThePatchChangeTheSlug() async throws {
        let client = try await Self.start { $0.honourSlugUpdates = true }
        defer { Task { await client.stop() } }
        let id = try #require(try await client.createArticle([:])["id"] as? String)
        let result = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)", ["slug": "renamed"])
        #expect(result.status == 200)
        #expect(result.dataObject?["slug"] as? String == "renamed")
    }

    @Test func collectionPatchIs405AndReviewRequestsDoNotExist() async throws {
        let client = try await Self.start()
        defer { Task { await client.stop() } }
        let collection = try await client.createCollection("Guides")
        let patch = try await client.patch(
            "/knowledge-bases/\(client.kb)/collections/\(collection)", ["title": "Renamed"])
        #expect(patch.status == 405)
        #expect(patch.header("Allow") == "GET, DELETE")
        let id = try #require(try await client.createArticle([:])["id"] as? String)
        let review = try await client.post(
            "/knowledge-bases/\(client.kb)/articles/\(id)/request-review", ["request_ai_review": true])
        #expect(review.status == 404)
    }

    @Test func articlesHaveNoTagsAndMeIsTheOrganizationOnly() async throws {
        let client = try await Self.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([:])
        #expect(article["tag_ids"] == nil)
        let me = try await client.get("/me")
        #expect(Set(me.dataObject?.keys ?? [:].keys) == ["id", "name"])
        // Tags are in the documented surface (openapi-tags.json), strictly too.
        let tag = try await client.post("/tags", ["value": "x", "object_type": "article", "color": "red"])
        #expect(tag.status == 400)
        #expect(tag.errors.first?.hasPrefix("unknown field \"color\"") == true)
    }
}
