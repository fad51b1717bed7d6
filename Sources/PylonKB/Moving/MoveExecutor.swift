import Foundation

/// Carries out a `MovePlan` on disk: the renames (with `git mv` for files git tracks, so their
/// history follows them), then the new texts. Every step is journaled, and a step that fails
/// puts back everything done before it, so a move happens whole or not at all.
public struct MoveExecutor: Sendable {
    public var root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// What was done, to report it and, if a later check fails, to undo it.
    public struct Completed: Sendable {
        fileprivate var journal: [Step]
        fileprivate var executor: MoveExecutor
        /// True when at least one rename went through `git mv`.
        public var usedGit: Bool {
            journal.contains { if case .moved(_, _, true) = $0 { true } else { false } }
        }

        /// Puts every file back where and as it was; returns what could not be put back.
        public func undo() -> [String] { executor.undo(journal) }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    fileprivate enum Step: Sendable {
        case createdFolder(String)
        case moved(from: String, to: String, git: Bool)
        case wrote(String, original: Data)
    }

    public func perform(_ plan: MovePlan) throws(Failure) -> Completed {
        var journal: [Step] = []
        let git = GitWorkTree(root: root)
        let inWorkTree = git.isInsideWorkTree()
        do {
            for move in plan.moves {
                guard !FileManager.default.fileExists(atPath: url(move.to).path) else {
                    throw Failure(description: "\(move.to) already exists")
                }
                try createParents(of: move.to, journal: &journal)
                if inWorkTree, git.isTracked(move.from) {
                    try git.move(move.from, to: move.to)
                    journal.append(.moved(from: move.from, to: move.to, git: true))
                } else {
                    try FileManager.default.moveItem(at: url(move.from), to: url(move.to))
                    journal.append(.moved(from: move.from, to: move.to, git: false))
                }
            }
            for edit in plan.edits {
                let target = url(edit.pathAfter)
                let original = try Data(contentsOf: target)
                try Self.encoded(edit.text, like: original).write(to: target, options: .atomic)
                journal.append(.wrote(edit.pathAfter, original: original))
            }
        } catch {
            let problems = undo(journal)
            let putBack =
                problems.isEmpty
                ? "everything was put back" : "could not put back: \(problems.joined(separator: "; "))"
            throw Failure(description: "The move failed (\(Self.describe(error))); \(putBack).")
        }
        return Completed(journal: journal, executor: self)
    }

    /// Text written in the original's encoding: its byte-order mark and CRLF line endings kept.
    static func encoded(_ text: String, like original: Data) -> Data {
        let hasBOM = original.starts(with: [0xEF, 0xBB, 0xBF])
        let usesCRLF = original.range(of: Data("\r\n".utf8)) != nil
        let body = usesCRLF ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        return (hasBOM ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(body.utf8)
    }

    private func createParents(of path: String, journal: inout [Step]) throws {
        var missing: [String] = []
        var folder = ContentPath.directory(of: path)
        while !folder.isEmpty, !FileManager.default.fileExists(atPath: url(folder).path) {
            missing.append(folder)
            folder = ContentPath.directory(of: folder)
        }
        for folder in missing.reversed() {
            try FileManager.default.createDirectory(at: url(folder), withIntermediateDirectories: false)
            journal.append(.createdFolder(folder))
        }
    }

    fileprivate func undo(_ journal: [Step]) -> [String] {
        var problems: [String] = []
        let git = GitWorkTree(root: root)
        for step in journal.reversed() {
            do {
                switch step {
                case .wrote(let path, let original):
                    try original.write(to: url(path), options: .atomic)
                case .moved(let from, let to, let usedGit):
                    if usedGit {
                        try git.move(to, to: from)
                    } else {
                        try FileManager.default.moveItem(at: url(to), to: url(from))
                    }
                case .createdFolder(let folder):
                    // Only an empty folder is removed: anything in it now is not ours to delete.
                    let contents = try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
                    if contents.isEmpty { try FileManager.default.removeItem(at: url(folder)) }
                }
            } catch {
                problems.append(Self.describe(error))
            }
        }
        return problems
    }

    private func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    private static func describe(_ error: any Error) -> String {
        if let failure = error as? Failure { return failure.description }
        if let failure = error as? GitWorkTree.Failure { return failure.description }
        return (error as NSError).localizedDescription
    }
}

/// The few `git` commands a move needs, run in the content root. pylon-kb works without git:
/// outside a work tree, or without git installed, files are moved as plain files.
struct GitWorkTree: Sendable {
    var root: URL

    struct Failure: Error, CustomStringConvertible, Sendable {
        var description: String
    }

    func isInsideWorkTree() -> Bool {
        (try? run(["rev-parse", "--is-inside-work-tree"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
            == "true"
    }

    /// True when git tracks the file, or at least one file in the folder.
    func isTracked(_ path: String) -> Bool {
        guard let listed = try? run(["ls-files", "-z", "--", path]) else { return false }
        return !listed.isEmpty
    }

    func move(_ source: String, to destination: String) throws(Failure) {
        _ = try run(["mv", "--", source, destination])
    }

    private func run(_ arguments: [String]) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        process.currentDirectoryURL = root
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "git could not be started")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw Failure(description: "git \(arguments.joined(separator: " ")): \(text)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
