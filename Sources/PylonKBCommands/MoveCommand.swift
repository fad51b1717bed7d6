import ArgumentParser
import Foundation
import PylonKB

public struct MoveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract:
            "Move or rename an article (with its translations) or a folder, and rewrite the links to it.",
        discussion: """
            Examples:
              pylon-kb mv content/guides/install.md content/setup/          # into a folder
              pylon-kb mv content/guides/install.md content/guides/setup.md  # a new name
              pylon-kb mv content/routing content/guides/routing            # a whole folder
              pylon-kb mv --dry-run content/faq.md content/help/faq.md        # show, change nothing

            Paths are relative to the current folder and stay inside the content folder
            (., or ./content, whichever holds pylon-kb.yml). An article moves with every
            translation beside it (install.fr.md follows install.md). Every relative link,
            image and href to a moved file is rewritten, in its own style, and so are the
            links inside moved pages. When an article's slug changes with its file name,
            the old slug goes into previous_slugs, so the next plan shows the replace and
            the redirect. Uses git mv inside a git work tree.

            Refused (exit 1, nothing changed) when the destination exists, when a path is
            outside the content folder, or when check finds errors before or after the
            move (after: every file is put back). See docs/renames-and-redirects.md.

            Exit codes: 0 moved (or --dry-run), 1 refused or failed, 64 wrong usage.
            """)

    @Argument(help: ArgumentHelp("The article, file or folder to move.", valueName: "src"))
    var source: String

    @Argument(help: ArgumentHelp("Its new path, or an existing folder to move it into.", valueName: "dst"))
    var destination: String

    @Flag(help: "Print every file move and every edit; change nothing.")
    var dryRun = false

    public init() {}

    public func validate() throws {
        guard !source.isEmpty, !destination.isEmpty else {
            throw ValidationError("Both <src> and <dst> must be paths.")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        let root = try Self.contentRoot(context)
        let sourcePath = try Self.contentPath(source, root: root, role: "source", context: context)
        let destinationPath = try Self.contentPath(
            destination, root: root, role: "destination", context: context)
        let prefix = ContentRoot.displayPrefix(root: root, currentDirectory: context.currentDirectory)
        let session = MoveSession(root: root, render: Renderer().render)
        let presenter = MovePresenter(console: context.console, prefix: prefix, dryRun: dryRun)
        do {
            let plan = try await session.prepare(
                source: sourcePath, destination: destinationPath,
                destinationIsFolder: destination.hasSuffix("/"))
            presenter.show(plan)
            guard !dryRun else {
                presenter.summary(plan, usedGit: false)
                return
            }
            let outcome = try await session.perform(plan)
            presenter.summary(outcome.plan, usedGit: outcome.usedGit)
        } catch {
            switch error {
            case .contentErrors(let diagnostics), .moveBrokeContent(let diagnostics, _):
                let formatter = DiagnosticFormatter(style: .text, pathPrefix: prefix)
                for diagnostic in diagnostics { context.console.error(formatter.line(for: diagnostic)) }
            case .refused, .executionFailed:
                break
            }
            throw CommandFailure(error.description)
        }
    }

    /// The content folder as the other commands find it (`.` or `./content`, whichever holds
    /// pylon-kb.yml), else the nearest folder above the current one that holds pylon-kb.yml,
    /// so `mv` works from inside a sub-folder of the content too.
    static func contentRoot(_ context: CommandContext) throws -> URL {
        let settings = Configuration.fileName
        let root = ContentRoot.defaultDirectory(currentDirectory: context.currentDirectory)
        var candidate = root.standardizedFileURL
        while !FileManager.default.fileExists(atPath: candidate.appendingPathComponent(settings).path) {
            let parent = candidate.deletingLastPathComponent()
            guard parent.path != candidate.path else {
                throw CommandFailure(
                    "No \(settings) in \(context.currentDirectory.path), ./content or a folder above; run mv where the content folder is."
                )
            }
            candidate = parent
        }
        return candidate
    }

    /// `argument` (relative to the current folder) as a path relative to the content root.
    static func contentPath(_ argument: String, root: URL, role: String, context: CommandContext) throws
        -> String
    {
        let path = context.url(argument).path
        let rootPath = root.standardizedFileURL.path
        if path == rootPath { return "" }
        guard path.hasPrefix(rootPath + "/") else {
            throw CommandFailure(
                "The \(role) \(argument) is not inside the content folder \(rootPath); mv moves files within one content folder."
            )
        }
        return String(path.dropFirst(rootPath.count + 1))
    }
}

/// Prints a move: the renames, every changed line (file:line: old → new), and the summary.
struct MovePresenter {
    let console: Console
    /// Turns content paths into paths relative to the current folder.
    let prefix: String
    let dryRun: Bool

    func show(_ plan: MovePlan) {
        console.print(dryRun ? "Would move (dry run, nothing changed):" : "Moving:")
        for move in plan.moves {
            let kind = move.isFolder ? " (folder)" : ""
            console.print("  \(prefix)\(move.from) → \(prefix)\(move.to)\(kind)")
        }
        guard !plan.edits.isEmpty else { return }
        console.print(dryRun ? "Would edit:" : "Editing:")
        for edit in plan.edits {
            for change in edit.changes {
                let place = dryRun ? "\(edit.path):\(change.line)" : "\(edit.pathAfter):\(change.lineAfter)"
                console.print("  \(prefix)\(place): \(Self.describe(change))")
            }
        }
    }

    static func describe(_ change: MovePlan.Change) -> String {
        if change.old.isEmpty { return "+ \(change.new)" }
        if change.new.isEmpty { return "- \(change.old)" }
        return "\(change.old) → \(change.new)"
    }

    func summary(_ plan: MovePlan, usedGit: Bool) {
        let files = plan.movedFiles.count
        let links = plan.rewrittenLinkCount
        var parts = [
            "\(dryRun ? "would move" : "moved") \(files) file\(files == 1 ? "" : "s")\(usedGit ? " (git mv)" : "")",
            "\(dryRun ? "would rewrite" : "rewrote") \(links) link\(links == 1 ? "" : "s") in \(plan.filesWithRewrittenLinks) file\(plan.filesWithRewrittenLinks == 1 ? "" : "s")",
        ]
        let slugs = plan.slugRecords.map { "\($0.oldSlug) → \($0.newSlug)" }
        parts.append(
            slugs.isEmpty
                ? "no slug changed"
                : "\(dryRun ? "would record" : "recorded") previous_slugs for \(slugs.count) (\(slugs.joined(separator: ", ")))"
        )
        let sentence = parts.joined(separator: "; ")
        console.print("")
        console.print(sentence.prefix(1).uppercased() + sentence.dropFirst() + ".")
        console.print(
            dryRun
                ? "Nothing was changed. Run without --dry-run to move."
                : "Run `pylon-kb plan` to see what Pylon needs: moved or renamed articles are replaced, with a redirect from each old address."
        )
    }
}
