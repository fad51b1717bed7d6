import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import PylonKBTestSupport

/// `pylon-kb-bench renames [DIR …]`: rename detection's precision and recall on real
/// reorganisations (default: every folder of /work/shared/rename-histories), driving the
/// library against an in-process emulator (RenameHistoryMeasurement). Prints per history the
/// scores and every false and missed pair.
func runRenameBenchmark(_ arguments: [String], target: BenchTarget) async throws {
    var folders = arguments.filter { !$0.hasPrefix("--") }.map { URL(fileURLWithPath: $0) }
    if folders.isEmpty {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/rename-histories")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        folders = names.sorted().map { root.appendingPathComponent($0) }.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("truth.tsv").path)
        }
    }
    guard !folders.isEmpty else { throw BenchError("no rename histories found; pass their folders") }
    for folder in folders {
        let emulator = try await target.startEmulator()
        defer { Task { await emulator.stop() } }
        let client = try PylonClient(
            configuration: PylonClientConfiguration(baseURL: emulator.baseURL, token: BenchTarget.token))
        let result = try await RenameHistoryMeasurement.measure(
            history: folder, client: client, knowledgeBaseID: EmulatorSeed.standardKnowledgeBaseID,
            author: BenchTarget.author,
            scratch: target.work.appendingPathComponent("renames-" + folder.lastPathComponent))
        say(result.report)
    }
}
