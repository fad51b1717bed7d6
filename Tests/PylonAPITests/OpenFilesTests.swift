import Foundation
import PylonAPI
import Testing

/// A long apply sends tens of thousands of requests; each must give its socket back when it
/// is answered, or the process runs out of file descriptors (a 10,000-article publish once
/// crashed after about 6,600 requests). Counted in /proc/self/fd, so Linux only.
@Suite struct OpenFilesTests {
    private func openFiles() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func answeredRequestsDoNotKeepTheirSocketsOpen() async throws {
        let emulator = try await EmulatorHarness.start()
        defer { Task { await emulator.stop() } }
        let client = try EmulatorHarness.client(emulator)
        _ = try await client.knowledgeBase(id: EmulatorHarness.kb)
        let before = try openFiles()
        for _ in 0..<200 {
            _ = try await client.knowledgeBase(id: EmulatorHarness.kb)
        }
        // The emulator's own accepted connections are in this process too; they close as well.
        let after = try openFiles()
        #expect(after - before < 40, "\(after - before) more files open after 200 requests")
    }
}
