import Foundation
import Testing

/// Golden files under `Tests/PylonKBTests/Snapshots/<folder>/`: compared exactly, rewritten
/// only when `RECORD_SNAPSHOTS=1`. A recording run fails every test that rewrote a file, on
/// purpose: a run with the variable left set must never pass green while checking nothing.
enum GoldenFile {
    static let snapshotsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Whether this run rewrites golden files instead of comparing them.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// `recording` and `directory` are for `GoldenFileTests`; callers keep the defaults.
    static func assertMatches(
        _ actual: String, folder: String, name: String, recording: Bool = isRecording,
        in directory: URL = snapshotsDirectory, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent(folder).appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded \(folder)/\(name); rerun without RECORD_SNAPSHOTS to check it",
                sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "Missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to create it.",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record(
            Comment(
                rawValue: "\(folder)/\(name) differs from its golden file (RECORD_SNAPSHOTS=1 rewrites it):\n"
                    + lineDiff(expected: expected, actual: actual)),
            sourceLocation: sourceLocation)
    }

    /// A small line diff: enough to see what changed.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            if before == after { continue }
            if let before { lines.append("-\(index + 1): \(before)") }
            if let after { lines.append("+\(index + 1): \(after)") }
        }
        return lines.joined(separator: "\n")
    }
}
