import ArgumentParser
import Foundation
import PylonKB

public struct InitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create a content folder with pylon-kb.yml and two sample articles, or adopt an existing docs folder (--from).",
        discussion: """
            Examples:
              pylon-kb init my-kb                # local knowledge base
              cd my-kb && pylon-kb apply --auto-approve
              pylon-kb init help-center --kb "$KB_ID" --author you@example.com
              pylon-kb init --from ./website     # an existing Hugo, Docusaurus, MkDocs,
                                                 # Jekyll or docfx folder

            Without --kb the folder publishes to a local knowledge base (target: local)
            and needs no account. The folder's _README.md lists the next steps.

            --from writes only pylon-kb.yml into an existing folder (dialect, site and
            pages detected from the generator's configuration) and prints what the
            pages become in Pylon; see docs/adopting.md.
            """)

    @Argument(help: ArgumentHelp("The folder to create (default: content).", valueName: "dir"))
    var directory: String?

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp(
            "Adopt this existing docs folder: write its pylon-kb.yml and report what maps to what.",
            valueName: "dir"))
    var existingFolder: String?

    @Option(help: "The author of new articles: the email of a Pylon user (or a user id).")
    var author: String?

    @Option(
        name: .customLong("kb"),
        help: ArgumentHelp(
            "Publish to this Pylon knowledge base (see `pylon-kb knowledge-bases`) instead of the local one.",
            valueName: "id"))
    var knowledgeBase: String?

    @Flag(help: "Add the starter files to a folder that is not empty (existing files are kept).")
    var force = false

    public init() {}

    /// A folder that is not empty, without --force, is wrong usage: nothing is written.
    public func validate() throws {
        if let existingFolder {
            if directory != nil {
                throw ValidationError(
                    "Pass either a folder to create or --from with an existing folder, not both.")
            }
            var isDirectory: ObjCBool = false
            let url = CommandContext.current.url(existingFolder, isDirectory: true)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw ValidationError(
                    "--from \(existingFolder) is not a folder; pass the folder of your docs site.")
            }
            return
        }
        do {
            try ContentScaffold.checkFolder(
                CommandContext.current.url(directory ?? "content", isDirectory: true), force: force)
        } catch {
            throw ValidationError(error.description)
        }
    }

    public func run() async throws {
        if let existingFolder {
            try await adopt(existingFolder)
            return
        }
        let directory = directory ?? "content"
        let console = CommandContext.current.console
        let written = try ContentScaffold.write(
            to: CommandContext.current.url(directory, isDirectory: true),
            author: author ?? "author@example.com",
            knowledgeBase: knowledgeBase, force: force)
        for path in written { console.print("  created \(directory)/\(path)") }
        console.print(
            "Next: pylon-kb check \(directory) && pylon-kb apply \(directory) --auto-approve  (see \(directory)/_README.md)"
        )
    }

    /// `--from`: detect, write pylon-kb.yml, load and check, and say what maps to what.
    private func adopt(_ folder: String) async throws {
        let console = CommandContext.current.console
        let root = CommandContext.current.url(folder, isDirectory: true)
        let detection = SiteDetection.detect(in: root)
        let text = SiteAdoption.configurationText(detection, knowledgeBase: knowledgeBase, author: author)
        try SiteAdoption.write(text, to: root, force: force)
        console.print("  created \(folder)/\(Configuration.fileName)")
        let check = try await ContentCheck.run(root: root, render: Renderer().render)
        for line in SiteAdoption.summary(detection, check: check) { console.print(line) }
        console.print("Next: pylon-kb check \(folder) && pylon-kb plan \(folder)  (see docs/adopting.md)")
    }
}
