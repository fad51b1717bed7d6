import Foundation
import PylonKB
import Testing

@Suite("Preview site snapshots")
struct PreviewSnapshotTests {
    static let snapshotDirectory = TestPaths.repositoryRoot.appendingPathComponent(
        "Tests/PylonKBTests/Snapshots/Content")

    /// The index of a small tree: nested collections with descriptions, a root article, a
    /// draft, an unlisted article and a title that needs escaping. The index holds no
    /// rendered article bodies, so renderer changes do not touch this golden file.
    @Test func indexPageMatchesGoldenFile() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml": "target: local\n",
            "faq.md": "# Questions & answers\n",
            "guides/_collection.yml": "title: Guides\ndescription: How to <do> things.\n",
            "guides/install.md": "# Install\n",
            "guides/draft.md": "---\ntitle: Upcoming\npublished: false\n---\n",
            "guides/advanced/tuning.md": "---\ntitle: Tuning\nunlisted: true\n---\n",
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
    )
        throws
    {
        let url = Self.snapshotDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "Missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to create it.",
                sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let old = expected.components(separatedBy: "\n")
            let new = actual.components(separatedBy: "\n")
            var diff: [String] = []
            for index in 0..<max(old.count, new.count) {
                let before = index < old.count ? old[index] : nil
                let after = index < new.count ? new[index] : nil
                if before == after { continue }
                if let before { diff.append("-\(index + 1): \(before)") }
                if let after { diff.append("+\(index + 1): \(after)") }
            }
            Issue.record(
                "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 rewrites it):\n\(diff.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        }
    }
}
