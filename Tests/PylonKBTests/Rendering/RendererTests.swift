import Foundation
import PylonKB
import Testing

/// Behaviour a caller relies on beyond the golden files: title handling, line numbers with
/// front matter, the diagnostics of removals, determinism and concurrent use.
@Suite struct RendererTests {
    @Test func dropsTheTitleHeadingOnlyWhenItIsTheTitle() {
        let same = Renderer().render(
            RenderInput(
                markdown: "# Install  the agent\n\nText.\n", path: "a.md", title: "Install the agent"),
            resolver: .unresolved)
        #expect(same.html == "<p>Text.</p>\n")
        let other = Renderer().render(
            RenderInput(markdown: "# Something else\n\nText.\n", path: "a.md", title: "Install the agent"),
            resolver: .unresolved)
        #expect(other.html == "<h2 id=\"something-else\">Something else</h2>\n<p>Text.</p>\n")
        #expect(other.anchors == ["something-else"])
    }

    @Test func permalinksArePublishedAsTheArticleTheyName() {
        let markdown = """
            [install](install), [install again](/guides/install/#requirements), \
            [faq](../faq), [folder](../guides/), [pdf](manual.pdf), [missing](nothing)

            """
        let article = Renderer().render(
            RenderInput(markdown: markdown, path: "guides/a.md"), resolver: RenderingTestSupport.resolver)
        let install = "https://help.example.com/articles/1000000001-install"
        #expect(
            article.html
                == "<p><a href=\"\(install)\">install</a>, <a href=\"\(install)#requirements\">install again</a>, "
                + "<a href=\"https://help.example.com/articles/1000000002-faq\">faq</a>, <a href=\"../guides/\">folder</a>, "
                + "<a href=\"manual.pdf\">pdf</a>, <a href=\"nothing\">missing</a></p>\n")
        // Every local link is a reference `check` validates (it warns about the PDF).
        #expect(
            article.links.map(\.path) == [
                "guides/install", "guides/install", "faq", "guides", "guides/manual.pdf", "guides/nothing",
            ])
    }

    @Test func linesCountFromTheTopOfTheFile() {
        let markdown = "Intro.\n\nSee [install](install.md#setup).\n\n<p onclick=\"x()\">Hi</p>\n"
        let article = Renderer().render(
            RenderInput(markdown: markdown, path: "guides/a.md", lineOffset: 4), resolver: .unresolved)
        #expect(
            article.links == [
                LinkReference(
                    destination: "install.md#setup", path: "guides/install.md", anchor: "setup", line: 7)
            ])
        #expect(
            article.diagnostics == [
                .warning(
                    "guides/a.md", line: 9,
                    "removed onclick attribute from <p> (event handlers are not allowed in Pylon articles)")
            ])
        // Unresolved links keep their href as written (the stable placeholder).
        #expect(article.html.contains(#"<a href="install.md#setup">"#))
    }

    @Test func removalsAreReportedWithTheirLines() {
        let markdown = """
            Text.

            <div>
            <script>
            steal()
            </script>
            <img src="a.png" style="x" onload="y()">
            </div>
            """
        let article = Renderer().render(RenderInput(markdown: markdown, path: "r.md"), resolver: .unresolved)
        #expect(
            article.diagnostics.map(\.description) == [
                "r.md:4: warning: removed <script> element and its content (not allowed in Pylon articles)",
                "r.md:7: warning: removed onload attribute from <img> (event handlers are not allowed in Pylon articles)",
                "r.md:7: warning: removed style attribute from <img> (inline styles are not allowed in Pylon articles)",
            ])
        #expect(!article.html.contains("steal"))
        #expect(article.images == [ImageReference(source: "a.png", path: "a.png", line: 7)])
    }

    @Test func inlineRemovalsPointAtTheirLineInsideAParagraph() {
        let markdown =
            "First line of a paragraph\nsecond line <b onclick=\"x()\">bold</b>\nthird line [bad](javascript:x)\n"
        let article = Renderer().render(
            RenderInput(markdown: markdown, path: "p.md", lineOffset: 2), resolver: .unresolved)
        #expect(article.diagnostics.map(\.line) == [4, 5])
        #expect(article.html.contains("<b>bold</b>"))
        #expect(article.html.contains("third line bad</p>"))
    }

    @Test func strangeInputNeverCrashes() {
        let inputs = [
            "", "\n\n", ":::", ":::note", "!!! note", "??? ", "> [!", "> [!]", "{%", "{{", "{:", "<", "</",
            "<!--", "<a href=", "<img src='", "&#xFFFFFFFF;", "[^1]", "[^1]:", "# ", "######## x", "- [ ]",
            String(repeating: "> ", count: 200) + "[!NOTE]", String(repeating: ":::note\n", count: 5000),
            (0..<200).map { String(repeating: " ", count: $0 * 4) + "!!! note" }.joined(separator: "\n"),
            String(repeating: "<div>", count: 5000), String(repeating: "*a ", count: 5000),
            "# " + String(repeating: "[", count: 5000) + "x",
        ]
        for input in inputs {
            let article = Renderer().render(RenderInput(markdown: input, path: "x.md"), resolver: .unresolved)
            #expect(!article.html.lowercased().contains("<script"))
        }
    }

    /// Varied documents: every golden input plus a few built here.
    static func documents() throws -> [RenderInput] {
        let directory = RenderingTestSupport.snapshotDirectory
        var inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".md") }.sorted()
            .map { name in
                RenderInput(
                    markdown: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8),
                    path: "guides/\(name)")
            }
        inputs.append(
            RenderInput(
                markdown:
                    "~~strike~~ www.example.com https://a.example\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n",
                path: "gfm.md"))
        return inputs
    }

    @Test func concurrentRendersGiveIdenticalBytes() async throws {
        let documents = try Self.documents()
        let renderer = Renderer()
        let resolver = RenderingTestSupport.resolver
        let expected = documents.map { renderer.render($0, resolver: resolver) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for round in 0..<50 {
                        let index = round % documents.count
                        if renderer.render(documents[index], resolver: resolver) != expected[index] {
                            mismatches += 1
                        }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0, "\(mismatches) of 400 concurrent renders differed")
    }
}
