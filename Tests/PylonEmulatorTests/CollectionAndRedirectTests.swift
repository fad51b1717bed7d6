import Foundation
import PylonEmulator
import Testing

@Suite("Collections and route redirects")
struct CollectionAndRedirectTests {
    @Test func deletingACollectionDeletesSubCollectionsAndTheirArticles() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let top = try await client.createCollection("Top")
        let child = try await client.createCollection("Child", parent: top)
        let grandchild = try await client.createCollection("Grandchild", parent: child)
        let other = try await client.createCollection("Other")
        _ = try await client.createArticle(["title": "In top", "collection_id": top])
        _ = try await client.createArticle(["title": "In grandchild", "collection_id": grandchild])
        let survivor = try await client.createArticle(["title": "In other", "collection_id": other])
        #expect(
            try await client.get("/knowledge-bases/\(client.kb)/collections/\(child)").dataObject?[
                "parent_collection_id"] as? String == top)

        let deleted = try await client.delete("/knowledge-bases/\(client.kb)/collections/\(top)")
        #expect(deleted.status == 200)
        let collections = try await client.get("/knowledge-bases/\(client.kb)/collections")
        #expect(collections.dataArray?.map { $0["id"] as? String } == [other])
        let articles = try await client.get("/knowledge-bases/\(client.kb)/articles")
        #expect(articles.dataArray?.map { $0["id"] as? String } == [survivor["id"] as? String])
    }

    @Test func aCollectionKeepsTheDescriptionItWasCreatedWith() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let created = try await client.post(
            "/knowledge-bases/\(client.kb)/collections",
            ["title": "Billing", "description": "Invoices, plans and refunds."])
        #expect(created.dataObject?["description"] as? String == "Invoices, plans and refunds.")
        let id = try #require(created.dataObject?["id"] as? String)
        let read = try await client.get("/knowledge-bases/\(client.kb)/collections/\(id)")
        #expect(read.dataObject?["description"] as? String == "Invoices, plans and refunds.")
        let listed = try await client.get("/knowledge-bases/\(client.kb)/collections")
        #expect(listed.dataArray?.first?["description"] as? String == "Invoices, plans and refunds.")
        let bare = try await client.createCollection("Plain")
        let plain = try await client.get("/knowledge-bases/\(client.kb)/collections/\(bare)")
        #expect(plain.dataObject?["description"] == nil)
    }

    @Test func collectionsValidateParentAndSlug() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let first = try await client.createCollection("Guides")
        let duplicate = try await client.post(
            "/knowledge-bases/\(client.kb)/collections", ["title": "Guides"])
        #expect(duplicate.status == 400)
        #expect(duplicate.json?["exists_id"] as? String == first)
        let orphan = try await client.post(
            "/knowledge-bases/\(client.kb)/collections", ["title": "X", "parent_collection_id": "missing"])
        #expect(orphan.status == 400)
        #expect(orphan.errors.first?.contains("parent_collection_id") == true)
        // The same slug under another parent is fine: docs trees reuse folder names.
        let nested = try await client.post(
            "/knowledge-bases/\(client.kb)/collections", ["title": "Guides", "parent_collection_id": first])
        #expect(nested.status == 200)
        let untitled = try await client.post("/knowledge-bases/\(client.kb)/collections", ["slug": "x"])
        #expect(untitled.errors.first?.contains("title") == true)
    }

    @Test func redirectsAreValidatedDeduplicatedAndVisibleToTests() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["title": "Target"])
        let path = "/knowledge-bases/\(client.kb)/route-redirects"
        let body: [String: Any] = [
            "from_path": "/articles/1234567890-old", "object_id": article["id"]!, "object_type": "article",
        ]
        let created = try await client.post(path, body)
        #expect(created.status == 200)
        let redirectID = try #require(created.dataObject?["id"] as? String)
        #expect(created.dataObject?["from_path"] as? String == "/articles/1234567890-old")
        let duplicate = try await client.post(path, body)
        #expect(duplicate.status == 400)
        #expect(duplicate.json?["exists_id"] as? String == redirectID)

        var relative = body
        relative["from_path"] = "articles/old"
        #expect(try await client.post(path, relative).errors.first?.contains("from_path") == true)
        var badType = body
        badType["object_type"] = "page"
        #expect(try await client.post(path, badType).errors.first?.contains("object_type") == true)
        var missingObject = body
        missingObject["object_id"] = "nope"
        missingObject["from_path"] = "/x"
        #expect(try await client.post(path, missingObject).errors.first?.contains("object_id") == true)
        var missingField = body
        missingField.removeValue(forKey: "from_path")
        #expect(try await client.post(path, missingField).errors.first?.contains("from_path") == true)

        let stored = try await client.emulator.routeRedirects(knowledgeBaseID: client.kb)
        #expect(stored.map(\.id) == [redirectID])
        let overHTTP = try await client.send("GET", "/_emulator/redirects?kb=\(client.kb)", token: .some(nil))
        let list = try #require((try JSONSerialization.jsonObject(with: overHTTP.data)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == [redirectID])
    }
}
