import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

public struct ExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a knowledge base to a Markdown content folder that publishes back unchanged.",
        discussion: """
            Examples:
              pylon-kb export --kb 3f0c5d1e-… --out help
              pylon-kb export --out help --download-images
              pylon-kb export content --out /tmp/kb   # from content/pylon-kb.yml
              pylon-kb plan help --detailed-exitcode  # exits 0: no changes

            Reads --kb, else the knowledge base (or `target: local`) named in
            DIR/pylon-kb.yml. Collections become folders with _collection.yml,
            articles <slug>.md with front matter, translations <slug>.<lang>.md,
            and links between articles relative .md links. Images keep their URLs
            unless --download-images. Also writes pylon-kb.yml and
            .pylon-kb/state.json, so the folder owns the articles from the start.
            Exit codes: 0 exported, 1 error. See docs/migration.md.
            """)

    @Argument(
        help: ArgumentHelp(
            "A folder whose pylon-kb.yml names the knowledge base (and the default author).",
            valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("The folder to write (new or empty unless --force).", valueName: "dir"))
    var out: String

    @Flag(help: "Download every image once, save it in images/ beside the articles and link it relatively.")
    var downloadImages = false

    @Flag(help: "Write into a folder that is not empty, over files with the same names.")
    var force = false

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    public func run() async throws {
        let started = ContinuousClock.now
        let context = CommandContext.current
        let root = CommandPaths.contentRoot(directory)
        let session = ExportSession(
            folder: context.url(out, isDirectory: true), force: force, downloadImages: downloadImages)
        try session.checkFolder()
        let configuration = try Configuration.loadValid(root: root, console: context.console)
        let exported = try await TargetConnection.withConnection(
            configuration: configuration, root: root, options: connection
        ) { target in
            do {
                return try await session.read(
                    client: target.client, knowledgeBaseID: target.knowledgeBaseID,
                    source: target.localEmulator == nil ? .knowledgeBase(target.knowledgeBaseID) : .local,
                    author: configuration.author, localBaseURL: target.localEmulator?.baseURL)
            } catch {
                throw CommandFailure("Could not read \(target.description): \(error)")
            }
        }
        try session.write(exported)
        printSummary(exported, elapsed: ContinuousClock.now - started, console: context.console)
    }

    private func printSummary(_ exported: ExportSession.Exported, elapsed: Duration, console: Console) {
        let report = exported.export.report
        for entry in report.articles where !entry.keptAsHTML.isEmpty {
            console.print("\(out)/\(entry.path): kept as HTML: \(entry.keptAsHTML.joined(separator: ", "))")
        }
        for warning in exported.warnings { console.error("warning: \(warning)") }
        let drafts = report.draftCount == 0 ? "" : " (\(report.draftCount) unpublished)"
        let seconds = elapsed.inSeconds
        let count = PlanPresenter.count
        console.print(
            "Exported \(count(report.articles.count, "article"))\(drafts), \(count(report.collectionCount, "collection")), \(count(report.translationCount, "translation")) and \(count(report.imageCount, "image")) to \(out) in \(String(format: "%.1f", seconds)) s, with \(count(exported.warnings.count, "warning"))."
        )
        console.print("Next: review it, commit it, and `pylon-kb plan \(out)` should show no changes.")
    }
}
