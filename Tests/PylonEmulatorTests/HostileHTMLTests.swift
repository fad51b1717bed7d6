import Foundation
import PylonEmulator
import Testing

/// The hostile profile stores HTML the way a server-side sanitizer might.
@Suite("Hostile HTML normalisation")
struct HostileHTMLTests {
    static let sent = """
        <h2>Title</h2>
        <p><strong>Bold</strong> <em>it's</em>&nbsp;x</p>
        <p><a href="/a" class="link" title='say "hi"'>go</a><br/>next<br />last</p>
        <p><img src="/i.png" alt="Tom&#39;s"></p>
        <pre><code>keep  this
          </code></pre>
        """

    static let stored =
        "<h2>Title</h2><p><strong>Bold</strong><em>it&apos;s</em>&#160;x</p>"
        + "<p><a class=\"link\" href=\"/a\" title=\"say &quot;hi&quot;\">go</a><br>next<br>last</p>"
        + "<p><img alt=\"Tom&apos;s\" src=\"/i.png\"/></p><pre><code>keep  this\n  </code></pre>"

    private func stored(_ client: TestClient, _ id: String, language: String? = nil) async throws -> String {
        try await client.emulator.storedHTML(knowledgeBaseID: client.kb, articleID: id, language: language)
            .draft
    }

    @Test func whitespaceAttributesEntitiesAndVoidTagsAreRewrittenOnCreate() async throws {
        let client = try await TestClient.start { $0.wire = .hostile }
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["body_html": Self.sent])
        let id = try #require(article["id"] as? String)
        #expect(try await stored(client, id) == Self.stored)
    }

    @Test func writingTheStoredHTMLAgainStoresTheSameBytes() async throws {
        let client = try await TestClient.start { $0.wire = .hostile }
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["body_html": Self.sent])
        let id = try #require(article["id"] as? String)
        let first = try await stored(client, id)
        let patched = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)", ["body_html": first])
        #expect(patched.status == 200)
        #expect(try await stored(client, id) == first)
    }

    @Test func theSameInputIsStoredTheSameWayEveryTime() async throws {
        var results: [String] = []
        for _ in 0..<2 {
            let client = try await TestClient.start {
                $0.wire = .hostile; $0.wireSeed = UInt64(results.count)
            }
            let article = try await client.createArticle(["body_html": Self.sent])
            results.append(try await stored(client, try #require(article["id"] as? String)))
            await client.stop()
        }
        #expect(results[0] == results[1])
    }

    @Test func patchesAndTranslationsAreNormalisedToo() async throws {
        let client = try await TestClient.start { $0.wire = .hostile }
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([
            "translations": [["language": "de", "title": "Titel", "body_html": "<p>a</p>\n<p>b</p>"]]
        ])
        let id = try #require(article["id"] as? String)
        #expect(try await stored(client, id, language: "de") == "<p>a</p><p>b</p>")
        _ = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)", ["body_html": "<p>x</p>\n\n<p>y<br/></p>"])
        #expect(try await stored(client, id) == "<p>x</p><p>y<br></p>")
        _ = try await client.patch(
            "/knowledge-bases/\(client.kb)/articles/\(id)",
            ["language": "de", "body_html": "<p>it's</p> <p>z</p>"])
        #expect(try await stored(client, id, language: "de") == "<p>it&apos;s</p><p>z</p>")
    }

    @Test func tidyStoresHTMLAsSent() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle(["body_html": Self.sent])
        #expect(try await stored(client, try #require(article["id"] as? String)) == Self.sent)
    }
}
