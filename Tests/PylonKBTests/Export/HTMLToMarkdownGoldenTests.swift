import Foundation
import PylonHTML
import PylonKB
import Testing

/// Every construct the converter knows, and HTML Pylon's editor may store that pylon-kb never
/// writes, compared with golden Markdown (`Snapshots/Export/<name>.html` → `<name>.md`).
@Suite struct HTMLToMarkdownGoldenTests {
    static let folder = GoldenFile.snapshotsDirectory.appendingPathComponent("Export")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Inputs written the way the renderer writes HTML: converting and rendering again must
    /// give back the same HTML, which checks the golden Markdown means what it should.
    static let rendererShaped: Set<String> = [
        "blockquotes-callouts", "code-blocks", "escaping", "footnotes", "headings-paragraphs", "lists",
    ]

    @Test func everyConstructHasAGoldenFile() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func convertsToGoldenMarkdown(name: String) throws {
        let html = try String(contentsOf: Self.folder.appendingPathComponent(name + ".html"), encoding: .utf8)
        let conversion = HTMLToMarkdown().convert(html)
        try GoldenFile.assertMatches(conversion.markdown, folder: "Export", name: name + ".md")
        if Self.rendererShaped.contains(name) {
            let rendered = Renderer().render(
                RenderInput(markdown: conversion.markdown, path: "export/\(name).md"), resolver: .unresolved)
            #expect(CanonicalHTML.canonicalize(rendered.html) == CanonicalHTML.canonicalize(html))
            #expect(rendered.diagnostics.isEmpty, "\(rendered.diagnostics)")
            #expect(conversion.keptAsHTML.isEmpty)
        }
    }

    @Test func reportsEveryTagKeptAsHTMLOnce() {
        let html = """
            <p><u>a</u> <u>b</u> <span style="color: red">c</span></p><custom-widget>x</custom-widget>
            <details><summary>s</summary><p>d</p></details>
            """
        #expect(HTMLToMarkdown().convert(html).keptAsHTML == ["u", "span", "custom-widget", "details"])
    }

    /// Inline markup next to words and punctuation, unusual lists: the same HTML after a render.
    @Test(arguments: [
        "<p>foo<em>\"bar\"</em>baz</p>", "<p>x<strong>.</strong>y</p>", "<p>a<code>b</code>c</p>",
        "<p><em>a <strong>b</strong></em> c</p>", "<p>un<em>believ</em>able</p>",
        "<p>www.example.com and https://example.com as plain text</p>",
        "<ol start=\"0\"><li>zero</li></ol>", "<ul><li><pre><code>code\n</code></pre></li></ul>",
        "<ul><li>a</li><li></li></ul>", "<p><em>*</em> and <code> </code></p>",
        "<p><strong><em>both</em></strong> and <em><strong>both</strong></em></p>",
        "<p><em>a</em><em>b</em> <strong>c</strong><strong>d</strong></p>",
        // Kept as written: Markdown would give <em>/<strong>, or percent-encode the address.
        "<p><i>italic</i> and <b>bold</b></p>", "<p><a href=\"https://example.com/?q=!a b\">space</a></p>",
        // Not read as Liquid when the export is published again.
        "<p>Hello {{ customer.name }} and {% if x %}</p>",
    ])
    func inlineMarkupSurvivesARender(html: String) {
        let markdown = HTMLToMarkdown().convert(html).markdown
        let rendered = Renderer().render(RenderInput(markdown: markdown, path: "x.md"), resolver: .unresolved)
        #expect(CanonicalHTML.canonicalize(rendered.html) == CanonicalHTML.canonicalize(html), "\(markdown)")
    }

