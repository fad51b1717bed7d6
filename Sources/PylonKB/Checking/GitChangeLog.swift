import Foundation

/// Which files each commit changed, for the whole content folder at once: one `git log`, so a
/// folder of hundreds of translations costs one process, not one per file. Git is optional:
/// every answer is nil outside a work tree or without git (see `GitHistory` for the pattern).
struct GitChangeLog: Sendable {
    /// Newest first; each commit's changed paths, relative to the content root.
    var commits: [Set<String>]
    /// Paths with changes not yet committed (modified, added or untracked).
    var uncommitted: Set<String>

    /// Reads the history of `root`; nil when it is not in a git work tree or git is missing.
    static func read(root: URL) -> GitChangeLog? {
        // `--relative` prints paths relative to `-C root`; renames as their new path only.
        guard
            let log = run(
                ["log", "--format=%x00", "--name-only", "--no-renames", "--relative", "--", "."], in: root),
            let status = run(
                ["status", "--porcelain", "--no-renames", "--untracked-files=all", "--", "."], in: root),
            let prefix = run(["rev-parse", "--show-prefix"], in: root)
        else { return nil }
        let commits = log.split(separator: "\0").map { block in
            Set(block.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
        }.filter { !$0.isEmpty }
        // `status` prints paths from the repository's top; the content root is `prefix` below it.
        let folder = prefix.trimmingCharacters(in: .whitespacesAndNewlines)
        let uncommitted = Set(
            status.split(separator: "\n").compactMap { line -> String? in
                guard line.count > 3 else { return nil }
                var path = String(line.dropFirst(3))
                if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 {
                    path = String(path.dropFirst().dropLast())
                }
                return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : nil
            })
        return GitChangeLog(commits: commits, uncommitted: uncommitted)
    }

    /// Whether `root` is inside a git work tree (with git installed): one cheap `rev-parse`.
    static func isWorkTree(_ root: URL) -> Bool {
        run(["rev-parse", "--is-inside-work-tree"], in: root)?.hasPrefix("true") == true
    }

    /// How many commits changed `source` after the last commit that changed `translation`;
    /// nil when the translation was never committed (it is new, being written).
    func changes(to source: String, since translation: String) -> Int? {
        guard let last = commits.firstIndex(where: { $0.contains(translation) }) else { return nil }
        return commits[..<last].count { $0.contains(source) }
    }

    private static func run(_ arguments: [String], in root: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Names as UTF-8, not octal escapes, so they match the content paths.
        process.arguments = ["git", "-C", root.path, "-c", "core.quotePath=false"] + arguments
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
