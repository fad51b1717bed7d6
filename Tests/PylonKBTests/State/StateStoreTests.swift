import Foundation
import PylonKB
import Testing

@Suite struct StateStoreTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func roundTripsAndLeavesNoTemporaryFiles() throws {
        let root = try temporaryDirectory()
        let store = StateStore(contentRoot: root)
        var state = DeploymentState(knowledgeBaseID: "kb-1")
        state.articles["guides/install.md"] = .init(
            id: "a1", identifier: "1234567890", slug: "install", collectionID: "c1",
            appliedBodyHashes: ["": "abc"])
        state.redirects.append(.init(fromPath: "/articles/1-old", objectID: "a1", objectType: "article"))
        try store.save(state)
        guard case .loaded(let loaded) = store.load() else {
            Issue.record("state did not load")
            return
        }
        #expect(loaded == state)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent(".pylon-kb").path)
        #expect(files == ["state.json"])
    }

    @Test func missingAndTornFilesAreReported() throws {
        let root = try temporaryDirectory()
        let store = StateStore(contentRoot: root)
        guard case .missing = store.load() else {
            Issue.record("expected missing")
            return
        }
        try store.save(DeploymentState(knowledgeBaseID: "kb-1"))
        let data = try Data(contentsOf: store.url)
        try data.prefix(data.count / 2).write(to: store.url)
        guard case .unusable(let reason) = store.load() else {
            Issue.record("a torn state file was accepted")
            return
        }
        #expect(reason.contains("not valid state JSON"))
    }
}