    /// `<details>` (also the renderer's collapsible callouts) and `<iframe>` stay raw HTML that the
    /// renderer keeps as it was, blank lines inside included.
    @Test(arguments: [
        "<details><summary>More</summary><p>Hidden <em>text</em>.</p>\n\n<p>After a blank line.</p></details>",
        """
        <details class="callout callout-tip"><summary><strong>💡 Tip</strong></summary><p>Folded.</p></details>
        """,
        "<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>",
        "<pre><code>two\n\nparagraphs\n</code></pre><p>after</p>",
        // Wrappers docs sources write around Markdown (Docsy, Docusaurus), blank lines inside.
        "<div class=\"td-wide\"><p>Text</p><pre><code>{{< tab >}}\n\n{{% x %}}\n</code></pre></div><p>after</p>",
        "<div><img src=\"https://example.com/a.png\"></div>", "<div><p>Para</p></div>",
        // An id in a callout's title (Docsy's `> [!TIP] Title <a id="x"></a>`) stays a target.
        "<blockquote class=\"callout callout-tip\"><p><strong>💡 In-page targets<a id=\"tip\"></a></strong></p><p>Body</p></blockquote>",
        // A raw HTML block of inline tags (Docsy's badge): `<span …>` alone on its line.
        "<span class=\"badge\">\n<i class=\"fa\"></i> Under construction.\n</span><p>After</p>",
        // Raw <h3> headings in the source with no <h2>: as Markdown they would publish as <h2>.
        "<p>Intro</p><h3 id=\"one\">One</h3><p>a</p><h4 id=\"two\">Two</h4>",
    ])
    func rawBlocksSurviveARender(html: String) {
        let markdown = HTMLToMarkdown().convert(html).markdown
        let rendered = Renderer().render(RenderInput(markdown: markdown, path: "x.md"), resolver: .unresolved)
        #expect(CanonicalHTML.canonicalize(rendered.html) == CanonicalHTML.canonicalize(html), "\(markdown)")
    }

    @Test func unknownContentIsNeverDropped() {
        let html = "<custom-widget data-id=\"7\"><p>Widget content</p></custom-widget><p><u>under</u></p>"
        let markdown = HTMLToMarkdown().convert(html).markdown
        #expect(markdown.contains("<custom-widget data-id=\"7\">"))
        #expect(markdown.contains("Widget content"))
        #expect(markdown.contains("<u>under</u>"))
    }

    @Test func rewritesLinksAndImages() {
        let html = """
            <p><a href="/articles/123-install#step">Install</a> <a href="https://x.test/">out</a> \
            <img src="https://cdn.test/a.png" alt="A"></p>
            """
        let markdown = HTMLToMarkdown().convert(
            html,
            linkRewriter: { $0.hasPrefix("/articles/123-") ? "../guides/install.md#step" : nil },
            imageRewriter: { $0 == "https://cdn.test/a.png" ? "images/a.png" : nil }
        ).markdown
        #expect(
            markdown == "[Install](../guides/install.md#step) [out](https://x.test/) ![A](images/a.png)\n")
    }

    /// Text full of Markdown syntax comes back as the same text after a render.
    @Test(arguments: [
        "*a* _b_ [c](d) `e` ~~f~~ <g> \\h &amp; {{ i }} {% j %} {: k}",
        "# heading", "1. item", "+ item", "- item", "> quote", "=== setext", "a | b", "10) x",
        "ends with a backslash \\",
    ])
    func specialTextSurvives(text: String) {
        let html = "<p>" + HTMLSerializer.escapeText(text) + "</p>"
        let markdown = HTMLToMarkdown().convert(html).markdown
        let rendered = Renderer().render(RenderInput(markdown: markdown, path: "x.md"), resolver: .unresolved)
        #expect(CanonicalHTML.canonicalize(rendered.html) == CanonicalHTML.canonicalize(html), "\(markdown)")
    }

    /// Linear in the input: 2,000 sections with lists and tables (about 600 KB) convert in seconds.
    @Test func largeArticleConvertsQuickly() {
        let unit = """
            <h2 id="s">Section</h2><p>Some <em>text</em> with <a href="/x">a link</a>.</p>\
            <ul><li>one</li><li>two<ul><li>three</li></ul></li></ul>\
            <table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>
            """
        let html = String(repeating: unit, count: 2_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = HTMLToMarkdown().convert(html) }
        // A guard against quadratic work (which would take minutes), loose enough for a loaded machine.
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
