import Foundation
import PylonHTML
import PylonKB
import Testing

@Suite("Preview site integrity")
struct PreviewIntegrityTests {
    func render(_ root: URL) async throws -> (ContentCheck.Result, URL) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pylon-kb-preview-\(UUID().uuidString)")
        let result = try await ContentCheck.run(
            root: root, render: Renderer().render, resolver: { PreviewSiteWriter.resolvers(for: $0) })
        _ = try PreviewSiteWriter(contentRoot: root, outputDirectory: out)
            .write(tree: result.tree, pages: result.report.pages)
        return (result, out)
    }

    /// Every page's local links, stylesheets, scripts, search index and images point at files
    /// the site holds, and every `#fragment` names an element of the page it points to: what a reader
    /// clicking through the sample would notice first.
    @Test func everyLocalReferenceOfTheSampleResolves() async throws {
        let (result, out) = try await render(TestPaths.sampleContent)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.report.diagnostics.isEmpty)
        let pages = Self.files(under: out).filter { $0.hasSuffix(".html") }
        #expect(pages.count == result.tree.pageCount + 1)
        var idsByPage: [String: Set<String>] = [:]
        var references: [(page: String, target: String, fragment: String?)] = []
        for page in pages {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            let nodes = HTMLParser.parseFragment(html)
            idsByPage[page] = Set(Self.elements(nodes).compactMap { $0[attribute: "id"] })
            // Only the preview's own script files run: the policy forbids inline script, and
            // the page has none.
            #expect(
                html.contains(
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"
                ),
                "\(page) has no Content-Security-Policy")
            for script in Self.elements(nodes) where script.name == "script" {
                #expect(script[attribute: "src"] != nil, "\(page) has an inline script")
            }
            for element in Self.elements(nodes) {
                let reference: String? =
                    switch element.name {
                    case "a", "link": element[attribute: "href"]
                    case "img", "script": element[attribute: "src"]
                    case "body": element[attribute: "data-search-index"]
                    default: nil
                    }
                guard let reference, !reference.hasPrefix("data:"), !reference.contains("://") else {
                    continue
                }
                let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0])
                let target =
                    path.isEmpty
                    ? page
                    : ContentPath.resolve(path.removingPercentEncoding ?? path, fromFile: page)
                        ?? "(outside the site)/\(path)"
                references.append((page, target, parts.count > 1 ? String(parts[1]) : nil))
            }
        }
        #expect(references.count > 200)
        for reference in references {
            #expect(
                FileManager.default.fileExists(atPath: out.appendingPathComponent(reference.target).path),
                "\(reference.page) refers to \(reference.target), which the preview does not have")
            if let fragment = reference.fragment, let ids = idsByPage[reference.target] {
                #expect(
                    ids.contains(fragment),
                    "\(reference.page) links to \(reference.target)#\(fragment): no such id")
            }
        }
    }

    @Test func titlesAreEscapedInPagesAndTheSearchIndex() async throws {
        let hostile = "<script>alert(1)</script> & \"quotes\" </b>"
        let content = try TemporaryContent([
            "guides/_collection.yml": "title: \"<i>Guides</i>\"\n",
            "guides/install.md": "---\ntitle: '\(hostile)'\n---\n\nText.\n",
        ])
        let (result, out) = try await render(content.root)
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.report.diagnostics.isEmpty)
        for page in ["index.html", "guides/install.html"] {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.contains("<script>alert"), "\(page) carries the title unescaped")
            #expect(!html.contains("<i>Guides"), "\(page) carries the collection title unescaped")
            #expect(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &lt;/b&gt;"))
        }
        let entries = try Self.searchIndex(out)
        #expect(entries == [["t": hostile, "u": "guides/install.html", "p": "<i>Guides</i>", "l": ""]])
        let script = try String(
            contentsOf: out.appendingPathComponent("_preview/search-index.js"), encoding: .utf8)
        #expect(!script.contains("<"))
    }

    @Test func searchIndexListsEveryPageAndTranslationWithItsCollections() async throws {
        let content = try TemporaryContent([
            "faq.md": "# Questions\n",
            "guides/_collection.yml": "title: Guides\n",
            "guides/install.md": "# Install\n",
            "guides/install.de.md": "# Installieren\n",
            "guides/advanced/_collection.yml": "title: Advanced\n",
            "guides/advanced/tuning.md": "---\ntitle: Tuning\npublished: false\n---\n",
        ])
        let (_, out) = try await render(content.root)
        defer { try? FileManager.default.removeItem(at: out) }
        let entries = try Self.searchIndex(out).sorted { $0["u"]! < $1["u"]! }
        #expect(
            entries == [
                ["t": "Questions", "u": "faq.html", "p": "", "l": ""],
                ["t": "Tuning", "u": "guides/advanced/tuning.html", "p": "Guides › Advanced", "l": ""],
                ["t": "Installieren", "u": "guides/install.de.html", "p": "Guides", "l": "de"],
                ["t": "Install", "u": "guides/install.html", "p": "Guides", "l": ""],
            ])
        for entry in entries {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(entry["u"]!).path))
        }
        // A page one folder down finds the index, the assets and the search root one level up.
        let tuning = try String(
            contentsOf: out.appendingPathComponent("guides/advanced/tuning.html"), encoding: .utf8)
        #expect(
            tuning.contains(
                "<body data-root=\"../../\" data-search-index=\"../../_preview/search-index.js\">"))
        #expect(tuning.contains("<script src=\"../../_preview/preview.js\" defer></script>"))
        #expect(
            tuning.contains(
                "<a href=\"tuning.html\" aria-current=\"page\">Tuning<span class=\"nav-badge\">draft</span>"))
        #expect(
            tuning.contains(
                "<ol class=\"crumbs\" aria-label=\"Breadcrumb\"><li><a href=\"../../index.html\">Help center</a></li><li><a href=\"../../index.html#collection-guides\">Guides</a></li><li><a href=\"../../index.html#collection-guides/advanced\">Advanced</a></li></ol>"
            ))
    }

    // MARK: - Helpers

    static func searchIndex(_ out: URL) throws -> [[String: String]] {
        let script = try String(
            contentsOf: out.appendingPathComponent("_preview/search-index.js"), encoding: .utf8)
        let prefix = "window.pylonPreviewSearchIndex = "
        try #require(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
    }

    static func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String { files.append(path) }
        return files.sorted()
    }

    static func elements(_ nodes: [HTMLNode]) -> [HTMLElement] {
        nodes.flatMap { node -> [HTMLElement] in
            guard case .element(let element) = node else { return [] }
            return [element] + elements(element.children)
        }
    }
}
