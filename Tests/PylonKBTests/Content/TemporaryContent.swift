import Foundation
import PylonKB

/// A content folder in a temporary directory, built from a path → text map, for tests.
final class TemporaryContent: Sendable {
    let root: URL

    convenience init(_ files: [String: String]) throws {
        try self.init(data: files.mapValues { Data($0.utf8) })
    }

    init(data files: [String: Data]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("pylon-kb-tests-\(UUID().uuidString)", isDirectory: true)
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Loads, renders and validates the folder with the real renderer.
    func check() async throws -> ContentCheck.Result {
        let renderer = Renderer()
        return try await ContentCheck.run(root: root, render: renderer.render)
    }

    /// The diagnostics as `path:line: severity: message` lines.
    func diagnostics() async throws -> [String] {
        try await check().report.diagnostics.map(\.description)
    }
}

/// Paths of the repository and the shared corpora, found from this file's location so tests
/// work from any current directory (CI has the same `../shared` layout).
enum TestPaths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Content
        .deletingLastPathComponent()  // PylonKBTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let sampleContent = repositoryRoot.appendingPathComponent("content", isDirectory: true)

    static let ddgDocs = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpora/ddg-help/_docs", isDirectory: true)
}
