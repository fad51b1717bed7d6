import Foundation
import PylonEmulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Lifecycle, seeds and preview")
struct LifecycleTests {
    @Test func runServesUntilItsTaskIsCancelled() async throws {
        let (started, continuation) = AsyncStream<RunningEmulator>.makeStream()
        let task = Task {
            try await PylonEmulator.run(EmulatorConfiguration(token: TestClient.token)) { emulator in
                continuation.yield(emulator)
            }
        }
        var iterator = started.makeAsyncIterator()
        let emulator = try #require(await iterator.next())
        let client = TestClient(emulator: emulator)
        #expect(try await client.get("/me").status == 200)
        task.cancel()
        _ = await task.result
        await #expect(throws: (any Error).self) { _ = try await client.get("/me") }
    }

    @Test func seedFilesAddKnowledgeBasesAndUsersOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("seed.json")
        try Data(
            """
            {"organization_name": "Acme",
             "knowledge_bases": [{"id": "kb-docs", "title": "Docs", "slug": "docs",
                                  "supported_languages": ["en", "fr"]}],
             "users": [{"email": "writer@example.com"}]}
            """.utf8
        ).write(to: file)
        let seed = try EmulatorSeed.load(contentsOf: file)
        #expect(seed.knowledgeBases.first?.defaultLanguage == "en")
        var userIDs: [String] = []
        for _ in 0..<2 {
            let client = try await TestClient.start {
                $0.seed = seed
                $0.dataDirectory = directory.appendingPathComponent("data")
            }
            #expect(try await client.get("/me").dataObject?["name"] as? String == "Acme")
            let bases = try await client.get("/knowledge-bases")
            #expect(bases.dataArray?.map { $0["slug"] as? String } == ["docs"])
            let users = try await client.get("/users")
            #expect(users.dataArray?.count == 1)
            userIDs.append(try #require(users.dataArray?.first?["id"] as? String))
            await client.stop()
        }
        #expect(userIDs[0] == userIDs[1])
        #expect(UUID(uuidString: userIDs[0]) != nil)

        try Data("{\"knowledge_bases\": [{\"title\": 1}]}".utf8).write(to: file)
        #expect(throws: EmulatorError.self) { try EmulatorSeed.load(contentsOf: file) }
    }

    @Test func previewShowsPublishedListedArticlesInTheirCollections() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let guides = try await client.createCollection("Guides")
        _ = try await client.createArticle([
            "title": "Visible guide", "collection_id": guides, "is_published": true,
        ])
        _ = try await client.createArticle(["title": "Draft guide", "collection_id": guides])
        _ = try await client.createArticle([
            "title": "Hidden guide", "is_published": true, "is_unlisted": true,
        ])
        let index = try await client.send("GET", "/", token: .some(nil))
        #expect(index.status == 200)
        #expect(String(decoding: index.data, as: UTF8.self).contains("/kb/help/"))
        let tree = String(
            decoding: try await client.send("GET", "/kb/help/", token: .some(nil)).data, as: UTF8.self)
        #expect(tree.contains("Guides"))
        #expect(tree.contains("Visible guide"))
        #expect(!tree.contains("Draft guide"))
        #expect(!tree.contains("Hidden guide"))
        #expect(try await client.send("GET", "/kb/nope/", token: .some(nil)).status == 404)
    }
}
