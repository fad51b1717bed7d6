import Foundation
import PylonKBTestSupport
import Testing

@testable import PylonKB

/// Filling in the placeholders of the check's render must give exactly the HTML a second
/// render gives: a byte of difference would show every unchanged article as changed.
@Suite struct PlaceholderRenderingTests {
    struct Outcome {
        var filledIn = 0
        var rendered = 0
        var renderedPaths: Set<String> = []
    }

    /// Checks `root` the way `plan` does, then compares, for every page, filling in the
    /// placeholders with a render using a planner-like resolver: a third of the articles new
    /// (placeholders apply resolves), the others live under `siteURL`; half the images uploaded.
    func compare(_ root: URL, siteURL: String = "https://help.example.com") async throws -> Outcome {
        let tree = try await ContentLoader(root: root).load().tree
        let renderer = Renderer()
        let pagePaths = Set(tree.articles.flatMap { [$0.path] + $0.translations.map(\.path) })
        let placeholders = PlaceholderRendering.resolver(pagePaths: pagePaths)
        let report = await ContentChecker(render: { renderer.render($0, resolver: $1) }).check(
            tree, resolver: { _ in placeholders })

        var articleURLs: [String: String] = [:]
        for (index, article) in tree.articles.sorted(by: { $0.path < $1.path }).enumerated() {
            let url =
                index % 3 == 0
                ? PendingReference.article(article.path)
                : "\(siteURL)/articles/\(7_000_000 + index)-\(article.slug)"
            articleURLs[article.path] = url
            for translation in article.translations { articleURLs[translation.path] = url }
        }
        var imageURLs: [String: String] = [:]
        let imagePaths = Set(report.pages.flatMap { $0.rendered.images.compactMap(\.path) }).sorted()
        for (index, path) in imagePaths.enumerated() {
            imageURLs[path] =
                index % 2 == 0
                ? "https://assets.example.com/attachments/\(index)/image.png"
                : PendingReference.image(sha256: String(repeating: "ab", count: 32))
        }
        let urls = articleURLs
        let images = imageURLs
        let resolver = LinkResolver(articleURL: { urls[$0] }, imageURL: { images[$0] })

        var outcome = Outcome()
        for page in report.pages {
            let input = page.translation?.renderInput ?? page.article.renderInput
            let expected = renderer.render(input, resolver: resolver)
            if let filled = PlaceholderRendering.substitute(page.rendered, resolver: resolver) {
                #expect(filled == expected.html, "\(page.path)")
                #expect(page.rendered.links == expected.links, "\(page.path)")
                #expect(page.rendered.images == expected.images, "\(page.path)")
                #expect(page.rendered.anchors == expected.anchors, "\(page.path)")
                outcome.filledIn += 1
            } else {
                outcome.rendered += 1
                outcome.renderedPaths.insert(page.path)
            }
        }
        return outcome
    }

    @Test func theSampleContentIsFilledInAsARenderWrites() async throws {
        let outcome = try await compare(TestPaths.sampleContent)
        #expect(outcome.rendered == 0, "rendered again: \(outcome.renderedPaths.sorted())")
        #expect(outcome.filledIn > 10)
    }

    @Test func theDuckDuckGoCorpusIsFilledInAsARenderWrites() async throws {
        let outcome = try await compare(TestPaths.ddgDocs)
        // Its links are Jekyll permalinks and its images site-absolute: almost all fill in.
        #expect(outcome.filledIn >= 250, "rendered again: \(outcome.renderedPaths.sorted())")
    }

    @Test func aGeneratedCorpusIsFilledInAsARenderWrites() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("pylon-kb-placeholders-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try CorpusGenerator(articleCount: 150, seed: 7).write(to: folder)
        let outcome = try await compare(folder)
        #expect(outcome.rendered == 0, "rendered again: \(outcome.renderedPaths.sorted())")
        #expect(outcome.filledIn == 150)
    }

    /// Paths and URLs an attribute would write differently, and placeholders outside an href:
    /// those pages are rendered again; the rest still fill in.
    @Test func whatCannotBeFilledInIsRenderedAgain() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n",
            "guide.md":
                "---\ntitle: Guide\n---\n## Setup\n\nSee [the FAQ](faq.md#top) and ![A](img/a.png).\n",
            "faq.md": "---\ntitle: FAQ\n---\n## Top\n\nBack to the [guide](guide).\n",
            "my notes.md": "---\ntitle: Notes\n---\nA file name with a space.\n",
            "links-to-notes.md": "---\ntitle: Links\n---\nRead [the notes](my%20notes.md).\n",
            "mentions.md":
                "---\ntitle: Mentions\n---\nThe planner writes `pylon-kb-pending:guide.md`; see [guide](guide.md).\n",
            "raw.md":
                "---\ntitle: Raw\n---\n<p><a href=\"faq.md\">FAQ</a> <img src=\"img/a.png\" alt=\"A\"></p>\n",
            "img/a.png": "not really a PNG",
        ])
        let outcome = try await compare(content.root)
        #expect(outcome.renderedPaths == ["links-to-notes.md", "mentions.md"])
        #expect(outcome.filledIn == 4)

        let ampersands = try await compare(content.root, siteURL: "https://example.com/help?a=1&b=2")
        #expect(ampersands.renderedPaths.isSuperset(of: ["links-to-notes.md", "mentions.md"]))
        #expect(ampersands.filledIn >= 1)
    }

    @Test func onlyCharactersAttributesKeepAreWrittenAsIs() {
        #expect(PlaceholderRendering.isWrittenAsIs("https://help.example.com/articles/12-a_b.c~d?x=1;y=2"))
        for unsafe in ["a b", "a&b", "a'b", "a\"b", "a<b", "é", "a#b", ""] {
            #expect(!PlaceholderRendering.isWrittenAsIs(unsafe), "\(unsafe)")
        }
    }
}
