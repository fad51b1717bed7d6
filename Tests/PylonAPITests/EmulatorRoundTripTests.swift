import Foundation
import PylonAPI
import PylonEmulator
import Testing

/// Every client call over real HTTP against the in-process emulator.
@Suite struct EmulatorRoundTripTests {
    private let kb = EmulatorHarness.kb

    @Test func everyCallRoundTrips() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)

        #expect(try await client.me().name == emulator.seed.organizationName)
        #expect(try await client.listKnowledgeBases().map(\.id) == [kb])
        let base = try await client.knowledgeBase(id: kb)
        #expect(base.supportedLanguages == ["en", "de"])
        let users = try await client.listUsers()
        #expect(users.map(\.id) == [EmulatorHarness.author])
        #expect(try await client.user(id: EmulatorHarness.author).email == "author@example.com")
        #expect(
            try await client.searchUsers(email: "author@example.com").map(\.id) == [EmulatorHarness.author])
        #expect(try await client.searchUsers(email: "nobody@example.com").isEmpty)

        let parent = try await client.createCollection(
            knowledgeBaseID: kb,
            CreateCollectionRequest(title: "Guides", slug: "guides", description: "All guides"))
        let parentID = try #require(parent.id)
        let child = try await client.createCollection(
            knowledgeBaseID: kb,
            CreateCollectionRequest(title: "Setup", slug: "setup", parentCollectionID: parentID))
        #expect(child.parentCollectionID == parentID)
        #expect(
            Set(try await client.listCollections(knowledgeBaseID: kb).compactMap(\.id)) == [
                parentID, child.id,
            ])
        #expect(try await client.collection(knowledgeBaseID: kb, id: parentID).title == "Guides")

        var body = EmulatorHarness.article("install", title: "Install")
        body.collectionID = child.id
        body.translations = [
            ArticleTranslationInput(language: "de", title: "Installieren", bodyHTML: "<p>Hallo</p>")
        ]
        body.visibilityConfig = VisibilityConfig(visibility: "public", aiAgentAccess: "inherit")
        let created = try await client.createArticle(knowledgeBaseID: kb, body)
        let articleID = try #require(created.id)
        #expect(created.slug == "install")
        #expect(created.identifier?.allSatisfy(\.isNumber) == true)
        #expect(created.isPublished == true)
        #expect(
            try await client.article(knowledgeBaseID: kb, id: articleID, language: "de").title
                == "Installieren")

        let updated = try await client.updateArticle(
            knowledgeBaseID: kb, id: articleID,
            UpdateArticleRequest(bodyHTML: "<p>New</p>", publishUpdatedBodyHTML: true))
        #expect(updated.currentPublishedContentHTML?.contains("New") == true)
        _ = try await client.updateArticle(
            knowledgeBaseID: kb, id: articleID,
            UpdateArticleRequest(title: "Neu installieren", language: "de"))
        #expect(
            try await client.article(knowledgeBaseID: kb, id: articleID, language: "de").title
                == "Neu installieren")
        #expect(try await client.article(knowledgeBaseID: kb, id: articleID).title == "Install")

        let listed = try await client.listArticles(knowledgeBaseID: kb)
        #expect(listed.map(\.id) == [articleID])
        let page = try await client.articlesPage(knowledgeBaseID: kb, limit: 1)
        #expect(page.items.map(\.id) == [articleID])
        #expect(page.hasNextPage == false)

        let fromPath = "/articles/1234567890-old-install"
        let redirect = try await client.createRouteRedirect(
            knowledgeBaseID: kb, CreateRouteRedirectRequest(fromPath: fromPath, objectID: articleID))
        #expect(redirect.fromPath == fromPath)
        #expect(try await emulator.routeRedirects(knowledgeBaseID: kb).map(\.objectID) == [articleID])

        let attachment = try await client.uploadAttachment(
            data: Data([0x89, 0x50, 0x4E, 0x47]), filename: "diagram.png", contentType: "image/png")
        #expect(attachment.url?.isEmpty == false)

        try await client.deleteArticle(knowledgeBaseID: kb, id: articleID)
        let missing = try await #require(throws: PylonAPIError.self) {
            try await client.article(knowledgeBaseID: kb, id: articleID)
        }
        #expect(missing.status == 404)
        #expect(missing.description.contains("article \(articleID) in knowledge base \(kb) was not found"))
        #expect(missing.requestID != nil)

        try await client.deleteCollection(knowledgeBaseID: kb, id: parentID)
        #expect(try await client.listCollections(knowledgeBaseID: kb).isEmpty)
    }

    @Test func listingFollowsEveryPageOf2500Articles() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        let slugs = (0..<2500).map { "article-\($0)" }
        let created = try await EmulatorHarness.createArticles(client, slugs: slugs, concurrency: 16)
        #expect(created.count == 2500)
        await emulator.resetRequestLog()

        let listed = try await client.listArticles(knowledgeBaseID: kb)
        #expect(listed.count == 2500)
        #expect(Set(listed.compactMap(\.slug)) == Set(slugs))
        let listings = await emulator.requestLog().filter { $0.endpoint == .listArticles }
        #expect(listings.count == 3)

        let smallPages = try await client.listArticles(knowledgeBaseID: kb, pageSize: 500)
        #expect(smallPages.count == 2500)
        let first = try await client.articlesPage(knowledgeBaseID: kb, limit: 100)
        #expect(first.items.count == 100)
        #expect(first.hasNextPage)
        let second = try await client.articlesPage(knowledgeBaseID: kb, cursor: first.cursor, limit: 100)
        #expect(Set(second.items.compactMap(\.id)).isDisjoint(with: first.items.compactMap(\.id)))
    }

    @Test func aWrongTokenNamesTheVariableAndNeverTheToken() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let logs = LogLines()
        let client = try EmulatorHarness.client(emulator, token: "wrong-token-xyz", log: logs.sink)
        let error = try await #require(throws: PylonAPIError.self) { try await client.listKnowledgeBases() }
        #expect(error.status == 401)
        #expect(error.description.contains("PYLON_API_TOKEN"))
        #expect(error.requestID != nil)
        #expect(!error.description.contains("wrong-token-xyz"))
        #expect(logs.lines.allSatisfy { !$0.contains("wrong-token-xyz") })
        // Not retried: a bad token does not get better.
        #expect(await emulator.requestLog().count == 1)
    }
}
