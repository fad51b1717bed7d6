import Foundation

/// `pylon-kb mv` from paths to a finished move: check the folder, plan the move
/// (`ContentMove`), carry it out (`MoveExecutor`), and check again.
///
/// The folder must check without errors first. The rewrite resolves every link the way
/// `check` does; a link that is already broken names no file, so nobody can say whether the
/// move should change it, and a file that does not load (unclosed front matter, not UTF-8) has
/// links nobody has read. After the move the folder is checked again and any error puts every
/// file back: a move never leaves the folder worse than it found it.
public struct MoveSession: Sendable {
    public var root: URL
    public var render: ContentChecker.RenderFunction

    public init(root: URL, render: @escaping ContentChecker.RenderFunction) {
        self.root = root.standardizedFileURL
        self.render = render
    }

    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// The move makes no sense or would break something; nothing was changed.
        case refused(MoveRefusal)
        /// The folder has check errors (listed) before the move.
        case contentErrors([Diagnostic])
        /// The moved folder had check errors (listed); every file was put back.
        case moveBrokeContent([Diagnostic], notPutBack: [String])
        /// A rename or a write failed; every file was put back as far as possible.
        case executionFailed(String)

        public var description: String {
            switch self {
            case .refused(let refusal): return refusal.description
            case .contentErrors(let errors):
                return
                    "The content folder has \(errors.count) error\(errors.count == 1 ? "" : "s") (above); mv rewrites links by what they point to, which a broken link or an unreadable file does not say. Fix them (pylon-kb check) and move again; nothing was moved."
            case .moveBrokeContent(let errors, let notPutBack):
                let restored =
                    notPutBack.isEmpty
                    ? "every file was put back"
                    : "some files could not be put back: \(notPutBack.joined(separator: "; "))"
                return
                    "After the move the folder had \(errors.count) error\(errors.count == 1 ? "" : "s") (above), so \(restored). Fix what they name, or move by hand."
            case .executionFailed(let message): return message
            }
        }
    }

    /// The finished move.
    public struct Outcome: Sendable {
        public var plan: MovePlan
        public var usedGit: Bool
    }

    /// Checks the folder and works out the move of `source` to `destination` (content paths).
    /// `destination` names a folder to move into when it is an existing folder, or when
    /// `destinationIsFolder` (the argument ended with `/`).
    public func prepare(source: String, destination: String, destinationIsFolder: Bool) async throws(Failure)
        -> MovePlan
    {
        let checked: ContentCheck.Result
        do {
            checked = try await ContentCheck.run(root: root, render: render)
        } catch {
            throw .refused(MoveRefusal(error.description))
        }
        let errors = checked.report.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .contentErrors(errors) }
        var target = destination
        var isDirectory: ObjCBool = false
        let destinationExists = FileManager.default.fileExists(
            atPath: root.appendingPathComponent(destination).path, isDirectory: &isDirectory)
        if destination.isEmpty || (destinationExists && isDirectory.boolValue) || destinationIsFolder {
            target = ContentPath.join(destination, ContentPath.fileName(of: source))
        }
        let tree = checked.tree
        var texts: [String: String] = [:]
        for path in tree.articles.flatMap({ [$0.path] + $0.translations.map(\.path) }) {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                let text = try? SourceText.decode(data)
            else { continue }
            texts[path] = text
        }
        let plan: MovePlan
        do {
            plan = try ContentMove(source: source, destination: target).plan(tree: tree, texts: texts)
        } catch {
            throw .refused(error)
        }
        for move in plan.moves
        where FileManager.default.fileExists(atPath: root.appendingPathComponent(move.to).path) {
            throw .refused(MoveRefusal("\(move.to) already exists; nothing was moved."))
        }
        return plan
    }

    /// Carries out `plan` and checks the folder again; puts everything back on any error.
    public func perform(_ plan: MovePlan) async throws(Failure) -> Outcome {
        let completed: MoveExecutor.Completed
        do {
            completed = try MoveExecutor(root: root).perform(plan)
        } catch {
            throw .executionFailed(error.description)
        }
        let errors: [Diagnostic]
        do {
            let checked = try await ContentCheck.run(root: root, render: render)
            errors = checked.report.diagnostics.filter { $0.severity == .error }
        } catch {
            errors = [.error("", line: nil, error.description)]
        }
        guard errors.isEmpty else { throw .moveBrokeContent(errors, notPutBack: completed.undo()) }
        return Outcome(plan: plan, usedGit: completed.usedGit)
    }
}
