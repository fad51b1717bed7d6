import Foundation
import PylonKB
import PylonKBTestSupport
import Testing

@Suite struct CorpusGeneratorTests {
    private func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
    }

    @Test func aGeneratedCorpusChecksCleanWithEveryKindOfContent() async throws {
        let root = temporary()
        let paths = try CorpusGenerator(articleCount: 300, seed: 7).write(to: root)
        #expect(paths.count == 300)
        let renderer = Renderer()
        let result = try await ContentCheck.run(root: root, render: { renderer.render($0, resolver: $1) })
        #expect(result.report.errorCount == 0, "\(result.report.diagnostics.prefix(5))")
        #expect(result.report.warningCount == 0, "\(result.report.diagnostics.prefix(5))")
        #expect(result.tree.articles.count == 300)
        #expect(Set(result.tree.collections.map(\.path)).count > 10)
        let html = result.report.pages.map(\.rendered.html).joined()
        for construct in [
            "<table>", "<pre><code class=\"language-bash\">", "class=\"callout callout-note\"", "<ol>",
            "<img ",
        ] {
            #expect(html.contains(construct), "no \(construct) in the corpus")
        }
        #expect(result.report.pages.flatMap(\.rendered.links).count > 300)
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = temporary()
        let second = temporary()
        let paths = try CorpusGenerator(articleCount: 50, seed: 3).write(to: first)
        try CorpusGenerator(articleCount: 50, seed: 3).write(to: second)
        for path in paths {
            #expect(
                FileManager.default.contents(atPath: first.appendingPathComponent(path).path)
                    == FileManager.default.contents(atPath: second.appendingPathComponent(path).path))
        }
        let other = temporary()
        try CorpusGenerator(articleCount: 50, seed: 4).write(to: other)
        #expect(
            FileManager.default.contents(atPath: first.appendingPathComponent(paths[0]).path)
                != FileManager.default.contents(atPath: other.appendingPathComponent(paths[0]).path))
    }
}
