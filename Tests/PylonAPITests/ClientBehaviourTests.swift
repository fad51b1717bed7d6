import Foundation
import PylonAPI
import Testing

/// Retry, pagination and error behaviour against scripted answers.
@Suite struct ClientBehaviourTests {
    private let kb = "kb1"

    private func articlesPage(_ ids: [String], cursor: String?, next: Bool) -> HTTPResponse {
        let items = ids.map { #"{"id": "\#($0)", "identifier": 1000000000}"# }.joined(separator: ",")
        let cursorText = cursor.map { "\"\($0)\"" } ?? "null"
        return FakeTransport.json(
            200,
            #"{"data": [\#(items)], "pagination": {"cursor": \#(cursorText), "has_next_page": \#(next)}, "request_id": "r"}"#
        )
    }

    @Test func paginationStopsOnHasNextPageFalseEvenWithACursor() async throws {
        let (client, transport) = try fakeClient { request, index in
            index == 0
                ? self.articlesPage(["a1", "a2"], cursor: "c1", next: true)
                : self.articlesPage(["a3"], cursor: "c2", next: false)
        }
        let articles = try await client.listArticles(knowledgeBaseID: kb)
        #expect(articles.map(\.id) == ["a1", "a2", "a3"])
        #expect(transport.requests.count == 2)
        let second = try #require(transport.requests.last?.url.query)
        #expect(second.contains("cursor=c1"))
        #expect(second.contains("limit=999"))
    }

    @Test func aRepeatedCursorIsAnErrorNotAnEndlessLoop() async throws {
        let (client, transport) = try fakeClient { _, index in
            self.articlesPage(["a\(index)"], cursor: index == 0 ? "c1" : "c1", next: true)
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.listArticles(knowledgeBaseID: kb)
        }
        #expect(error.kind == .pagination)
        #expect(error.description.contains("c1"))
        #expect(transport.requests.count == 2)
    }

    @Test func aNextPageWithoutACursorIsAnError() async throws {
        let (client, _) = try fakeClient { _, _ in self.articlesPage(["a1"], cursor: "", next: true) }
        let error = try await #require(throws: PylonAPIError.self) { try await client.listUsers() }
        #expect(error.kind == .pagination)
    }

    @Test func aFailedPostIsReportedAsAmbiguousAndNotResent() async throws {
        let (client, transport) = try fakeClient { _, _ in
            FakeTransport.json(500, #"{"errors": ["internal error"], "request_id": "req-500"}"#)
        }
        let body = CreateArticleRequest(
            title: "Install", bodyHTML: "<p/>", authorUserID: "u1", slug: "install")
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.createArticle(knowledgeBaseID: kb, body)
        }
        #expect(error.kind == .ambiguous)
        #expect(error.sent == #"slug "install""#)
        #expect(error.requestID == "req-500")
        #expect(error.description.contains(#"slug "install""#))
        #expect(error.description.contains("req-500"))
        #expect(transport.requests.count == 1)
    }

    @Test func aResetPostIsAmbiguousButAConnectionThatNeverOpenedIsRetried() async throws {
        let (resetClient, resetTransport) = try fakeClient { _, _ in
            throw HTTPTransportError(.connectionLost, "The connection was lost.")
        }
        let redirect = CreateRouteRedirectRequest(fromPath: "/articles/1-old", objectID: "a2")
        let error = try await #require(throws: PylonAPIError.self) {
            try await resetClient.createRouteRedirect(knowledgeBaseID: kb, redirect)
        }
        #expect(error.kind == .ambiguous)
        #expect(error.description.contains("/articles/1-old"))
        #expect(resetTransport.requests.count == 1)

        let (client, transport) = try fakeClient { _, index in
            if index < 2 { throw HTTPTransportError(.notConnected, "Connection refused.") }
            return FakeTransport.json(200, #"{"data": {"id": "rr1", "from_path": "/articles/1-old"}}"#)
        }
        let created = try await client.createRouteRedirect(knowledgeBaseID: kb, redirect)
        #expect(created.id == "rr1")
        #expect(transport.requests.count == 3)
    }

    @Test func idempotentRequestsAreRetriedOnTimeoutsUpToTheBound() async throws {
        let (client, transport) = try fakeClient(maxAttempts: 3) { _, _ in
            throw HTTPTransportError(.timedOut, "The request timed out.")
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.article(knowledgeBaseID: kb, id: "a1")
        }
        #expect(error.kind == .timeout)
        #expect(error.attempts == 3)
        #expect(transport.requests.count == 3)
    }

    @Test func a429WithoutRetryAfterBacksOffAndSucceeds() async throws {
        let (client, transport) = try fakeClient { _, index in
            index < 2
                ? FakeTransport.json(429, #"{"errors": ["slow down"], "request_id": "r429"}"#)
                : FakeTransport.json(200, #"{"data": {"id": "org", "name": "Acme"}, "request_id": "r"}"#)
        }
        #expect(try await client.me().name == "Acme")
        #expect(transport.requests.count == 3)
    }

    @Test func a429ThatNeverEndsNamesTheLimitAndTheAttempts() async throws {
        let (client, transport) = try fakeClient(maxAttempts: 3) { _, _ in
            FakeTransport.json(
                429, #"{"errors": ["slow down"], "request_id": "r429"}"#, headers: ["Retry-After": "0"])
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.deleteArticle(knowledgeBaseID: kb, id: "a1")
        }
        #expect(error.status == 429)
        #expect(transport.requests.count == 3)
        #expect(error.description.contains("after 3 attempts"))
        #expect(error.description.contains("20 requests per minute"))
    }

    @Test func aRetryAfterBeyondTheBudgetGivesUpAtOnceWithoutBlockingLaterCalls() async throws {
        let (client, transport) = try fakeClient { _, index in
            index == 0
                ? FakeTransport.json(429, #"{"errors": ["slow down"]}"#, headers: ["Retry-After": "3600"])
                : FakeTransport.json(200, #"{"data": {"id": "org"}}"#)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let error = try await #require(throws: PylonAPIError.self) { try await client.me() }
        #expect(error.status == 429)
        #expect(try await client.user(id: "u1").id == "org")
        // Far below the hour Retry-After asked for, with room for a loaded machine.
        #expect(clock.now - start < .seconds(20))
        #expect(transport.requests.count == 2)
    }

    @Test func a400IsNotRetriedAndCarriesPylonsMessage() async throws {
        let (client, transport) = try fakeClient { _, _ in
            FakeTransport.json(
                400, #"{"errors": ["slug: already taken"], "request_id": "req-400", "exists_id": "a9"}"#)
        }
        let body = CreateArticleRequest(title: "T", bodyHTML: "<p/>", authorUserID: "u1", slug: "install")
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.createArticle(knowledgeBaseID: kb, body)
        }
        #expect(transport.requests.count == 1)
        #expect(error.kind == .httpStatus)
        #expect(error.existsID == "a9")
        #expect(error.description.contains("slug: already taken"))
        #expect(error.description.contains("req-400"))
        #expect(error.description.contains("a9"))
    }

    @Test func a404NamesTheObjectAndTheKnowledgeBase() async throws {
        let (client, _) = try fakeClient { _, _ in
            FakeTransport.json(404, #"{"errors": ["not found"], "request_id": "req-404"}"#)
        }
        let error = try await #require(throws: PylonAPIError.self) {
            try await client.updateArticle(knowledgeBaseID: kb, id: "a123", UpdateArticleRequest(title: "x"))
        }
        #expect(error.description.contains("article a123 in knowledge base kb1 was not found"))
    }

    @Test func theTokenNeverAppearsInErrorsOrLogsEvenWhenTheServerEchoesIt() async throws {
        let token = "secret-token-123"
        let logs = LogLines()
        let (client, transport) = try fakeClient(token: token, log: logs.sink) { request, _ in
            let echoed = request.header("Authorization") ?? ""
            return FakeTransport.json(
                401,
                #"{"errors": ["bad token \#(token) in header \#(echoed)"], "request_id": "req-\#(token)"}"#)
        }
        let error = try await #require(throws: PylonAPIError.self) { try await client.me() }
        #expect(transport.requests.first?.header("Authorization") == "Bearer \(token)")
        #expect(error.description.contains("PYLON_API_TOKEN"))
        #expect(!error.description.contains(token))
        #expect(!"\(error.errors) \(error.requestID ?? "")".contains(token))
        #expect(!logs.lines.isEmpty)
        #expect(logs.lines.allSatisfy { !$0.contains(token) })
    }

    @Test func attachmentsAreSentAsMultipartWithFilenameAndType() async throws {
        let (client, transport) = try fakeClient { _, _ in
            FakeTransport.json(200, #"{"data": {"id": "f1", "url": "https://cdn.example/f1.png"}}"#)
        }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
        let attachment = try await client.uploadAttachment(
            data: png, filename: "diagram.png", contentType: "image/png")
        #expect(attachment.url == "https://cdn.example/f1.png")
        let request = try #require(transport.requests.first)
        let contentType = try #require(request.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let body = try #require(request.body)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains(#"Content-Disposition: form-data; name="file"; filename="diagram.png""#))
        #expect(text.contains("Content-Type: image/png"))
        #expect(body.range(of: png) != nil)
    }
}
