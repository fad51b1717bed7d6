import Foundation
import PylonKB
import Testing

@Suite("Preview site snapshots")
struct PreviewSnapshotTests {
    /// The index of a small tree: nested collections with descriptions, a root article, a
    /// draft, an unlisted article and a title that needs escaping. The index holds no
    /// rendered article bodies, so renderer changes do not touch this golden file.
    @Test func indexPageMatchesGoldenFile() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n",
            "faq.md": "# Questions & answers\n\nText.\n",
            "guides/_collection.yml": "title: Guides\ndescription: How to <do> things.\n",
            "guides/install.md": "# Install\n\nText.\n",
            "guides/draft.md": "---\ntitle: Upcoming\npublished: false\n---\nText.\n",
            "guides/advanced/tuning.md": "---\ntitle: Tuning\nunlisted: true\n---\nText.\n",
        ])
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pylon-kb-snap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await ContentCheck.run(
            root: content.root, render: Renderer().render, resolver: { PreviewSiteWriter.resolvers(for: $0) })
        #expect(result.report.diagnostics.isEmpty)
        let output = try PreviewSiteWriter(contentRoot: content.root, outputDirectory: out)
            .write(tree: result.tree, pages: result.report.pages)
        let index = try String(contentsOf: output.index, encoding: .utf8)
        try assertSnapshot(index, named: "preview-index.html")
    }

    func assertSnapshot(
        _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try GoldenFile.assertMatches(actual, folder: "Content", name: name, sourceLocation: sourceLocation)
    }
}
