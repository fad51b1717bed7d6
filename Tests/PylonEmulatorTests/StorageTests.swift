import Foundation
import PylonEmulator
import PylonHTML
import Testing

@Suite("Sanitizer, persistence and the request log")
struct StorageTests {
    static let realisticBody = """
        <h2 id="setup">Set up</h2><p>Run <code>pylon-kb plan</code> &amp; then apply. Don't worry:\u{00A0}it's "safe".</p>\
        <p><img src="https://cdn.example.com/a.png" alt="Diagram" class="wide"><br>Next line</p>\
        <ul><li>One<ul><li>Nested</li></ul></li><li><a href="https://example.com" title="Ex">Two</a></li></ul>\
        <pre><code class="language-swift">let x = 1
          indented()
        </code></pre><blockquote><p><strong>ℹ️ Note</strong></p><p>Text</p></blockquote>\
        <table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>\
        <details><summary>More</summary><p>Hidden</p></details>
        """

    @Test func sanitizerChangesBytesButNotTheCanonicalForm() async throws {
        let sanitized = EditorSanitizer.sanitize(Self.realisticBody)
        #expect(sanitized != Self.realisticBody)
        #expect(CanonicalHTML.canonicalize(sanitized) == CanonicalHTML.canonicalize(Self.realisticBody))
        #expect(sanitized.contains("<br />"))
        #expect(sanitized.contains("&nbsp;"))
        #expect(
            sanitized.contains("alt=\"Diagram\"")
                && sanitized.contains("src=\"https://cdn.example.com/a.png\" class="))

        let dangerous = EditorSanitizer.sanitize(
            "<p>a</p><script>alert(1)</script><form><input></form><p onclick=\"x\">b</p>")
        #expect(
            !dangerous.contains("script") && !dangerous.contains("form") && !dangerous.contains("onclick"))

        let client = try await TestClient.start { $0.sanitize = true }
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["body_html": Self.realisticBody, "is_published": true])
        let stored = try #require(article["current_published_content_html"] as? String)
        #expect(stored == sanitized)
    }

    @Test func stateSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emulator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await TestClient.start { $0.dataDirectory = directory }
        let collection = try await first.createCollection("Kept")
        let article = try await first.createArticle([
            "title": "Kept article", "collection_id": collection, "is_published": true,
        ])
        await first.stop()
        #expect(
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("emulator.sqlite").path))

        let second = try await TestClient.start { $0.dataDirectory = directory }
        defer { Task { await second.stop() } }
        let fetched = try await second.get(
            "/knowledge-bases/\(second.kb)/articles/\(article["id"] as! String)")
        #expect(fetched.status == 200)
        #expect(fetched.dataObject?["identifier"] as? String == article["identifier"] as? String)
        #expect(fetched.dataObject?["collection_id"] as? String == collection)
        #expect(try await second.get("/knowledge-bases").dataArray?.count == 1)
        #expect(try await second.get("/users").dataArray?.count == 1)
    }

    @Test func requestLogIsReadableInProcessAndOverHTTP() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        _ = try await client.get("/knowledge-bases/\(client.kb)/collections")
        _ = try await client.get("/nowhere")
        let log = await client.emulator.requestLog()
        #expect(log.map(\.path) == ["/knowledge-bases/\(client.kb)/collections", "/nowhere"])
        #expect(log.map(\.endpoint) == [.listCollections, nil])
        #expect(log.map(\.status) == [200, 404])
        let overHTTP = try await client.send("GET", "/_emulator/requests", token: .some(nil))
        let entries = try #require(
            (try JSONSerialization.jsonObject(with: overHTTP.data)) as? [[String: Any]])
        #expect(entries.map { $0["endpoint"] as? String } == ["listCollections", nil])
        _ = try await client.send("DELETE", "/_emulator/requests", token: .some(nil))
        #expect(await client.emulator.requestLog().isEmpty)
    }
}
