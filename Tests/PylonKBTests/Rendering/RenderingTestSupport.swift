import Foundation
import PylonKB
import Testing

/// Paths and helpers shared by the renderer tests.
enum RenderingTestSupport {
    /// The package root (this file is `Tests/PylonKBTests/Rendering/…`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `/work/shared` locally and `<clone>/../shared` in CI.
    static let sharedDirectory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static let snapshotDirectory = packageRoot.appendingPathComponent(
        "Tests/PylonKBTests/Snapshots/Rendering")

    /// A resolver that knows two articles and one image, like a small knowledge base.
    static let resolver = LinkResolver(
        articleURL: { path in
            switch path {
            case "guides/install.md": "https://help.example.com/articles/1000000001-install"
            case "faq.md": "https://help.example.com/articles/1000000002-faq"
            default: nil
            }
        },
        imageURL: { path in
            path == "guides/images/diagram.png" ? "https://cdn.example.com/attachments/diagram.png" : nil
        })

    /// Compares `actual` with the golden file, or rewrites it when `RECORD_SNAPSHOTS=1`.
    static func assertSnapshot(
        _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try GoldenFile.assertMatches(actual, folder: "Rendering", name: name, sourceLocation: sourceLocation)
    }
}
