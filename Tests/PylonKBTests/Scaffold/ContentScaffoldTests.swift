import Foundation
import PylonKB
import Testing

@Suite struct ContentScaffoldTests {
    @Test func withoutAKnowledgeBaseTheStarterPublishesLocally() throws {
        var diagnostics: [Diagnostic] = []
        let files = ContentScaffold.files(author: "docs@example.com")
        let configuration = Configuration.parse(
            try #require(files["pylon-kb.yml"]), diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(configuration.target == .local)
        #expect(configuration.author == "docs@example.com")
    }

    @Test func withAKnowledgeBaseTheStarterPublishesToIt() throws {
        var diagnostics: [Diagnostic] = []
        let files = ContentScaffold.files(author: "docs@example.com", knowledgeBase: "6b0d5b9e-0001")
        let configuration = Configuration.parse(
            try #require(files["pylon-kb.yml"]), diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(configuration.target == .knowledgeBase("6b0d5b9e-0001"))
    }

    @Test func theReadmeIsNotAnArticleAndExistingFilesAreKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: folder.appendingPathComponent("_README.md"))
        #expect(throws: ContentScaffold.Failure.self) {
            try ContentScaffold.write(to: folder, author: "a@example.com", force: false)
        }
        let written = try ContentScaffold.write(to: folder, author: "a@example.com", force: true)
        #expect(!written.contains("_README.md"))
        #expect(written.contains("pylon-kb.yml"))
        let readme = try String(contentsOf: folder.appendingPathComponent("_README.md"), encoding: .utf8)
        #expect(readme == "mine\n")
    }
}
