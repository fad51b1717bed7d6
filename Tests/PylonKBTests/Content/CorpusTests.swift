import Foundation
import PylonKB
import Testing

@Suite("Real corpora: the sample knowledge base and DuckDuckGo's Jekyll help pages")
struct CorpusTests {
    /// Markdown files that are articles or translations: not under `_`/`.` names.
    static func articleFiles(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".md"), ContentLoader.isContent(path) { files.append(path) }
        }
        return files.sorted()
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pylon-kb-preview-\(UUID().uuidString)")
    }

    func renderPreview(_ root: URL, to out: URL) async throws -> (
        ContentCheck.Result, PreviewSiteWriter.Output
    ) {
        let renderer = Renderer()
        let result = try await ContentCheck.run(
            root: root, render: renderer.render,
            resolver: { tree in PreviewSiteWriter.resolvers(for: tree) })
        let output = try PreviewSiteWriter(contentRoot: root, outputDirectory: out)
            .write(tree: result.tree, pages: result.report.pages)
        return (result, output)
    }

    @Test func sampleContentChecksCleanAndRendersEveryArticle() async throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let (result, output) = try await renderPreview(TestPaths.sampleContent, to: out)
        #expect(result.report.diagnostics.map(\.description) == [])
        let sources = Self.articleFiles(under: TestPaths.sampleContent)
        #expect(sources.count >= 13)
        #expect(output.pagesWritten == sources.count)
        for source in sources {
            let page = out.appendingPathComponent(PreviewSiteWriter.pagePath(for: source))
            #expect(FileManager.default.fileExists(atPath: page.path), "no preview page for \(source)")
        }
        let index = try String(contentsOf: output.index, encoding: .utf8)
        for article in result.tree.articles {
            #expect(
                index.contains("href=\"\(PreviewSiteWriter.pagePath(for: article.path))\""),
                "index lacks \(article.path)")
        }
        // Images are copied and referenced relative to the page.
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent("routing/images/routing-flow.png").path))
        let rules = try String(
            contentsOf: out.appendingPathComponent("routing/routing-rules.html"), encoding: .utf8)
        #expect(rules.contains("src=\"images/routing-flow.png\""))
        #expect(rules.contains("href=\"escalation-policies.html#how-escalation-works\""))
    }

    @Test func sampleContentUsesEveryFrontMatterKeyAndCalloutSyntax() async throws {
        let result = try await ContentCheck.run(root: TestPaths.sampleContent, render: Renderer().render)
        let usedKeys = Set(result.tree.articles.flatMap { $0.frontMatter.keyLines.keys })
        #expect(usedKeys == Set(FrontMatter.knownKeys))
        #expect(result.tree.configuration.target == .local)
        #expect(result.tree.configuration.author == "docs@example.com")
        #expect(result.tree.collections.contains { $0.parentPath != nil })
        #expect(result.tree.articles.contains { !$0.translations.isEmpty })
        let markdown = result.tree.articles.map(\.markdown).joined(separator: "\n")
        for syntax in [
            "> [!NOTE]", ":::tip", "!!! warning", "```python", "```json", "```go", ":---:", "---:",
        ] {
            #expect(markdown.contains(syntax), "the sample content lacks \(syntax)")
        }
    }

    /// The corpus is in `../shared` locally and in CI; a missing corpus fails the test.
    @Test func ddgHelpPagesCheckAndRenderWithoutCrashing() async throws {
        try #require(
            FileManager.default.fileExists(atPath: TestPaths.ddgDocs.path),
            "missing \(TestPaths.ddgDocs.path)")
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let (result, output) = try await renderPreview(TestPaths.ddgDocs, to: out)
        let sources = Self.articleFiles(under: TestPaths.ddgDocs)
        #expect(sources.count > 200)
        #expect(output.pagesWritten == sources.count)
        #expect(result.tree.pageCount == sources.count)

        let warnings = result.report.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("{% include category-footer-nav.md %}") })
        #expect(warnings.contains { $0.contains("{{ site.baseurl }}") })
        #expect(warnings.contains { $0.contains("{:target=") })
        #expect(
            warnings.contains {
                $0.hasPrefix(
                    "Front matter key `nav_title` is not read by pylon-kb and is ignored (docs/front-matter.md lists the keys it reads; docs/adopting.md those of each dialect). (166 files: "
                )
            })

        // Every error is one of the problems this corpus really has: Jekyll redirect stubs
        // without a title, file names that are not valid slugs (`-bg_BG`, `.index`), slugs
        // used twice across folders, images under /images, which lives outside _docs, and
        // links to sections, headings and a PDF the corpus does not have.
        let errors = result.report.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        let expectedKinds = [
            "This article has no title;", "is not valid: slugs may contain only", "is also used by",
            "does not exist (looked for images/",
            "The link `/search-privacy/` points to search-privacy, which does not exist",
            "The link `/web-browsing-privacy` points to web-browsing-privacy, which does not exist",
            "points to #embedded-social-content-tracking-protection, which is not a heading",
            "The link `/pdfs/2025-02-dsa-transparency-report.pdf` points to pdfs/2025-02-dsa-transparency-report.pdf, which does not exist",
        ]
        for error in errors {
            #expect(expectedKinds.contains { error.message.contains($0) }, "unexpected error: \(error)")
        }
        #expect(errors.contains { $0.message.hasPrefix("The image `/images/") })
    }
}
