import Foundation
import PylonHTML
import PylonKB
import Testing

/// Rendering an article, converting the HTML back to Markdown and rendering that again gives
/// the same HTML (canonical form) for every article of the sample content and the DuckDuckGo
/// help corpus.
@Suite struct HTMLToMarkdownRoundTripTests {
    /// Articles whose round trip is known to differ, with the reason. The test fails when one
    /// of these starts to round-trip (remove it) or when any other article differs.
    static let knownDifferences: [String: String] = [:]

    static func articles(under root: URL) async throws -> [Article] {
        try await ContentLoader(root: root).load().tree.articles.sorted { $0.path < $1.path }
    }

    /// The HTML of the first rendering and of the re-rendered export, both canonical.
    static func roundTrip(_ article: Article) -> (first: String, second: String, markdown: String) {
        let first = Renderer().render(article.renderInput, resolver: .unresolved).html
        let markdown = HTMLToMarkdown().convert(first).markdown
        let second = Renderer().render(
            RenderInput(markdown: markdown, path: article.path, title: article.title), resolver: .unresolved
        ).html
        return (CanonicalHTML.canonicalize(first), CanonicalHTML.canonicalize(second), markdown)
    }

    @Test(arguments: [("content", TestPaths.sampleContent), ("ddg-help", TestPaths.ddgDocs)])
    func everyArticleRoundTrips(corpus: String, root: URL) async throws {
        let articles = try await Self.articles(under: root)
        #expect(articles.count > (corpus == "content" ? 10 : 200))
        var exact = 0
        for article in articles {
            let result = Self.roundTrip(article)
            let key = "\(corpus)/\(article.path)"
            if result.first == result.second {
                exact += 1
                #expect(Self.knownDifferences[key] == nil, "\(key) round-trips now; remove it from the list")
            } else if Self.knownDifferences[key] == nil {
                Issue.record(
                    Comment(
                        rawValue: "\(key) does not round-trip:\n"
                            + GoldenFile.lineDiff(
                                expected: result.first.replacingOccurrences(of: "><", with: ">\n<"),
                                actual: result.second.replacingOccurrences(of: "><", with: ">\n<"))
                            + "\n--- exported Markdown ---\n" + result.markdown))
            }
        }
        let listed = Self.knownDifferences.keys.filter { $0.hasPrefix(corpus + "/") }.count
        #expect(
            exact + listed == articles.count,
            "\(exact) of \(articles.count) \(corpus) articles round-trip exactly")
    }
}
