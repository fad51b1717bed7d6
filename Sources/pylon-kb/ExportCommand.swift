import ArgumentParser
import Foundation
import PylonKB

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() async throws {
        let started = ContinuousClock.now
        let root = CommandPaths.contentRoot(directory)
        let outURL = URL(fileURLWithPath: out, isDirectory: true, relativeTo: CommandPaths.currentDirectory)
            .standardizedFileURL
        let writer = ExportWriter(folder: outURL, force: force)
        do {
            try writer.checkFolder()
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        let (configuration, diagnostics) = Configuration.load(root: root)
        if diagnostics.contains(where: { $0.severity == .error }) {
            for diagnostic in diagnostics { Console.error(diagnostic.description) }
            throw ExitCode.failure
        }

        let target = try await TargetConnection.connect(
            configuration: configuration, root: root, overrideKnowledgeBase: connection.knowledgeBase,
            verbose: connection.verbose)
        let export: KnowledgeBaseExport
        var imageFailures: [String] = []
        do {
            let base = try await target.client.knowledgeBase(id: target.knowledgeBaseID)
            let snapshot = try await SnapshotReader(client: target.client).read(
                knowledgeBaseID: target.knowledgeBaseID, languages: Set(base.supportedLanguages ?? []))
            var images: [String: Data]?
            if downloadImages {
                let downloaded = await ImageDownloader().download(
                    KnowledgeBaseExporter.imageSources(in: snapshot),
                    locate: Self.localAttachment(base: target.localEmulator?.baseURL))
                images = downloaded.images
                imageFailures = downloaded.failures
            }
            let source: ExportOptions.Source =
                target.localEmulator == nil ? .knowledgeBase(target.knowledgeBaseID) : .local
            export = KnowledgeBaseExporter().export(
                snapshot, options: ExportOptions(source: source, author: configuration.author, images: images)
            )
        } catch {
            await target.close()
            Console.error("error: Could not read \(target.description): \(error)")
            throw ExitCode.failure
        }
        await target.close()

        do {
            try writer.write(export)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        printSummary(export.report, warnings: imageFailures, elapsed: ContinuousClock.now - started)
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// The local knowledge base stores attachment URLs with the port it ran on when they were
    /// uploaded; fetch them from the port it runs on now.
    static func localAttachment(base: URL?) -> @Sendable (URL) -> URL {
        guard let base else { return { $0 } }
        return { url in
            guard let host = url.host, ["127.0.0.1", "localhost", "::1"].contains(host),
                url.path.hasPrefix("/attachments/"),
                var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            else { return url }
            components.scheme = base.scheme
            components.host = base.host
            components.port = base.port
            return components.url ?? url
        }
    }

    private func printSummary(_ report: ExportReport, warnings extra: [String], elapsed: Duration) {
        for entry in report.articles where !entry.keptAsHTML.isEmpty {
            print("\(out)/\(entry.path): kept as HTML: \(entry.keptAsHTML.joined(separator: ", "))")
        }
        for warning in report.warnings + extra { Console.error("warning: \(warning)") }
        let drafts = report.draftCount == 0 ? "" : " (\(report.draftCount) unpublished)"
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let warnings = report.warnings.count + extra.count
        print(
            "Exported \(Self.count(report.articles.count, "article"))\(drafts), \(Self.count(report.collectionCount, "collection")), \(Self.count(report.translationCount, "translation")) and \(Self.count(report.imageCount, "image")) to \(out) in \(String(format: "%.1f", seconds)) s, with \(Self.count(warnings, "warning"))."
        )
        print("Next: review it, commit it, and `pylon-kb plan \(out)` should show no changes.")
    }
}
