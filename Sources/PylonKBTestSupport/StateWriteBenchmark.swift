import Foundation
import PylonKB

/// Times recording one article write after another in the state file, as apply does after
/// every create: through `StateRecorder` (whole file once, then the journal), or, for
/// comparison, the way apply did before the journal (`wholeFileEachWrite`: the whole state
/// encoded and written atomically after every write, so n writes cost n² time).
public enum StateWriteBenchmark {
    /// Seconds to record `count` article writes into a state file under `directory`.
    public static func run(articles count: Int, directory: URL, wholeFileEachWrite: Bool) async throws
        -> Double
    {
        try? FileManager.default.removeItem(at: directory)
        let store = StateStore(contentRoot: directory)
        let clock = ContinuousClock()
        let start = clock.now
        if wholeFileEachWrite {
            var state = DeploymentState(knowledgeBaseID: "kb")
            for index in 0..<count {
                state.articles[path(index)] = record(index)
                try store.save(state)
            }
        } else {
            let recorder = StateRecorder(state: DeploymentState(knowledgeBaseID: "kb"), store: store)
            for index in 0..<count {
                await recorder.update([.article(source: path(index))]) {
                    $0.articles[path(index)] = record(index)
                }
            }
            await recorder.finish()
            if let failure = await recorder.saveFailure {
                throw CocoaError(.fileWriteUnknown, userInfo: ["reason": failure])
            }
        }
        let elapsed = clock.now - start
        guard case .loaded(let state) = store.load(), state.articles.count == count else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: store.url.path])
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static func path(_ index: Int) -> String {
        String(format: "section-%02d/topic-%d/article-%05d.md", index % 10, index / 250, index)
    }

    /// A record the size of a real one: UUIDs, a 10-digit identifier, a SHA-256 and a title.
    private static func record(_ index: Int) -> DeploymentState.ArticleRecord {
        let hash = String(repeating: String(format: "%08x", index), count: 8)
        return .init(
            id: String(format: "6f1c2d3e-0000-4000-8000-%012d", index),
            identifier: String(1_000_000_000 + index),
            slug: String(format: "article-%05d", index), collectionID: "9f1c2d3e-0000-4000-8000-000000000c01",
            appliedBodyHashes: ["": hash], appliedTitles: ["": "Routing rules for shared inboxes \(index)"])
    }
}
