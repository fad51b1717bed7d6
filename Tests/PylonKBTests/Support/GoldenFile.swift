import Foundation
import Testing

/// Golden files under `Tests/PylonKBTests/Snapshots/<folder>/`: compared exactly, rewritten
/// only when `RECORD_SNAPSHOTS=1`.
enum GoldenFile {
    static let snapshotsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assertMatches(
        _ actual: String, folder: String, name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = snapshotsDirectory.appendingPathComponent(folder).appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
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
