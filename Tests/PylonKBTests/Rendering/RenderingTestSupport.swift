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
        let url = snapshotDirectory.appendingPathComponent(name)
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
            let diff = lineDiff(expected: expected, actual: actual)
            Issue.record(
                Comment(
                    rawValue:
                        "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 rewrites it):\n\(diff)"),
                sourceLocation: sourceLocation)
        }
    }

    /// A small line diff: enough to see what changed in a golden file.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            if before == after { continue }
            if let before { lines.append("-\(index + 1): \(before)") }
            if let after { lines.append("+\(index + 1): \(after)") }
        }
        return lines.joined(separator: "\n")
    }
}
