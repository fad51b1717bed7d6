import Foundation
import PylonEmulator
import Testing

@Suite("Envelopes, auth and errors")
struct EnvelopeTests {
    @Test func everyAnswerCarriesARequestIDInItsEnvelope() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let list = try await client.get("/knowledge-bases")
        #expect(list.status == 200)
        #expect(list.dataArray?.first?["id"] as? String == client.kb)
        let pagination = try #require(list.json?["pagination"] as? [String: Any])
        #expect(pagination["has_next_page"] as? Bool == false)
        #expect(pagination["cursor"] is String)

        let one = try await client.get("/knowledge-bases/\(client.kb)")
        #expect(one.dataObject?["supported_languages"] as? [String] == ["en", "de"])

        let article = try await client.createArticle(["title": "Delete me"])
        let deleted = try await client.delete(
            "/knowledge-bases/\(client.kb)/articles/\(article["id"] as! String)")
        #expect(deleted.status == 200)
        #expect(deleted.json?.keys.sorted() == ["request_id"])

        let unknownRoute = try await client.get("/no/such/route")
        let unauthorized = try await client.send("GET", "/me", token: .some(nil))
        let notAllowed = try await client.send(
            "PUT", "/knowledge-bases/\(client.kb)/collections/x", json: ["title": "t"])
        var ids: Set<String> = []
        for (result, status) in [
            (list, 200), (one, 200), (deleted, 200), (unknownRoute, 404), (unauthorized, 401),
            (notAllowed, 405),
        ] {
            #expect(result.status == status)
            let id = try #require(result.requestID, "status \(status) has no request_id")
            ids.insert(id)
            if status >= 400 {
                #expect(!result.errors.isEmpty)
                #expect(result.header("Content-Type")?.hasPrefix("application/json") == true)
            }
        }
        #expect(ids.count == 6, "request ids must be unique")
    }

    @Test func wrongOrMissingTokenIs401() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        #expect(try await client.send("GET", "/me", token: .some("test-token")).status == 401)
        #expect(try await client.send("GET", "/me", token: .some(TestClient.token + "x")).status == 401)
        #expect(try await client.send("GET", "/me", token: .some(nil)).status == 401)
        #expect(try await client.get("/me").status == 200)
    }

    @Test func unknownIdsAre404() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let kb = client.kb
        let paths = [
            "/knowledge-bases/nope", "/knowledge-bases/nope/articles", "/knowledge-bases/nope/collections",
            "/knowledge-bases/\(kb)/articles/nope", "/knowledge-bases/\(kb)/collections/nope", "/users/nope",
        ]
        for path in paths {
            let result = try await client.get(path)
            #expect(result.status == 404, "\(path)")
            #expect(result.errors.first?.contains("nope") == true, "\(path): \(result.errors)")
        }
        #expect(try await client.patch("/knowledge-bases/\(kb)/articles/nope", ["title": "x"]).status == 404)
        #expect(try await client.delete("/knowledge-bases/\(kb)/articles/nope").status == 404)
        #expect(try await client.delete("/knowledge-bases/\(kb)/collections/nope").status == 404)
    }

    @Test func badInputIs400NamingTheField() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let articles = "/knowledge-bases/\(client.kb)/articles"
        let missingTitle = try await client.post(
            articles, ["body_html": "<p>x</p>", "author_user_id": client.author])
        #expect(missingTitle.status == 400)
        #expect(missingTitle.errors.first?.contains("title") == true)
        let missingAuthor = try await client.post(articles, ["title": "T", "body_html": "<p>x</p>"])
        #expect(missingAuthor.errors.first?.contains("author_user_id") == true)
        let unknownAuthor = try await client.post(
            articles, ["title": "T", "body_html": "x", "author_user_id": "not-a-user"])
        #expect(unknownAuthor.status == 400)
        #expect(unknownAuthor.errors.first?.contains("author_user_id") == true)
        let badEnum = try await client.post(
            articles,
            [
                "title": "T", "body_html": "x", "author_user_id": client.author,
                "visibility_config": ["visibility": "everyone"],
            ])
        #expect(badEnum.status == 400)
        #expect(badEnum.errors.first?.contains("visibility_config.visibility") == true)
        let wrongType = try await client.post(
            articles,
            ["title": "T", "body_html": "x", "author_user_id": client.author, "is_published": "yes"])
        #expect(wrongType.errors.first?.contains("is_published") == true)
        let malformed = try await client.send(
            "POST", articles, body: Data("{\"title\":".utf8), contentType: "application/json")
        #expect(malformed.status == 400)
        #expect(malformed.errors.first?.contains("JSON") == true)
        #expect(malformed.requestID != nil)
        let badLanguage = try await client.get("\(articles)?language=xx")
        #expect(badLanguage.status == 400)
        #expect(badLanguage.errors.first?.contains("language") == true)
    }

    @Test func usersMeAndSearch() async throws {
        let client = try await TestClient.start { configuration in
            configuration.seed.users.append(.init(email: "second@example.com", name: "Second"))
        }
        defer { Task { await client.stop() } }
        let me = try await client.get("/me")
        #expect(me.dataObject?["name"] as? String == "Local Pylon")
        let users = try await client.get("/users")
        #expect(users.dataArray?.count == 2)
        let user = try await client.get("/users/\(client.author)")
        #expect(user.dataObject?["email"] as? String == "author@example.com")
        let search = try await client.post(
            "/users/search",
            ["filter": ["field": "email", "operator": "equals", "value": "SECOND@example.com"]])
        #expect(search.status == 200)
        #expect(search.dataArray?.map { $0["name"] as? String } == ["Second"])
        let badOperator = try await client.post(
            "/users/search", ["filter": ["field": "email", "operator": "like", "value": "x"]])
        #expect(badOperator.status == 400)
        #expect(badOperator.errors.first?.contains("operator") == true)
    }
}

@Suite("Routing")
struct RoutingTests {
    @Test func allowListsTheMethodsOfTheMostSpecificRoute() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let search = try await client.send("PUT", "/users/search", json: [:] as [String: String])
        #expect(search.status == 405)
        #expect(search.header("Allow") == "POST")
        let article = try await client.send(
            "PUT", "/knowledge-bases/\(client.kb)/articles/a", json: [:] as [String: String])
        #expect(article.header("Allow") == "GET, PATCH, DELETE")
    }
}
