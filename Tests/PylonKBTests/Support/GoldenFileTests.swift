import Foundation
import Testing

/// A recording run must fail, so that `RECORD_SNAPSHOTS=1` left set in a shell or a CI job
/// cannot turn every golden-file test into one that checks nothing and passes.
@Suite struct GoldenFileTests {
    @Test func recordingWritesTheFileAndFailsTheTest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try withKnownIssue("a recording run records an issue on purpose") {
            try GoldenFile.assertMatches(
                "recorded text\n", folder: "demo", name: "a.txt", recording: true, in: directory)
        } matching: { issue in
            issue.comments.contains {
                $0.rawValue.contains("recorded demo/a.txt; rerun without RECORD_SNAPSHOTS")
            }
        }
        let written = try String(
            contentsOf: directory.appendingPathComponent("demo/a.txt"), encoding: .utf8)
        #expect(written == "recorded text\n")
        // Compared again without recording, the same text matches silently.
        try GoldenFile.assertMatches(
            "recorded text\n", folder: "demo", name: "a.txt", recording: false, in: directory)
    }
}
