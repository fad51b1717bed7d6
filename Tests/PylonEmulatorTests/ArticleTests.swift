import Foundation
import PylonEmulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Articles")
struct ArticleTests {
    @Test func slugIsDerivedUniqueAndImmutable() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["title": "Getting Started: Ünïcode & More!"])
        #expect(article["slug"] as? String == "getting-started-unicode-more")
        let identifier = try #require(article["identifier"] as? String)
        #expect(identifier.count == 10 && identifier.allSatisfy(\.isNumber))
        #expect(article["id"].flatMap { UUID(uuidString: $0 as! String) } != nil)

        let duplicate = try await client.post(
            "/knowledge-bases/\(client.kb)/articles",
            [
                "title": "Other", "slug": "getting-started-unicode-more", "body_html": "x",
                "author_user_id": client.author,
            ])
        #expect(duplicate.status == 400)
        #expect(duplicate.json?["exists_id"] as? String == article["id"] as? String)
        #expect(duplicate.errors.first?.contains("slug") == true)

        let id = article["id"] as! String
        let patched = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)", ["slug": "new-slug", "title": "Renamed"])
        #expect(patched.status == 200)
        #expect(patched.dataObject?["slug"] as? String == "getting-started-unicode-more")
        #expect(patched.dataObject?["title"] as? String == "Renamed")
    }

    @Test func slugUpdatesAreHonouredWhenOptedIn() async throws {
        let client = try await TestClient.start { $0.honourSlugUpdates = true }
        defer { Task { await client.stop() } }
        let first = try await client.createArticle(["title": "First"])
        let second = try await client.createArticle(["title": "Second"])
        let path = "/knowledge-bases/\(client.kb)/articles/\(second["id"] as! String)"
        let patched = try await client.patch(path, ["slug": "renamed"])
        #expect(patched.dataObject?["slug"] as? String == "renamed")
        let clash = try await client.patch(path, ["slug": "first"])
        #expect(clash.status == 400)
        #expect(clash.json?["exists_id"] as? String == first["id"] as? String)
    }

    @Test func collectionIDIsImmutable() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let a = try await client.createCollection("A")
        let b = try await client.createCollection("B")
        let article = try await client.createArticle(["collection_id": a])
        let path = "/knowledge-bases/\(client.kb)/articles/\(article["id"] as! String)"
        let patched = try await client.patch(path, ["collection_id": b])
        #expect(patched.status == 200)
        #expect(try await client.get(path).dataObject?["collection_id"] as? String == a)
    }

    @Test func draftAndPublishedAreSeparate() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let draft = try await client.createArticle(["title": "Draft", "body_html": "<p>d1</p>"])
        #expect(draft["current_draft_content_html"] as? String == "<p>d1</p>")
        #expect(draft["current_published_content_html"] == nil)
        #expect(draft["url"] == nil)
        #expect(draft["is_published"] as? Bool == false)
        // PATCH cannot publish a never-published article (conservative reading of the contract).
        let draftPath = "/knowledge-bases/\(client.kb)/articles/\(draft["id"] as! String)"
        let stillDraft = try await client.patch(
            draftPath, ["body_html": "<p>d2</p>", "publish_updated_body_html": true])
        #expect(stillDraft.dataObject?["is_published"] as? Bool == false)
        #expect(stillDraft.dataObject?["current_published_content_html"] == nil)

        let live = try await client.createArticle([
            "title": "Live", "body_html": "<p>v1</p>", "is_published": true,
        ])
        #expect(live["current_published_content_html"] as? String == "<p>v1</p>")
        let url = try #require(live["url"] as? String)
        #expect(
            url
                == "\(client.emulator.baseURL.absoluteString)/kb/help/articles/\(live["identifier"] as! String)-live"
        )
        let livePath = "/knowledge-bases/\(client.kb)/articles/\(live["id"] as! String)"
        let edited = try await client.patch(livePath, ["body_html": "<p>v2</p>"])
        #expect(edited.dataObject?["current_draft_content_html"] as? String == "<p>v2</p>")
        #expect(edited.dataObject?["current_published_content_html"] as? String == "<p>v1</p>")
        let published = try await client.patch(
            livePath, ["body_html": "<p>v3</p>", "publish_updated_body_html": true])
        #expect(published.dataObject?["current_published_content_html"] as? String == "<p>v3</p>")

        // The preview site serves the published body at the article's url.
        let page = try await TestClient.session.data(from: URL(string: url)!)
        #expect(String(decoding: page.0, as: UTF8.self).contains("<p>v3</p>"))
    }

    @Test func translationsAreCreatedPatchedAndRead() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([
            "title": "Hello", "body_html": "<p>Hello</p>", "is_published": true,
            "translations": [["language": "de", "title": "Hallo", "body_html": "<p>Hallo</p>"]],
        ])
        let path = "/knowledge-bases/\(client.kb)/articles/\(article["id"] as! String)"
        let german = try await client.get("\(path)?language=de")
        #expect(german.dataObject?["title"] as? String == "Hallo")
        #expect(german.dataObject?["current_published_content_html"] as? String == "<p>Hallo</p>")
        let patched = try await client.patch(
            path, ["language": "de", "body_html": "<p>Servus</p>", "publish_updated_body_html": true])
        #expect(patched.dataObject?["current_published_content_html"] as? String == "<p>Servus</p>")
        let english = try await client.get(path)
        #expect(english.dataObject?["current_published_content_html"] as? String == "<p>Hello</p>")
        let listed = try await client.get("/knowledge-bases/\(client.kb)/articles?language=de")
        #expect(listed.dataArray?.first?["title"] as? String == "Hallo")
        let unsupported = try await client.patch(path, ["language": "fr", "title": "Bonjour"])
        #expect(unsupported.status == 400)
        #expect(unsupported.errors.first?.contains("language") == true)
        let badCreate = try await client.post(
            "/knowledge-bases/\(client.kb)/articles",
            [
                "title": "X", "body_html": "x", "author_user_id": client.author,
                "translations": [["language": "fr", "title": "X", "body_html": "x"]],
            ])
        #expect(badCreate.status == 400)
        #expect(badCreate.errors.first?.contains("translations.language") == true)
    }

    @Test func patchChangesVisibilityAndListing() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["title": "Visible"])
        let visibility = try #require(article["visibility_config"] as? [String: Any])
        #expect(visibility["visibility"] as? String == "public")
        #expect(article["is_unlisted"] as? Bool == false)
        let path = "/knowledge-bases/\(client.kb)/articles/\(article["id"] as! String)"
        let patched = try await client.patch(
            path,
            [
                "is_unlisted": true,
                "visibility_config": [
                    "visibility": "customer", "ai_agent_access": "specific_agents",
                    "allowed_agent_ids": ["agent-1"],
                ],
            ])
        #expect(patched.status == 200)
        #expect(patched.dataObject?["is_unlisted"] as? Bool == true)
        let config = try #require(patched.dataObject?["visibility_config"] as? [String: Any])
        #expect(config["visibility"] as? String == "customer")
        #expect(config["allowed_agent_ids"] as? [String] == ["agent-1"])
        let badAccess = try await client.patch(path, ["visibility_config": ["ai_agent_access": "all"]])
        #expect(badAccess.status == 400)
        #expect(badAccess.errors.first?.contains("visibility_config.ai_agent_access") == true)
    }

    @Test func paginationBoundsAndCursorWalk() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        var created: Set<String> = []
        for index in 0..<25 {
            created.insert(try await client.createArticle(["title": "Article \(index)"])["id"] as! String)
        }
        let list = "/knowledge-bases/\(client.kb)/articles"
        for bad in ["0", "1000", "-1", "ten"] {
            let result = try await client.get("\(list)?limit=\(bad)")
            #expect(result.status == 400, "limit=\(bad)")
            #expect(result.errors.first?.contains("limit") == true)
        }
        #expect(try await client.get("\(list)?limit=999").dataArray?.count == 25)
        #expect(try await client.get("\(list)?cursor=garbage").status == 400)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let query =
                cursor.map {
                    "?limit=7&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                } ?? "?limit=7"
            let page = try await client.get(list + query)
            #expect(page.status == 200)
            seen += (page.dataArray ?? []).map { $0["id"] as! String }
            let pagination = try #require(page.json?["pagination"] as? [String: Any])
            cursor = (pagination["has_next_page"] as? Bool == true) ? pagination["cursor"] as? String : nil
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 4)
        #expect(seen.count == 25)
        #expect(Set(seen) == created)
    }

    @Test func concurrentCreatesWithTheSameSlugLetExactlyOneWin() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await client.post(
                        "/knowledge-bases/\(client.kb)/articles",
                        ["title": "Race", "body_html": "x", "author_user_id": client.author]
                    ).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 400 }.count == 11)
        #expect(try await client.get("/knowledge-bases/\(client.kb)/articles").dataArray?.count == 1)
    }
}
