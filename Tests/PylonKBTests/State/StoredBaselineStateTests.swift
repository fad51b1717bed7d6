import Foundation
import Testing

@testable import PylonKB

/// The version-2 record of what the server stored survives the journal and the whole-file
/// write, and a version-1 file reads as version 2 without it.
@Suite struct StoredBaselineStateTests {
    private func store() throws -> StateStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return StateStore(contentRoot: root)
    }

    @Test func storedValuesGoThroughTheJournalAndTheFile() async throws {
        let store = try store()
        let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: store)
        await recorder.update([.article(source: "a.md")]) {
            $0.articles["a.md"] = .init(id: "a1", identifier: "1000000001", slug: "a", collectionID: nil)
        }
        await recorder.update([.article(source: "a.md")]) {
            $0.articles["a.md"]?.record([
                BodyWrite(language: "", sentHash: "s", storedHash: "t", sentTitle: "A", storedTitle: "A."),
                BodyWrite(
                    language: "fr", sentHash: "s-fr", storedHash: "t-fr", sentTitle: "Le A",
                    storedTitle: "Le A"),
                BodyWrite(language: "", sentHash: "d", storedHash: "e", isDraft: true),
            ])
        }
        let expected = await recorder.state
        // Killed now: the file holds the first record, the journal the second.
        guard case .loaded(let journaled) = store.load() else {
            Issue.record("the state did not load from file and journal")
            return
        }
        #expect(journaled == expected)
        #expect(journaled.articles["a.md"]?.storedBodyHashes == ["": "t", "fr": "t-fr"])
        #expect(journaled.articles["a.md"]?.storedTitles == ["": "A.", "fr": "Le A"])
        #expect(journaled.articles["a.md"]?.storedDraftHashes == ["": "e"])

        await recorder.finish()
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(text.contains("\"stored_body_hashes\""))
        #expect(text.contains("\"stored_titles\""))
        #expect(text.contains("\"version\" : 2"))
        guard case .loaded(let whole) = store.load() else {
            Issue.record("the state did not load after finishing")
            return
        }
        #expect(whole == expected)
    }

    @Test func aVersionOneFileReadsAsVersionTwoAndIsWrittenBackAsTwo() throws {
        let store = try store()
        try FileManager.default.createDirectory(
            at: store.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
        {"version": 1, "knowledge_base_id": "kb",
         "articles": {"a.md": {"id": "a1", "slug": "a", "applied_body_hashes": {"": "s"}, "applied_titles": {"": "A"}}}}
        """.write(to: store.url, atomically: true, encoding: .utf8)
        guard case .loaded(let state) = store.load() else {
            Issue.record("a version-1 file did not load")
            return
        }
        #expect(state.version == 2)
        let record = try #require(state.articles["a.md"])
        #expect(record.appliedBodyHashes == ["": "s"])
        #expect(
            record.storedBodyHashes == nil && record.storedTitles == nil && record.storedDraftHashes == nil)
        try store.save(state)
        #expect(try String(contentsOf: store.url, encoding: .utf8).contains("\"version\" : 2"))
    }
}
