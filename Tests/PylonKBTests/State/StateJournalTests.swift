import Foundation
import Testing

@testable import PylonKB

/// Apply records each write through `StateRecorder`, which appends to `state.json.journal`
/// instead of rewriting the whole file; these check that what a later run reads is exactly
/// what was recorded, whenever the run stopped.
@Suite struct StateJournalTests {
    private func store() throws -> StateStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return StateStore(contentRoot: root)
    }

    private func record(_ index: Int) -> DeploymentState.ArticleRecord {
        .init(
            id: "id-\(index)", identifier: "\(1_000_000_000 + index)", slug: "article-\(index)",
            collectionID: "c1",
            appliedBodyHashes: ["": "hash-\(index)"], appliedTitles: ["": "Title \(index)"])
    }

    /// Records articles `a/0.md` … one write each, as apply does.
    private func recordArticles(_ count: Int, with recorder: StateRecorder) async {
        for index in 0..<count {
            await recorder.update([.article(source: "a/\(index).md")]) {
                $0.articles["a/\(index).md"] = record(index)
            }
        }
    }

    private func loaded(_ store: StateStore) -> DeploymentState? {
        guard case .loaded(let state) = store.load() else { return nil }
        return state
    }

    @Test func everyRecordedWriteIsReadBackBeforeAndAfterFinishing() async throws {
        let store = try store()
        let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: store)
        await recordArticles(300, with: recorder)
        await recorder.update([.collection(slugPath: "a")]) {
            $0.collections["a"] = .init(id: "c1", title: "A")
        }
        await recorder.update([.image(sha256: "f00")]) {
            $0.images["f00"] = .init(url: "https://cdn/x", source: "x.png")
        }
        await recorder.update([.redirects]) {
            $0.redirects.append(.init(fromPath: "/articles/1-old", objectID: "id-1", objectType: "article"))
        }
        // A change found by comparing states: the closure removes what it finds.
        await recorder.update { state in
            for (path, record) in state.articles where record.id == "id-7" { state.articles[path] = nil }
            state.retiredArticleIDs.append("id-7")
        }
        await recorder.update([.serverRenamesInPlace]) { $0.serverRenamesInPlace = false }
        let expected = await recorder.state
        #expect(expected.articles.count == 299)

        // As a run killed now would leave it: the file and a journal.
        #expect(FileManager.default.fileExists(atPath: store.journalURL.path))
        #expect(loaded(store) == expected)

        await recorder.finish()
        #expect(!FileManager.default.fileExists(atPath: store.journalURL.path))
        let data = try #require(FileManager.default.contents(atPath: store.url.path))
        #expect(try JSONDecoder().decode(DeploymentState.self, from: data) == expected)
    }

    @Test func aLineTornByACrashIsIgnoredAndTheRestKept() async throws {
        let store = try store()
        let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: store)
        await recorder.update([.article(source: "a.md")]) { $0.articles["a.md"] = record(1) }
        await recorder.update([.article(source: "b.md")]) { $0.articles["b.md"] = record(2) }
        let handle = try FileHandle(forWritingTo: store.journalURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"articles":{"c.md":{"id":"id-3","slug"#.utf8))
        try handle.close()
        let state = try #require(loaded(store))
        #expect(Set(state.articles.keys) == ["a.md", "b.md"])
    }

    @Test func replayingEntriesTheFileAlreadyHoldsChangesNothing() throws {
        // A crash after the whole file was rewritten but before the journal was removed.
        let store = try store()
        var state = DeploymentState(knowledgeBaseID: "kb")
        state.articles["a.md"] = record(1)
        let redirect = DeploymentState.RedirectRecord(
            fromPath: "/articles/1-old", objectID: "id-1", objectType: "article")
        state.redirects = [redirect]
        state.retiredArticleIDs = ["id-0"]
        try store.save(state)
        var entry = StateJournal.Entry()
        entry.articles = ["a.md": record(1)]
        entry.addedRedirects = [redirect]
        entry.addedRetiredArticleIDs = ["id-0"]
        var line = try JSONEncoder().encode(entry)
        line.append(0x0A)
        try line.write(to: store.journalURL)
        #expect(loaded(store) == state)
    }

    @Test func theJournalIsFoldedIntoTheFileWhenItOutgrowsIt() async throws {
        let store = try store()
        let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: store)
        await recordArticles(2_000, with: recorder)
        let fileSize = try #require(
            try FileManager.default.attributesOfItem(atPath: store.url.path)[.size] as? Int)
        let journalSize = try #require(
            try FileManager.default.attributesOfItem(atPath: store.journalURL.path)[.size] as? Int)
        // Rewritten as it grew: the journal never holds much more than the file.
        #expect(journalSize <= max(fileSize, 64 * 1024) + 1_024)
        #expect(loaded(store)?.articles.count == 2_000)
    }
}

@Suite struct CapabilityRecordingTests {
    /// Two writers learn capabilities in one run (the tag writer and the gate): recording one
    /// answer must not put the other back to "unknown", or the next run probes again.
    @Test func aCapabilityAnswerKeepsTheOthersRecordedInTheSameRun() async throws {
        let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: nil)
        let gate = CapabilityGate(known: nil, recorder: recorder)
        await recorder.update([.capabilities]) { state in
            var capabilities = state.capabilities ?? .init()
            capabilities.articleTags = false
            state.capabilities = capabilities
        }
        await gate.remember(.collectionUpdates, true)
        let recorded = await recorder.state.capabilities
        #expect(recorded?.articleTags == false)
        #expect(recorded?.collectionUpdates == true)
    }
}
