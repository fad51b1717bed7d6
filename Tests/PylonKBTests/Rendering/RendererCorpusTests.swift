import Foundation
import PylonKB
import Testing

/// The DuckDuckGo help pages (a real Jekyll/kramdown corpus in `../shared/corpora`) render
/// without surprises: nothing dangerous, no template syntax left, and every same-page `#anchor`
/// link lands on a heading id of its article.
@Suite struct RendererCorpusTests {
    static let corpus = RenderingTestSupport.sharedDirectory.appendingPathComponent("corpora/ddg-help/_docs")

    static func articles() throws -> [(path: String, input: RenderInput)] {
        guard let enumerator = FileManager.default.enumerator(atPath: corpus.path) else { return [] }
        var result: [(String, RenderInput)] = []
        for case let path as String in enumerator where path.hasSuffix(".md") {
            let text = try String(contentsOf: corpus.appendingPathComponent(path), encoding: .utf8)
            var lines = text.components(separatedBy: "\n")
            var offset = 0
            if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
                offset = end + 1
                lines.removeFirst(offset)
            }
            result.append(
                (path, RenderInput(markdown: lines.joined(separator: "\n"), path: path, lineOffset: offset)))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    @Test func corpusRendersCleanly() throws {
        let articles = try Self.articles()
        #expect(articles.count > 200)
        var anchorLinks = 0
        for (path, input) in articles {
            let article = Renderer().render(input, resolver: .unresolved)
            #expect(RendererXSSTests.dangers(in: article.html).isEmpty, "\(path)")
            #expect(
                !article.html.contains("{{") && !article.html.contains("{%"), "\(path) keeps template syntax")
            #expect(!article.html.contains("{:"), "\(path) keeps kramdown markup")
            for diagnostic in article.diagnostics {
                #expect(diagnostic.path == path && (diagnostic.line ?? 0) > input.lineOffset)
            }
            var rest = Substring(article.html)
            while let range = rest.range(of: "href=\"#") {
                let after = rest[range.upperBound...]
                let anchor = after.prefix { $0 != "\"" }
                rest = after
                // Footnote links point at footnote ids, which are not headings.
                if anchor.hasPrefix("fn-") || anchor.hasPrefix("fnref-") { continue }
                anchorLinks += 1
                #expect(article.anchors.contains(String(anchor)), "\(path): #\(anchor) matches no heading")
            }
        }
        #expect(anchorLinks > 20)
    }
}
