import Foundation
import PylonKB
import Testing

/// One golden pair per rendering rule: `Snapshots/Rendering/<name>.md` renders (as
/// `guides/<name>.md`, resolved by `RenderingTestSupport.resolver`) to exactly `<name>.html`,
/// and what the renderer found (anchors, links, images, diagnostics) is `<name>.report.txt`.
@Suite struct RendererGoldenTests {
    static let names: [String] = {
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: RenderingTestSupport.snapshotDirectory.path))
            ?? []
        return files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    static func render(_ name: String) throws -> RenderedArticle {
        let markdown = try String(
            contentsOf: RenderingTestSupport.snapshotDirectory.appendingPathComponent("\(name).md"),
            encoding: .utf8)
        return Renderer().render(
            RenderInput(markdown: markdown, path: "guides/\(name).md"),
            resolver: RenderingTestSupport.resolver)
    }

    static func report(_ article: RenderedArticle) -> String {
        var lines = ["anchors: " + article.anchors.joined(separator: " ")]
        lines.append("links:")
        for link in article.links {
            lines.append(
                "  line \(link.line): \(link.destination) -> \(link.path ?? "(outside the content root)")"
                    + (link.anchor.map { " #\($0)" } ?? ""))
        }
        lines.append("images:")
        for image in article.images {
            lines.append(
                "  line \(image.line): \(image.source) -> \(image.path ?? "(outside the content root)")")
        }
        lines.append("diagnostics:")
        lines += article.diagnostics.map { "  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func everyRuleHasAGoldenCase() {
        for rule in [
            "headings", "callouts-github", "callouts-colon", "callouts-mkdocs", "tasklists", "tables", "code",
            "footnotes", "links", "images", "raw-html-allowed", "raw-html-removed", "liquid-kramdown",
        ] {
            #expect(Self.names.contains(rule), "no golden case for \(rule)")
        }
    }

    @Test(arguments: names) func rendersLikeItsGoldenFile(name: String) throws {
        let article = try Self.render(name)
        try RenderingTestSupport.assertSnapshot(article.html, named: "\(name).html")
        try RenderingTestSupport.assertSnapshot(Self.report(article), named: "\(name).report.txt")
    }
}
