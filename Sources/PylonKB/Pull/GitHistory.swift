import Foundation

/// What git knows about a content folder, asked through the `git` command (pylon-kb works
/// without git; every answer is nil then).
struct GitHistory: Sendable {
    var root: URL

    /// The changes to `path` since the commit that last wrote the state file: in a folder CI
    /// applies from, what changed in git since the last apply. nil outside a work tree, when
    /// the state file was never committed, or when git is not installed.
    func diffSinceStateCommit(of path: String) -> String? {
        guard
            let commit = run(["log", "-1", "--format=%H", "--", ".pylon-kb/state.json"])?
                .trimmingCharacters(in: .whitespacesAndNewlines), !commit.isEmpty,
            let diff = run(["diff", "--no-color", commit, "--", path])
        else { return nil }
        return diff.isEmpty ? nil : diff
    }

    private func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
