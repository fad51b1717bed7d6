import ArgumentParser
import Foundation
import PylonKB

public struct PullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Bring edits made in Pylon back into the Markdown files.",
        discussion: """
            Examples:
              pylon-kb pull
              pylon-kb pull --dry-run          # show the edits, write nothing
              pylon-kb pull --new --delete     # also files for articles created or deleted in Pylon

            Writes every article edited in Pylon since the last apply (body, title,
            tags, visibility, unlisted) into its file, changing only what was edited,
            and moves the state
            file's baseline so the next plan says "No changes". An article also
            changed in git since the last apply is a conflict: nothing is written for
            it (both versions between markers with --conflict-markers), and plan keeps
            refusing it under on_drift: fail. Unpublished drafts in Pylon are never
            pulled. Needs the state file apply writes. See docs/drift.md.

            Exit codes: 0 success (conflicts are listed, and exit 0), 1 error.
            """)

    @Argument(help: ArgumentHelp("The content folder (holds pylon-kb.yml).", valueName: "dir"))
    var directory: String?

    @Flag(help: "Show what would be written (as diffs); write nothing.")
    var dryRun = false

    @Flag(help: "Write files for articles created in Pylon inside collections the content owns.")
    var new = false

    @Flag(help: "Remove the files of articles deleted in Pylon (and their state records).")
    var delete = false

    @Flag(help: "For an article changed in git and in Pylon, write both versions between conflict markers.")
    var conflictMarkers = false

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    public func run() async throws {
        let context = CommandContext.current
        let console = context.console
        let root = CommandPaths.contentRoot(directory)
        // pull writes the state file: never while an apply of the same folder runs.
        var isDirectory: ObjCBool = false
        let lock =
            FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory)
                && isDirectory.boolValue
            ? try ApplyLock.acquire(contentRoot: root) : nil
        defer { lock?.release() }
        let configuration = try Configuration.loadValid(root: root, console: console)
        let options = PullOptions(
            createNew: new, deleteRemoved: delete, conflictMarkers: conflictMarkers, dryRun: dryRun)
        let formatter = DiagnosticFormatter(
            style: .text,
            pathPrefix: ContentRoot.displayPrefix(root: root, currentDirectory: context.currentDirectory))
        let (report, title) = try await TargetConnection.withConnection(
            configuration: configuration, root: root, options: connection,
            contentLanguages: Translation.languages(under: root), context: context
        ) { target in
            let session = PullSession(
                publish: PublishSession(
                    root: root, client: target.client, knowledgeBaseID: target.knowledgeBaseID,
                    stateStore: target.stateStore),
                options: options, localBaseURL: target.localEmulator?.baseURL)
            do {
                return (try await session.pull(), target.description)
            } catch let failure as PublishSession.Failure {
                if case .content(let diagnostics, _) = failure {
                    for diagnostic in diagnostics { console.error(formatter.line(for: diagnostic)) }
                }
                throw failure
            } catch let failure as PullSession.Failure {
                if case .pulledContentInvalid(let diagnostics) = failure {
                    for diagnostic in diagnostics { console.error(formatter.line(for: diagnostic)) }
                }
                throw failure
            }
        }
        PullPresenter(console: console, dryRun: dryRun).show(report, from: title)
    }
}
