import Foundation
import PylonEmulator
import PylonPreview
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Emulator preview pages")
struct PreviewPageTests {
    func page(_ client: TestClient, _ path: String) async throws -> (status: Int, type: String?, text: String)
    {
        let result = try await client.send("GET", path, token: .some(nil))
        return (result.status, result.header("Content-Type"), String(decoding: result.data, as: UTF8.self))
    }

    @Test func titlesAreEscapedInPagesAndSearchIndex() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let hostile = "<script>alert(1)</script> & \"quotes\""
        let collection = try await client.createCollection("<b>Guides</b>")
        let article = try await client.createArticle([
            "title": hostile, "collection_id": collection, "is_published": true,
        ])
        let home = try await page(client, "/kb/help/")
        #expect(home.status == 200)
        #expect(!home.text.contains("<script>alert"))
        #expect(!home.text.contains("<b>Guides"))
        #expect(home.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(home.text.contains("&lt;b&gt;Guides&lt;/b&gt;"))

        // The search index is a JSON data block in which no title can close the element.
        let block = try #require(Self.searchIndex(in: home.text))
        #expect(!block.contains("<"))
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [[String: String]])
        let url = "/kb/help/articles/\(article["identifier"] as! String)-\(article["slug"] as! String)"
        #expect(entries == [["t": hostile, "u": url, "p": "<b>Guides</b>", "l": ""]])

        let articlePage = try await page(client, url)
        #expect(articlePage.status == 200)
        #expect(!articlePage.text.contains("<script>alert"))
        #expect(articlePage.text.contains("<h1 class=\"article-title\">&lt;script&gt;alert(1)"))
        // The tree marks the article and the breadcrumb leads back to its collection.
        #expect(articlePage.text.contains("<a href=\"\(url)\" aria-current=\"page\">"))
        #expect(
            articlePage.text.contains("<li><a href=\"/kb/help/#collection-\(collection)\">&lt;b&gt;Guides"))
        #expect(home.text.contains("id=\"collection-\(collection)\""))
    }

    @Test func articleLinksAndLocalImagesStayInThePreview() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let target = try await client.createArticle(["title": "Target", "is_published": true])
        let targetPath = "\(target["identifier"] as! String)-\(target["slug"] as! String)"
        let body = """
            <p><a href="https://help.example.com/articles/\(targetPath)#setup">absolute</a>
            <a href="/articles/\(targetPath)">relative</a>
            <a href="https://help.example.com/articles/\(target["identifier"] as! String)-other-slug">wrong slug</a>
            <a href="https://example.org/docs">external</a></p>
            <p><img src="http://127.0.0.1:1/attachments/abc/flow.png" alt="Flow">
            <img src="https://cdn.example.org/attachments/abc/x.png" alt="Remote"></p>
            """
        let source = try await client.createArticle([
            "title": "Source", "body_html": body, "is_published": true,
        ])
        let text = try await page(
            client, "/kb/help/articles/\(source["identifier"] as! String)-\(source["slug"] as! String)"
        ).text
        #expect(text.contains("<a href=\"/kb/help/articles/\(targetPath)#setup\">absolute</a>"))
        #expect(text.contains("<a href=\"/kb/help/articles/\(targetPath)\">relative</a>"))
        #expect(text.contains("-other-slug\">wrong slug</a>"))
        #expect(text.contains("<a href=\"https://example.org/docs\">external</a>"))
        #expect(text.contains("<img src=\"/attachments/abc/flow.png\" alt=\"Flow\""))
        #expect(text.contains("<img src=\"https://cdn.example.org/attachments/abc/x.png\""))
    }

    @Test func servesTheSharedAssetsAndAPolicyWithoutInlineScript() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let css = try await page(client, "/_preview/style.css")
        #expect(css.status == 200 && css.type?.hasPrefix("text/css") == true)
        #expect(css.text.contains(".callout-warning"))
        let script = try await page(client, "/_preview/preview.js")
        #expect(script.status == 200 && script.type?.hasPrefix("text/javascript") == true)
        #expect(!script.text.contains("innerHTML"))
        #expect(try await page(client, "/_preview/other.js").status == 404)

        let home = try await page(client, "/")
        #expect(home.type?.hasPrefix("text/html") == true)
        #expect(home.text.contains("content=\"default-src 'self'; script-src 'self';"))
        #expect(home.text.contains("<link rel=\"stylesheet\" href=\"/_preview/style.css\">"))
        #expect(home.text.contains("<script src=\"/_preview/preview.js\" defer></script>"))
        // Every script element either loads a file or is the (non-executed) JSON data block.
        for element in home.text.components(separatedBy: "<script").dropFirst() {
            #expect(element.hasPrefix(" src=") || element.hasPrefix(" type=\"application/json\""))
        }
    }

    static func searchIndex(in html: String) -> String? {
        let start = "<script type=\"application/json\" id=\"search-index\">"
        guard let open = html.range(of: start),
            let close = html.range(of: "</script>", range: open.upperBound..<html.endIndex)
        else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }
}
