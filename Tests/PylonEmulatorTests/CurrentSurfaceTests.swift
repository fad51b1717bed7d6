import Foundation
import PylonEmulator
import Testing

/// `apiSurface: .current` (the default): the contract's "Newer surface".
@Suite("Current API surface")
struct CurrentSurfaceTests {
    @Test func collectionPatchChangesOnlyTheFieldsSent() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let path = "/knowledge-bases/\(client.kb)/collections"
        let created = try await client.post(path, ["title": "Guides", "description": "How-tos"])
        let id = try #require(created.dataObject?["id"] as? String)
        let renamed = try await client.patch("\(path)/\(id)", ["title": "Handbooks", "slug": "handbooks"])
        #expect(renamed.status == 200)
        #expect(renamed.dataObject?["title"] as? String == "Handbooks")
        #expect(renamed.dataObject?["slug"] as? String == "handbooks")
        #expect(renamed.dataObject?["description"] as? String == "How-tos")
        let hidden = try await client.patch(
            "\(path)/\(id)",
            [
                "visibility_config": [
                    "visibility": "internal_only", "ai_agent_access": "specific_agents",
                    "allowed_agent_ids": ["agent-1"],
                ]
            ])
        let read = try await client.get("\(path)/\(id)").dataObject
        let visibility = read?["visibility_config"] as? [String: Any]
        #expect(hidden.status == 200)
        #expect(visibility?["visibility"] as? String == "internal_only")
        #expect(visibility?["allowed_agent_ids"] as? [String] == ["agent-1"])
        #expect(read?["title"] as? String == "Handbooks")
    }

    @Test func aCollectionCannotMoveAndKeepsSlugsUniqueAmongSiblings() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let path = "/knowledge-bases/\(client.kb)/collections"
        let first = try await client.createCollection("Guides")
        let second = try await client.createCollection("Reference")
        let move = try await client.patch("\(path)/\(second)", ["parent_collection_id": first])
        #expect(move.status == 400)
        #expect(move.errors.first?.contains("parent_collection_id") == true)
        let clash = try await client.patch("\(path)/\(second)", ["slug": "guides"])
        #expect(clash.status == 400)
        #expect(clash.json?["exists_id"] as? String == first)
        let missing = try await client.patch("\(path)/nope", ["title": "X"])
        #expect(missing.status == 404)
    }

    @Test func aCollectionIsCreatedWithVisibility() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let created = try await client.post(
            "/knowledge-bases/\(client.kb)/collections",
            [
                "title": "Internal",
                "visibility_config": ["visibility": "internal_only", "ai_agent_access": "none"],
            ])
        let visibility = created.dataObject?["visibility_config"] as? [String: Any]
        #expect(visibility?["visibility"] as? String == "internal_only")
        #expect(visibility?["ai_agent_access"] as? String == "none")
    }

    @Test func isPublishedFalseUnpublishesAndTruePublishesTheDraft() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["is_published": true, "body_html": "<p>v1</p>"])
        let id = try #require(article["id"] as? String)
        let path = "/knowledge-bases/\(client.kb)/articles/\(id)"
        let offline = try await client.patch(path, ["is_published": false])
        #expect(offline.dataObject?["is_published"] as? Bool == false)
        #expect(offline.dataObject?["url"] == nil)
        #expect(offline.dataObject?["current_published_content_html"] == nil)
        let publicPath =
            "/kb/help/articles/\(article["identifier"] as? String ?? "")-\(article["slug"] as? String ?? "")"
        #expect(try await client.get(publicPath).status == 404)

        _ = try await client.patch(path, ["body_html": "<p>v2</p>"])
        let online = try await client.patch(path, ["is_published": true])
        #expect(online.dataObject?["is_published"] as? Bool == true)
        #expect(online.dataObject?["current_published_content_html"] as? String == "<p>v2</p>")
        #expect(online.dataObject?["url"] is String)
    }

    @Test func tagsAreCreatedListedAndReplaceAnArticlesTags() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        var tagIDs: [String] = []
        for value in ["billing", "setup", "api"] {
            let tag = try await client.post(
                "/tags", ["value": value, "object_type": "article", "hex_color": "#112233"])
            #expect(tag.status == 200)
            tagIDs.append(try #require(tag.dataObject?["id"] as? String))
        }
        let duplicate = try await client.post("/tags", ["value": "billing", "object_type": "article"])
        #expect(duplicate.status == 400)
        #expect(duplicate.json?["exists_id"] as? String == tagIDs[0])
        #expect(try await client.post("/tags", ["value": "billing", "object_type": "issue"]).status == 200)
        #expect(try await client.post("/tags", ["object_type": "article"]).status == 400)

        let firstPage = try await client.get("/tags?limit=2")
        #expect(firstPage.dataArray?.count == 2)
        let cursor = try #require((firstPage.json?["pagination"] as? [String: Any])?["cursor"] as? String)
        let secondPage = try await client.get("/tags?limit=2&cursor=\(cursor)")
        #expect(secondPage.dataArray?.map { $0["value"] as? String } == ["api", "billing"])
        #expect((secondPage.json?["pagination"] as? [String: Any])?["has_next_page"] as? Bool == false)

        let article = try await client.createArticle([:])
        #expect((article["tag_ids"] as? [String]) == [])
        let path = "/knowledge-bases/\(client.kb)/articles/\(article["id"] as? String ?? "")"
        let tagged = try await client.patch(path, ["tag_ids": [tagIDs[1], tagIDs[0]]])
        #expect(tagged.dataObject?["tag_ids"] as? [String] == [tagIDs[1], tagIDs[0]])
        let replaced = try await client.patch(path, ["tag_ids": [tagIDs[2]]])
        #expect(replaced.dataObject?["tag_ids"] as? [String] == [tagIDs[2]])
        let listed = try await client.get("/knowledge-bases/\(client.kb)/articles")
        #expect(listed.dataArray?.first?["tag_ids"] as? [String] == [tagIDs[2]])
        let unknown = try await client.patch(path, ["tag_ids": ["no-such-tag"]])
        #expect(unknown.status == 400)
        #expect(unknown.errors.first?.contains("no-such-tag") == true)
        #expect(try await client.emulator.tagIDs(articleID: article["id"] as? String ?? "") == [tagIDs[2]])
    }

    @Test func reviewRequestsNeedAnUnpublishedVersionAndRealReviewers() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["is_published": true])
        let id = try #require(article["id"] as? String)
        let path = "/knowledge-bases/\(client.kb)/articles/\(id)/request-review"
        let nothingToReview = try await client.post(path, ["request_ai_review": true])
        #expect(nothingToReview.status == 400)
        #expect(nothingToReview.errors.first?.contains("no unpublished version") == true)

        _ = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)", ["body_html": "<p>new</p>"])
        let stranger = try await client.post(path, ["reviewer_user_ids": ["not-a-user"]])
        #expect(stranger.status == 400)
        #expect(stranger.errors.first?.contains("not-a-user") == true)
        #expect(try await client.post(path, [String: String]()).status == 400)

        let requested = try await client.post(
            path, ["reviewer_user_ids": [client.author], "request_ai_review": true])
        #expect(requested.status == 200)
        let recorded = try await client.emulator.reviewRequests(knowledgeBaseID: client.kb)
        #expect(recorded.count == 1)
        #expect(recorded.first?.articleID == id)
        #expect(recorded.first?.reviewerUserIDs == [client.author])
        #expect(recorded.first?.requestAIReview == true)

        let draftOnly = try await client.createArticle(["title": "Never published"])
        let aiOnly = try await client.post(
            "/knowledge-bases/\(client.kb)/articles/\(draftOnly["id"] as? String ?? "")/request-review",
            ["request_ai_review": true])
        #expect(aiOnly.status == 200, "a never-published article can be reviewed")
    }

    @Test func meAnswersTheOrganizationAndTheFirstSeededUser() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let me = try await client.get("/me").dataObject
        let user = me?["user"] as? [String: Any]
        #expect(me?["name"] as? String == "Local Pylon")
        #expect(user?["id"] as? String == client.author)
        #expect(user?["email"] as? String == "author@example.com")
    }
}
