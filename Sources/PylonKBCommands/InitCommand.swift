import ArgumentParser
import Foundation
import PylonKB

public struct InitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create a content folder with pylon-kb.yml and two sample articles, ready to check and publish.",
        discussion: """
            Examples:
              pylon-kb init my-kb                # local knowledge base
              cd my-kb && pylon-kb apply --auto-approve
              pylon-kb init help-center --kb "$KB_ID" --author you@example.com

            Without --kb the folder publishes to a local knowledge base (target: local)
            and needs no account. The folder's _README.md lists the next steps.
            """)

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var directory: String = "content"

    @Option(help: "The author of new articles: the email of a Pylon user (or a user id).")
    var author: String = "author@example.com"

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
        do {
            try ContentScaffold.checkFolder(
                CommandContext.current.url(directory, isDirectory: true), force: force)
        } catch {
            throw ValidationError(error.description)
        }
    }

    public func run() throws {
        let console = CommandContext.current.console
        let written = try ContentScaffold.write(
            to: CommandContext.current.url(directory, isDirectory: true), author: author,
            knowledgeBase: knowledgeBase, force: force)
        for path in written { console.print("  created \(directory)/\(path)") }
        console.print(
            "Next: pylon-kb check \(directory) && pylon-kb apply \(directory) --auto-approve  (see \(directory)/_README.md)"
        )
    }
}
