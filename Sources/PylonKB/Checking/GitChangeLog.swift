import Foundation
import Synchronization

/// Which files each commit changed, for the whole content folder at once: one `git log`, so a
/// folder of hundreds of translations costs one process, not one per file. Git is optional:
/// every answer is nil outside a work tree or without git (see `GitHistory` for the pattern).
struct GitChangeLog: Sendable {
    /// Newest first; each commit's changed paths, relative to the content root.
    var commits: [Set<String>]
    /// Paths with changes not yet committed (modified, added or untracked).
    var uncommitted: Set<String>

    /// The commits of each folder read so far, by the HEAD they were read at: `pylon-kb preview`
    /// checks on every save, and the log is the part that grows with the history, while HEAD
    /// moves only with a commit or a checkout.
    private static let logs = Mutex<[String: (head: String, commits: [Set<String>])]>([:])

    /// Reads the history of `root`; nil when it is not in a git work tree or git is missing.
    static func read(root: URL) -> GitChangeLog? {
        guard let revisions = run(["rev-parse", "--show-prefix", "HEAD"], in: root),
            let status = run(
                ["status", "--porcelain", "--no-renames", "--untracked-files=all", "--", "."], in: root)
        else { return nil }
        // The prefix line is empty at the repository's top, so it is not split away.
        let lines = revisions.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2 else { return nil }
        let (prefix, head) = (lines[0], lines[1])
        let commits: [Set<String>]
        if let known = logs.withLock({ $0[root.path] }), known.head == head {
            commits = known.commits
        } else {
            // `--relative` prints paths relative to `-C root`; renames as their new path only.
            guard
                let log = run(
                    ["log", "--format=%x00", "--name-only", "--no-renames", "--relative", "--", "."], in: root
                )
            else { return nil }
            commits = Self.commits(inLog: log)
            logs.withLock { $0[root.path] = (head, commits) }
        }
        // `status` prints paths from the repository's top; the content root is `prefix` below it.
        let uncommitted = Set(
            status.split(separator: "\n").compactMap { line -> String? in
                guard line.count > 3 else { return nil }
                var path = String(line.dropFirst(3))
                if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 {
                    path = String(path.dropFirst().dropLast())
                }
                return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
            })
        return GitChangeLog(commits: commits, uncommitted: uncommitted)
    }

    /// Each commit's changed paths, from `git log --format=%x00 --name-only`.
    private static func commits(inLog log: String) -> [Set<String>] {
        log.split(separator: "\0").map { block in
            Set(block.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
        }.filter { !$0.isEmpty }
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
