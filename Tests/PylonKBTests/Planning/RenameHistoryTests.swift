import Foundation
import PylonAPI
import PylonEmulator
import PylonKBTestSupport
import Testing

@testable import PylonKB

/// Rename detection held on a real reorganisation (`../shared/rename-histories/docsy`, its
/// README.md): the same measurement as `pylon-kb-bench renames`, against an in-process emulator.
/// Git's pairs are the truth; a page a reader calls the same but git misses is not counted
/// against the planner either way (`RenameHistoryMeasurement.judgedRenames`).
@Suite(.serialized) struct RenameHistoryTests {
    static let histories = TestPaths.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/rename-histories", isDirectory: true)

    @Test func theDocsyReorganisationIsFoundWithoutGuessing() async throws {
        let history = Self.histories.appendingPathComponent("docsy", isDirectory: true)
        // Missing data is a failure, not a skip: CI has ../shared beside the repository.
        try #require(
            FileManager.default.fileExists(atPath: history.appendingPathComponent("truth.tsv").path),
            "the rename history is missing: expected \(history.path) (../shared/rename-histories beside the repository)"
        )
        let emulator = try await PylonEmulator.start(
            EmulatorConfiguration(token: "test-token", seed: .standard))
        defer { Task { await emulator.stop() } }
        let client = try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: emulator.baseURL, token: "test-token", rateLimitScale: 100_000))
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("rename-history-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try await RenameHistoryMeasurement.measure(
            history: history, client: client, knowledgeBaseID: EmulatorSeed.standardKnowledgeBaseID,
            author: "author@example.com", scratch: scratch)
        print(result.report)
        #expect(result.truth.count == 32)
        #expect(result.precision >= 0.98, "\(result.report)")
        #expect(result.recall >= 0.97, "\(result.report)")
        // The section page folded into `examples/index.md` leads there.
        #expect(
            result.merged.contains { $0.new == "examples/index.md" }, "merge redirects: \(result.merged)")
    }
}
